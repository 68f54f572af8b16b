"""The exit codes of every csc command, in one place, so that scripts can rely on them.

Why 64 and 75: a mistyped option must never look like "the quality gate refused the month"
(2) to a scheduler that retries or alerts on the code; the BSD sysexits values EX_USAGE and
EX_TEMPFAIL say "fix the command" and "try again later".
"""

from __future__ import annotations

OK = 0
#: dbt build failed (csc build, csc run), or the report has no such LA or month (csc report).
FAILED = 1
#: The quality gate refused the month; nothing was published.
GATE_REFUSED = 2
#: Publication failed; nothing was published.
PUBLISH_FAILED = 3
#: EX_USAGE: a bad option or argument, a missing extract folder or warehouse file; nothing ran.
USAGE = 64
#: EX_TEMPFAIL: another process holds the warehouse file; run again when it has finished.
IN_USE = 75

MEANINGS: dict[int, str] = {
    OK: "done (csc run: the month was published)",
    FAILED: "dbt build failed (build, run); no such LA or month in the warehouse (report)",
    GATE_REFUSED: "the quality gate refused the month; nothing was published",
    PUBLISH_FAILED: "publication failed; nothing was published",
    USAGE: "usage error: bad option, argument, extract folder or warehouse path; nothing ran",
    IN_USE: "the warehouse is in use by another process; run again when it has finished",
}


def epilog() -> str:
    """The exit codes as a help epilog."""
    return "exit codes:\n" + "\n".join(f"  {code:<3} {text}" for code, text in MEANINGS.items())
