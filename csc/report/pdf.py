"""The report as an A4 PDF beside the HTML, printed by headless Chromium when it is installed.

Chromium prints the HTML file itself with the report's print stylesheet (A4, each KPI on its own
page) and the network refused (csc.report.browser), so the PDF never differs from the HTML.
Without Chromium there is no PDF: `csc run` records why in the publication's manifest and
`csc report --pdf` says so.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from types import TracebackType

from csc.report.browser import Chromium, find_chromium

NO_CHROMIUM = ("report.pdf not written: Chromium is not installed "
               "(apt-get install chromium, then publish again)")


class PdfPrinter:
    """Prints HTML files with one Chromium, started on first use; a context manager."""

    def __init__(self) -> None:
        self._stack = contextlib.ExitStack()
        self._browser: Chromium | None = None

    def print(self, html: Path, pdf: Path) -> Path:
        """Print html (a file) to pdf; raises FileNotFoundError without Chromium."""
        if self._browser is None:
            self._browser = self._stack.enter_context(Chromium())
        load = self._browser.open(Path(html).resolve().as_uri())
        if not load.loaded:
            raise RuntimeError(f"Chromium did not finish loading {html}")
        return self._browser.print_pdf(pdf)

    def print_beside(self, html: Path) -> str | None:
        """Write <html stem>.pdf beside html; None when written, else a note saying why not.

        The PDF is a convenience next to the HTML, so a missing or failing Chromium never stops
        a publication: the note goes into its manifest instead.
        """
        pdf = Path(html).with_suffix(".pdf")
        if find_chromium() is None:
            return NO_CHROMIUM
        try:
            self.print(html, pdf)
        except (OSError, RuntimeError) as exc:
            pdf.unlink(missing_ok=True)
            self.close()  # start afresh for the next file
            return f"report.pdf not written: Chromium failed ({exc})"
        return None

    def close(self) -> None:
        self._stack.close()
        self._stack = contextlib.ExitStack()
        self._browser = None

    def __enter__(self) -> PdfPrinter:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


def html_to_pdf(html: Path, pdf: Path) -> Path:
    """One file: print html to pdf (FileNotFoundError when Chromium is not installed)."""
    with PdfPrinter() as printer:
        return printer.print(html, pdf)
