"""Regenerate docs/report-screenshot.png, the picture of the report in the README.

    .venv/bin/python -m csc.report.screenshot            # builds the demo in a temp folder
    .venv/bin/python -m csc.report.screenshot --db PATH  # or uses an existing warehouse

Without --db it builds the embedded demo into its own temporary DuckDB file and dbt target
folder (never warehouse/csc.duckdb or target/, which others may be using), renders December
2019 for LA 999 and photographs the top of the page (the summary and the first sections) in
headless Chromium with the network refused. It prints the report's size and render time.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from csc import PROJECT_DIR
from csc.dbt import run_dbt
from csc.report.browser import Chromium
from csc.report.render import render_report

DEFAULT_OUT = PROJECT_DIR / "docs" / "report-screenshot.png"


def build_demo(workdir: Path) -> Path:
    """dbt build of the embedded demo into workdir; the DuckDB file's path."""
    db_path = workdir / "csc.duckdb"
    proc = run_dbt(["build"], db_path=db_path, target_path=workdir / "target", capture=True)
    if proc.returncode != 0:
        raise SystemExit(f"dbt build of the demo failed:\n{(proc.stdout + proc.stderr)[-4000:]}")
    return db_path


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m csc.report.screenshot",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="an existing warehouse (default: build the demo)")
    parser.add_argument("--la", default="999")
    parser.add_argument("--month", default="2019-12")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--height", type=int, default=1800,
                        help="pixels of the page to keep, from the top (width is 1200)")
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))

    with tempfile.TemporaryDirectory(prefix="csc-report-shot-") as tmp:
        workdir = Path(tmp)
        db_path = args.db or build_demo(workdir)
        started = time.perf_counter()
        html = render_report(db_path, args.la, args.month)
        elapsed = time.perf_counter() - started
        page = workdir / f"report-{args.la}-{args.month}.html"
        page.write_text(html, encoding="utf-8")
        with Chromium(width=1200, height=900) as browser:
            load = browser.open(page.as_uri())
            if load.console_errors or load.failed_requests or not load.loaded:
                print(f"the report did not load cleanly: {load}", file=sys.stderr)
                return 1
            browser.screenshot(args.out, clip_height=args.height)
    print(f"report: {len(html.encode()) / 1024:.0f} KiB, rendered in {elapsed:.2f} s; "
          f"screenshot: {args.out} ({args.out.stat().st_size / 1024:.0f} KiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
