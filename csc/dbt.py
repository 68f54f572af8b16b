"""Run dbt as a subprocess against one DuckDB file.

dbt keeps the DuckDB file open for the whole of its process and DuckDB allows one writer, so
every step (build, gate, publish) runs strictly after the previous one has exited.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from csc import PROJECT_DIR
from csc.warehouse_swap import spill_dir

#: dbt rotates logs/dbt.log at this size and keeps five old files, so logs/ stays under 30 MiB
#: (a demo build writes about 1.6 MB). dbt's own default is 10 MiB; set here so that the bound
#: is ours, not a default that may change. DBT_LOG_FILE_MAX_BYTES in the environment wins.
LOG_FILE_MAX_BYTES = 5 * 1024 * 1024


def dbt_env(db_path: Path, colours: bool = False) -> dict[str, str]:
    """The environment a dbt subprocess needs: the in-repo profile and the warehouse path.

    The profile derives DuckDB's temp directory from CSC_DUCKDB_PATH (<db>.tmp), so csc and a
    plain `dbt build` spill to the same place. colours=False (output to a file or a pipe)
    turns off dbt's ANSI colour codes unless DBT_USE_COLORS says otherwise; so does NO_COLOR.
    """
    env = dict(os.environ)
    env["DBT_PROFILES_DIR"] = str(PROJECT_DIR)
    env["DBT_SEND_ANONYMOUS_USAGE_STATS"] = "false"
    env["CSC_DUCKDB_PATH"] = str(db_path)
    env.setdefault("DBT_LOG_FILE_MAX_BYTES", str(LOG_FILE_MAX_BYTES))
    if not colours or "NO_COLOR" in env:
        env.setdefault("DBT_USE_COLORS", "false")
    env.setdefault("CSC_DUCKDB_TEMP_DIR", str(spill_dir(db_path)))
    return env


def dbt_executable() -> str:
    """The dbt next to the running interpreter (the project's virtual environment)."""
    candidate = Path(sys.executable).with_name("dbt")
    return str(candidate) if candidate.exists() else "dbt"


def run_dbt(
    args: Sequence[str],
    db_path: Path,
    dbt_vars: Mapping[str, Any] | None = None,
    target_path: Path | None = None,
    capture: bool = False,
    extra_env: Mapping[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run one dbt command in the project directory and return the finished process.

    target_path keeps parallel runs (tests, benchmarks) from sharing target/. dbt's output has
    colours only when it goes straight to a terminal. extra_env: more variables for dbt, such
    as CSC_SPARK_WAREHOUSE for the spark target.
    """
    db_path.parent.mkdir(parents=True, exist_ok=True)
    cmd = [dbt_executable(), *args]
    if dbt_vars:
        cmd += ["--vars", json.dumps(dict(dbt_vars))]
    if target_path is not None:
        cmd += ["--target-path", str(target_path), "--log-path", str(target_path / "logs")]
    return subprocess.run(
        cmd,
        cwd=PROJECT_DIR,
        env={**dbt_env(db_path, colours=not capture and sys.stdout.isatty()), **(extra_env or {})},
        text=True,
        capture_output=capture,
        check=False,
    )
