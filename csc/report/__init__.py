"""The monthly performance report: one self-contained HTML file per LA and month.

    csc report --la-code 999 --month 2019-12 [--db FILE] [--out DIR] [--pdf]
    csc report --region --month 2019-12 [--db FILE] [--out DIR]   (every LA, suppressed)

render_report() is the whole job and is what `csc publish` calls; main() is the command line
around it. The report reads the marts only (read-only), so it always agrees with them.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from csc import exit_codes, options
from csc.errors import CscError, reported
from csc.report.data import ReportError
from csc.report.render import render_report

__all__ = ["ReportError", "build_parser", "main", "render_report"]


def build_parser() -> options.Parser:
    parser = options.Parser(
        prog="csc report",
        description="Render the monthly performance report (one self-contained HTML file).",
        epilog=exit_codes.epilog(), formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    options.add_la_code(parser, "the LA's 3-digit code (required unless --region), e.g. 999")
    options.add_month(parser, "the reported month (required)", required=True)
    options.add_db(parser)
    parser.add_argument("--out", metavar="DIR", default=".",
                        help="folder to write report-<la>-<month>.html into (default: the "
                             "current folder); '-' writes the HTML to stdout; a name ending "
                             "in .html is taken as the file, as before")
    parser.add_argument("--region", action="store_true",
                        help="the regional report instead: every LA of the run side by side, "
                             "small numbers suppressed (csc.report.regional), written to "
                             "DIR/regional-report-<month>.html")
    parser.add_argument("--pdf", action="store_true",
                        help="also print it to A4 PDF beside the HTML (needs Chromium)")
    return parser


def output_file(out: str, la_code: str, month: str) -> Path:
    """Where the report goes: DIR/report-<la>-<month>.html, or the file an old-style --out
    FILE.html names (kept so that existing scripts still work)."""
    return _html_path(out, f"report-{la_code}-{month}.html")


def _html_path(out: str, name: str) -> Path:
    """--out as a file when it ends in .html, else the folder that gets `name`."""
    path = Path(out)
    return path if path.suffix.lower() == ".html" else path / name


def _write_html(html: str, out: Path, elapsed: float) -> None:
    """Write the report and say how big it is and how long it took (on stderr)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(html, encoding="utf-8")
    print(f"wrote {out} ({out.stat().st_size / 1024:.0f} KiB) in {elapsed:.2f} s",
          file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Render the report to a file (or stdout with --out -) and say how big and how fast."""
    return reported("csc report", lambda: _report_command(argv))


def _report_command(argv: Sequence[str] | None) -> int:
    from csc.warehouse import require_readable

    parser = build_parser()
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    if args.region:
        return _regional_command(parser, args)
    options.require(parser, args.la_code, "--la-code")
    db = require_readable(args.db)
    if args.pdf and args.out == "-":
        parser.error("--pdf writes a file beside the HTML: give --out DIR, not '-'")

    started = time.perf_counter()
    try:
        html = render_report(db, args.la_code, args.month)
    except ReportError as exc:
        raise CscError(str(exc)) from exc
    elapsed = time.perf_counter() - started
    if args.out == "-":
        sys.stdout.write(html)
        return exit_codes.OK
    out = output_file(args.out, args.la_code, args.month)
    _write_html(html, out, elapsed)
    if args.pdf:
        return _print_pdf(out)
    return exit_codes.OK


def _regional_command(parser: options.Parser, args: argparse.Namespace) -> int:
    """`csc report --region`: the regional report, one file for every LA of the run."""
    from csc.report.regional import render_regional_report
    from csc.warehouse import require_readable

    if args.la_code:
        parser.error("--region covers every LA of the run: leave out --la-code")
    if args.pdf:
        parser.error("--pdf is for the LA report; print the regional report from a browser")
    db = require_readable(args.db)
    started = time.perf_counter()
    try:
        html = render_regional_report(db, args.month)
    except ReportError as exc:
        raise CscError(str(exc)) from exc
    elapsed = time.perf_counter() - started
    if args.out == "-":
        sys.stdout.write(html)
        return exit_codes.OK
    _write_html(html, _html_path(args.out, f"regional-report-{args.month}.html"), elapsed)
    return exit_codes.OK


def _print_pdf(html: Path) -> int:
    """`csc report --pdf`: the PDF beside the HTML, or exit 1 saying why not."""
    from csc.report.pdf import html_to_pdf

    started = time.perf_counter()
    try:
        pdf = html_to_pdf(html, html.with_suffix(".pdf"))
    except (OSError, RuntimeError) as exc:
        print(f"csc report: no PDF: {exc}", file=sys.stderr)
        return exit_codes.FAILED
    print(f"wrote {pdf} ({pdf.stat().st_size / 1024:.0f} KiB) in "
          f"{time.perf_counter() - started:.2f} s", file=sys.stderr)
    return exit_codes.OK
