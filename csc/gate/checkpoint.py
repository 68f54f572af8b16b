"""Run the reviewable GX checkpoint (expectations/gx) on the gate's frames, offline.

The project in the repository is copied into a per-run workspace so that runs never write into
the source tree and parallel runs on different warehouses never share a results store. The
copy's datasource reads the frames from <workspace>/frames (the placeholder ${GATE_FRAMES_DIR}
in great_expectations.yml is replaced in the copy), and Data Docs are built in the copy.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import math
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from csc.gate.config import GX_PROJECT_DIR

CHECKPOINT_NAME = "publication_gate"
#: The datasource folder in expectations/gx/great_expectations.yml, set per run.
FRAMES_PLACEHOLDER = "${GATE_FRAMES_DIR}"
#: How many failing rows one failure message lists before "and N more".
MAX_ROWS_PER_FAILURE = 5


@dataclass
class CheckpointOutcome:
    """What the checkpoint found, in plain Python."""

    results: dict[str, Any]
    failures: list[str]
    n_expectations: int
    n_failed: int
    data_docs_index: Path | None


def preload_great_expectations() -> threading.Thread:
    """Import Great Expectations in a background thread and return the thread.

    The import costs 2-4 s of CPU, as much as the gate itself on a council's data. csc run
    starts it before the dbt build, which runs in a child process, so the gate finds it done;
    Python's import lock makes run_checkpoint wait for an import still under way.
    """
    import importlib

    thread = threading.Thread(target=importlib.import_module, args=("great_expectations",),
                              name="import great_expectations", daemon=True)
    thread.start()
    return thread


def _jsonable(value: Any) -> Any:
    """Make numpy scalars, dates, NaN and paths JSON-friendly (NaN becomes null)."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, str | bytes):
        try:
            value = value.item()
        except (TypeError, ValueError):
            return str(value)
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    if isinstance(value, dt.date | dt.datetime | Path):
        return str(value)
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def prepare_workspace(workspace: Path, frames: dict[str, pd.DataFrame]) -> Path:
    """Copy the GX project into workspace, write the frames; return the GX project root."""
    workspace.mkdir(parents=True, exist_ok=True)
    for sub in ("gx", "frames"):
        shutil.rmtree(workspace / sub, ignore_errors=True)
    shutil.copytree(GX_PROJECT_DIR, workspace / "gx",
                    ignore=shutil.ignore_patterns("uncommitted", "__pycache__"))
    frames_dir = workspace / "frames"
    frames_dir.mkdir()
    for name, frame in frames.items():
        frame.to_parquet(frames_dir / f"{name}.parquet", index=False)
    # GX substitutes config variables only in string settings, not in a datasource's
    # base_directory, so the copy gets the absolute folder written in place of the placeholder.
    yml = workspace / "gx" / "great_expectations.yml"
    text = yml.read_text(encoding="utf-8")
    if FRAMES_PLACEHOLDER not in text:
        raise RuntimeError(f"{GX_PROJECT_DIR}/great_expectations.yml lost {FRAMES_PLACEHOLDER}")
    yml.write_text(text.replace(FRAMES_PLACEHOLDER, json.dumps(str(frames_dir.resolve()))),
                   encoding="utf-8")
    return workspace


def _bounds(kwargs: dict[str, Any]) -> str:
    parts = []
    if kwargs.get("column"):
        parts.append(str(kwargs["column"]))
    if kwargs.get("column_A"):
        parts.append(f"{kwargs['column_A']} >{'=' if kwargs.get('or_equal') else ''} "
                     f"{kwargs.get('column_B')}")
    if kwargs.get("min_value") is not None:
        parts.append(f"min {kwargs['min_value']}")
    if kwargs.get("max_value") is not None:
        parts.append(f"max {kwargs['max_value']}")
    if kwargs.get("value_set") is not None:
        parts.append(f"in {list(kwargs['value_set'])}")
    condition = kwargs.get("row_condition")
    if isinstance(condition, dict) and "column" in condition:
        condition = (f"{condition['column'].get('name')} {condition.get('operator')} "
                     f"{condition.get('parameter')!r}")
    elif isinstance(condition, dict):
        condition = condition.get("pass_through_filter")
    if condition:
        parts.append(f"where {condition}")
    return ", ".join(parts)


def describe_failure(suite: str, expectation: dict[str, Any]) -> str:
    """One line naming the suite, the expectation, what it checks and what was observed."""
    kind = expectation["expectation_config"]["type"]
    kwargs = expectation["expectation_config"]["kwargs"]
    result = expectation.get("result") or {}
    head = f"{suite}: {kind}({_bounds(kwargs)}) failed"
    rows = result.get("unexpected_index_list")
    if rows:
        shown = []
        for row in rows[:MAX_ROWS_PER_FAILURE]:
            la, subject, detail = row.get("la_code"), row.get("subject"), row.get("detail")
            observed = ", ".join(f"{k}={_jsonable(v)}" for k, v in row.items()
                                 if k not in ("la_code", "subject", "detail"))
            shown.append(f"LA {la} {subject}: observed {observed} [{detail}]")
        more = len(rows) - len(shown)
        return head + " for " + "; ".join(shown) + (f"; and {more} more" if more > 0 else "")
    if "observed_value" in result:
        return f"{head}: observed {_jsonable(result['observed_value'])}"
    if expectation.get("exception_info", {}).get("raised_exception"):
        return f"{head}: {expectation['exception_info'].get('exception_message')}"
    return head


def run_checkpoint(
    frames: dict[str, pd.DataFrame], workspace: Path, parameters: dict[str, Any]
) -> CheckpointOutcome:
    """Run the checkpoint on the frames in workspace and build Data Docs there."""
    import great_expectations as gx

    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    prepare_workspace(workspace, frames)
    context = gx.get_context(mode="file", project_root_dir=workspace)
    checkpoint = context.checkpoints.get(CHECKPOINT_NAME)
    names = {vd.name for vd in checkpoint.validation_definitions}
    if names != set(frames):
        raise RuntimeError(
            f"checkpoint {CHECKPOINT_NAME} validates {sorted(names)} but the gate builds "
            f"frames {sorted(frames)}: keep expectations/gx and csc/gate/frames.py in step")
    outcome = checkpoint.run(expectation_parameters=parameters)
    # Built once here rather than by an UpdateDataDocsAction, which rebuilds the whole site
    # after every validation definition (eight times).
    context.build_data_docs()

    suites: list[dict[str, Any]] = []
    failures: list[str] = []
    n_expectations = n_failed = 0
    for run_result in outcome.run_results.values():
        payload = _jsonable(run_result.to_json_dict())
        suite = payload.get("suite_name") or "?"
        for expectation in payload.get("results", []):
            n_expectations += 1
            if not expectation.get("success"):
                n_failed += 1
                failures.append(describe_failure(suite, expectation))
        suites.append(payload)

    index: Path | None = None
    for site in context.get_docs_sites_urls():
        url = site.get("site_url") or ""
        if url.startswith("file://"):
            index = Path(url.removeprefix("file://"))
    results = {
        "checkpoint": CHECKPOINT_NAME,
        "success": bool(outcome.success) and n_failed == 0,
        "great_expectations_version": gx.__version__,
        "expectation_parameters": _jsonable(parameters),
        "statistics": {"evaluated_expectations": n_expectations,
                       "unsuccessful_expectations": n_failed},
        "suites": suites,
    }
    return CheckpointOutcome(results=results, failures=failures, n_expectations=n_expectations,
                             n_failed=n_failed, data_docs_index=index)
