"""Errors a person can act on: one line on stderr and a documented exit code, no traceback.

Why an exception rather than print-and-return: the checks sit in small helpers (argument types,
the warehouse file) far from the command's exit, and every command must report them the same way.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from csc import exit_codes


class CscError(Exception):
    """A failure with a plain message; exit_code says what kind (csc.exit_codes)."""

    exit_code = exit_codes.FAILED

    def __init__(self, message: str, prog: str | None = None) -> None:
        super().__init__(message)
        #: The command that raised it (e.g. 'csc run'), when it knows better than the caller.
        self.prog = prog


class UsageError(CscError):
    """A command line that cannot run (bad option, missing folder or file); nothing started."""

    exit_code = exit_codes.USAGE


class WarehouseInUse(CscError):
    """Another process holds the DuckDB file; running again later will work."""

    exit_code = exit_codes.IN_USE


def reported(prog: str, action: Callable[[], int]) -> int:
    """Run a command; a CscError becomes '<prog>: <message>' on stderr and its exit code."""
    try:
        return action()
    except CscError as exc:
        print(f"{exc.prog or prog}: {exc}", file=sys.stderr)
        return exc.exit_code
