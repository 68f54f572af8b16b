"""The monthly performance report: one self-contained HTML file per LA and month.

    csc report --la 999 --month 2019-12 [--db PATH] [--out FILE] [--pdf]

render_report() is the whole job and is what `csc publish` calls; main() is the command line
around it. The report reads the marts only (read-only), so it always agrees with them.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from csc.report.data import ReportError
from csc.report.render import render_report

__all__ = ["ReportError", "main", "render_report"]


def main(argv: Sequence[str] | None = None) -> int:
    """Render the report to a file (or stdout with --out -) and say how big and how fast."""
    from csc.dbt import warehouse_path

    parser = argparse.ArgumentParser(
        prog="csc report",
        description="Render the monthly performance report (one self-contained HTML file).",
    )
    parser.add_argument("--la", required=True, help="the LA's 3-digit code, e.g. 999")
    parser.add_argument("--month", required=True, help="the reported month, YYYY-MM")
    parser.add_argument("--db", help="DuckDB file (default: $CSC_DUCKDB_PATH or "
                                     "warehouse/csc.duckdb)")
    parser.add_argument("--out", help="output file (default: report-<la>-<month>.html; "
                                      "'-' for stdout)")
    parser.add_argument("--pdf", action="store_true",
                        help="also print it to A4 PDF beside the HTML (needs Chromium)")
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    if args.pdf and args.out == "-":
        parser.error("--pdf writes a file beside the HTML: give --out FILE, not '-'")

    started = time.perf_counter()
    try:
        html = render_report(warehouse_path(args.db), args.la, args.month)
    except ReportError as exc:
        print(f"csc report: {exc}", file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - started
    if args.out == "-":
        sys.stdout.write(html)
        return 0
    out = Path(args.out or f"report-{args.la}-{args.month}.html")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(html, encoding="utf-8")
    size = out.stat().st_size
    print(f"wrote {out} ({size / 1024:.0f} KiB) in {elapsed:.2f} s", file=sys.stderr)
    if args.pdf:
        return _print_pdf(out)
    return 0


def _print_pdf(html: Path) -> int:
    """`csc report --pdf`: the PDF beside the HTML, or exit 1 saying why not."""
    from csc.report.pdf import html_to_pdf

    started = time.perf_counter()
    try:
        pdf = html_to_pdf(html, html.with_suffix(".pdf"))
    except (OSError, RuntimeError) as exc:
        print(f"csc report: no PDF: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {pdf} ({pdf.stat().st_size / 1024:.0f} KiB) in "
          f"{time.perf_counter() - started:.2f} s", file=sys.stderr)
    return 0
