"""The quality gate: Great Expectations between the warehouse and anything published.

dbt tests guard the build; this gate decides whether a month may be published. It checks the
extract as staged, marts.kpi_values and the scorecard of the month, with the suites in
expectations/gx and the thresholds in expectations/gate.yml, and leaves a JSON document as the
durable record and a self-contained HTML page of it (validation.html, csc.gate.page) as the
human-readable one; GX's Data Docs are built too, but need the network to display.

    csc gate [--db FILE] [--month YYYY-MM] [--gate-config YAML]

Exit 0 when every expectation holds, 2 when any fails (the failures are printed), 64 on a
usage error, 75 when another process holds the warehouse.
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import yaml

from csc import exit_codes, months, options
from csc.errors import UsageError, reported
from csc.gate.config import expectation_parameters, load_config
from csc.warehouse import require_readable


@dataclass
class GateResult:
    """The gate's verdict on one warehouse (and month)."""

    passed: bool
    n_expectations: int
    n_failed: int
    #: One line per failed expectation: suite, expectation, LA, table/column or KPI, observed.
    failures: list[str]
    #: JSON-serialisable validation results (every suite and expectation, with parameters).
    results: dict[str, Any]
    data_docs_index: Path | None
    month: str | None = None
    workspace: Path | None = None
    #: results written as JSON in the workspace (publish copies it into each publication).
    results_path: Path | None = None
    #: the results as a self-contained HTML page in the workspace (csc.gate.page), offline.
    page_path: Path | None = None
    elapsed_seconds: float = 0.0
    config: dict[str, Any] = field(default_factory=dict)

    def summary(self) -> str:
        """A short text for the console and the run log."""
        verdict = "passed" if self.passed else "FAILED"
        lines = [f"Quality gate {verdict}: {self.n_expectations - self.n_failed} of "
                 f"{self.n_expectations} expectations hold ({self.elapsed_seconds:.1f} s)."]
        lines += [f"  - {f}" for f in self.failures]
        if self.page_path:
            lines.append(f"Validation results: {self.page_path}")
        if self.data_docs_index:
            lines.append(f"Data Docs (need the network): {self.data_docs_index}")
        return "\n".join(lines)


def _check_month(month: str | None) -> str | None:
    if month is None:
        return None
    try:
        months.parse_month(month)
    except ValueError as exc:
        raise ValueError(f"month must be YYYY-MM, got {month!r}") from exc
    return month


def default_workspace(db_path: Path) -> Path:
    """Where a run's GX copy, frames and Data Docs go: beside the warehouse file."""
    return db_path.parent / f"{db_path.stem}.gate"


def run_gate(
    db_path: Path,
    month: str | None = None,
    config_path: Path | None = None,
    workspace: Path | None = None,
) -> GateResult:
    """Validate the warehouse in db_path (read-only) and return the verdict.

    month (YYYY-MM) is the month to be published; None checks each LA's latest month.
    """
    from csc.gate.checkpoint import run_checkpoint
    from csc.gate.frames import build_frames
    from csc.gate.page import write_validation_page

    started = time.perf_counter()
    month = _check_month(month)
    db_path = Path(db_path)
    if not db_path.exists():
        raise FileNotFoundError(f"no warehouse at {db_path}")
    config = load_config(config_path)
    with duckdb.connect(str(db_path), read_only=True) as con:
        frames = build_frames(con, config, month)
    workspace = Path(workspace) if workspace else default_workspace(db_path)
    outcome = run_checkpoint(frames, workspace, expectation_parameters(config))
    outcome.results["month"] = month
    outcome.results["warehouse"] = str(db_path)
    results_path = workspace / "validation_results.json"
    results_path.write_text(json.dumps(outcome.results, indent=2), encoding="utf-8")
    page_path = write_validation_page(workspace, outcome.results)
    return GateResult(
        passed=outcome.n_failed == 0 and outcome.n_expectations > 0,
        n_expectations=outcome.n_expectations,
        n_failed=outcome.n_failed,
        failures=outcome.failures,
        results=outcome.results,
        data_docs_index=outcome.data_docs_index,
        month=month,
        workspace=workspace,
        results_path=results_path,
        page_path=page_path,
        elapsed_seconds=time.perf_counter() - started,
        config=config,
    )


def build_parser() -> options.Parser:
    parser = options.Parser(prog="csc gate", description=__doc__,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    options.add_db(parser)
    options.add_month(parser, "month to be published (default: each LA's latest month)")
    options.add_gate_config(parser)
    return parser


def main(argv: list[str]) -> int:
    """`csc gate`: run the gate and print the verdict; exit 2 when it fails."""
    return reported("csc gate", lambda: _gate_command(argv))


def _gate_command(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    db = require_readable(args.db)
    try:
        result = run_gate(db, args.month, args.gate_config)
    except (ValueError, yaml.YAMLError) as exc:
        raise UsageError(str(exc)) from exc
    print(result.summary())
    return exit_codes.OK if result.passed else exit_codes.GATE_REFUSED
