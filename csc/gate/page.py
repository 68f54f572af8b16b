"""The gate's validation results as one self-contained HTML page that opens offline.

GX's Data Docs fetch their scripts and stylesheets from CDNs (16 requests to 7 hosts for this
project's index), so offline the index renders empty; and they stay in the run's workspace.
This page is rendered from the JSON the gate writes (validation_results.json), the same way the
report is: inline CSS, no script, no font, no link out. It lists every suite and every
expectation with its verdict, what it checked and what was observed, including the failing
rows the gate names.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from csc.gate.checkpoint import _bounds as bounds_text
from csc.gate.checkpoint import _jsonable

TEMPLATES = Path(__file__).resolve().parent / "templates"
PAGE_FILE = "validation.html"
#: Failing rows listed per expectation before "and N more" (the JSON keeps them all).
MAX_ROWS_SHOWN = 25
INDEX_COLUMNS = ("la_code", "subject", "detail")


def _observed(result: dict[str, Any]) -> str:
    """What the expectation saw, in words."""
    if result.get("observed_value") is not None:
        return f"observed {_jsonable(result['observed_value'])}"
    if "element_count" in result:
        total = int(result.get("element_count") or 0)
        bad = int(result.get("unexpected_count") or 0)
        missing = int(result.get("missing_count") or 0)
        text = f"{total - missing - bad} of {total} rows as expected"
        if bad:
            text += f"; {bad} not"
        if missing:
            text += f"; {missing} without a value (not checked)"
        return text
    if result.get("missing_count") is not None:
        return f"{result['missing_count']} expected values missing"
    return ""


def _rows(result: dict[str, Any]) -> tuple[list[dict[str, str]], int]:
    """The failing rows (LA, subject, detail, observed values) and how many were left out."""
    rows = result.get("unexpected_index_list") or []
    shown = []
    for row in rows[:MAX_ROWS_SHOWN]:
        if not isinstance(row, dict):
            shown.append({"la_code": "", "subject": str(row), "detail": "", "observed": ""})
            continue
        observed = ", ".join(f"{k} = {_jsonable(v)}" for k, v in row.items()
                             if k not in INDEX_COLUMNS)
        shown.append({**{k: str(row.get(k) or "") for k in INDEX_COLUMNS},
                      "observed": observed})
    return shown, max(len(rows) - len(shown), 0)


def page_context(results: dict[str, Any]) -> dict[str, Any]:
    """Everything the template prints, already worded."""
    suites = []
    for suite in results.get("suites", []):
        expectations = []
        for number, item in enumerate(suite.get("results", []), start=1):
            config = item.get("expectation_config", {})
            result = item.get("result") or {}
            rows, more = _rows(result)
            exception = item.get("exception_info") or {}
            expectations.append({
                "number": number,
                "passed": bool(item.get("success")),
                "description": config.get("description") or "",
                "type": config.get("type", "?"),
                "check": bounds_text(config.get("kwargs", {})),
                "observed": _observed(result),
                "rows": rows,
                "more_rows": more,
                "error": exception.get("exception_message")
                if exception.get("raised_exception") else None,
            })
        failed = sum(not e["passed"] for e in expectations)
        suites.append({"name": suite.get("suite_name", "?"), "expectations": expectations,
                       "n": len(expectations), "failed": failed, "passed": failed == 0})
    n = sum(s["n"] for s in suites)
    failed = sum(s["failed"] for s in suites)
    return {
        "month": results.get("month") or "each LA's latest month",
        "passed": bool(results.get("success")) and failed == 0 and n > 0,
        "n": n,
        "failed": failed,
        "suites": suites,
        "checkpoint": results.get("checkpoint", ""),
        "gx_version": results.get("great_expectations_version", ""),
        "warehouse": results.get("warehouse", ""),
        "parameters": sorted((results.get("expectation_parameters") or {}).items()),
    }


def render_validation_page(results: dict[str, Any]) -> str:
    """The page for one gate run's results (GateResult.results or validation_results.json)."""
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    return env.get_template("validation.html.j2").render(**page_context(results))


def write_validation_page(folder: Path, results: dict[str, Any]) -> Path:
    """Write validation.html into folder and return its path."""
    path = Path(folder) / PAGE_FILE
    path.write_text(render_validation_page(results), encoding="utf-8")
    return path
