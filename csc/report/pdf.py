"""The report as an A4 PDF beside the HTML, printed by headless Chromium when it is installed.

Chromium prints the HTML file itself with the report's print stylesheet (A4, each KPI on its own
page) and the network refused (csc.report.browser), so the PDF never differs from the HTML.
Without Chromium there is no PDF: `csc run` records why in the publication's manifest and
`csc report --pdf` says so.
"""

from __future__ import annotations

import contextlib
from concurrent.futures import Future, ThreadPoolExecutor
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

    def start(self) -> None:
        """Start Chromium now rather than at the first print, when it is installed; a failure is
        left for the first print to meet (and note)."""
        if self._browser is None and find_chromium() is not None:
            with contextlib.suppress(OSError, RuntimeError):
                self._browser = self._stack.enter_context(Chromium())

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


class BackgroundPrinter:
    """A PdfPrinter in a thread of its own: print_beside returns at once with a Future.

    Why: Chromium is a separate process, so while it prints one LA's report Python can write the
    next LA's files; a regional publication spent ~17 s of its ~43 s waiting for the prints.
    Files print one at a time, in the order given. close() waits for the print under way and
    drops the rest, so nothing is written into a folder after its owner has removed it.
    """

    def __init__(self, start: bool = False) -> None:
        self._printer = PdfPrinter()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="csc-pdf")
        if start:  # Chromium starts while the caller writes its first files
            self._pool.submit(self._printer.start)

    def print_beside(self, html: Path) -> Future[str | None]:
        """PdfPrinter.print_beside(html), run in the printer's thread."""
        return self._pool.submit(self._printer.print_beside, html)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._printer.close()

    def __enter__(self) -> BackgroundPrinter:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


def html_to_pdf(html: Path, pdf: Path) -> Path:
    """One file: print html to pdf (FileNotFoundError when Chromium is not installed)."""
    with PdfPrinter() as printer:
        return printer.print(html, pdf)
