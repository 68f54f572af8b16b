"""bin/csc and bin/dbt run in their own shell; sourcing bin/_venv.sh leaves the caller's shell as
it was (no `set -e` that closes the terminal at the next failing command, no change of folder)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import duckdb
import pytest

from csc import PROJECT_DIR, __version__

BIN = PROJECT_DIR / "bin"


def bash(script: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-c", script], cwd=cwd, env={**os.environ, **env},
                          capture_output=True, text=True, timeout=120, check=False)


def test_sourcing_the_venv_script_keeps_the_callers_shell(tmp_path: Path) -> None:
    proc = bash(f'set +euo pipefail; source "{BIN}/_venv.sh"; echo "options=$-"; '
                'set -o | grep pipefail; pwd; false; echo "shell still open"', cwd=tmp_path)
    lines = proc.stdout.splitlines()
    assert proc.returncode == 0, proc.stderr
    assert "e" not in lines[0].removeprefix("options=") and "u" not in lines[0]
    assert lines[1].split() == ["pipefail", "off"]
    assert lines[2] == str(tmp_path)
    assert lines[3] == "shell still open"


def test_bin_csc_runs_from_any_folder_with_paths_relative_to_it(tmp_path: Path) -> None:
    proc = bash(f'"{BIN}/csc" --version', cwd=tmp_path)
    assert (proc.returncode, proc.stdout.strip()) == (0, f"csc {__version__}")
    duckdb.connect(str(tmp_path / "empty.duckdb")).close()
    proc = bash(f'"{BIN}/csc" summary --db empty.duckdb', cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert f"No run summary: {tmp_path / 'empty.duckdb'} has no data_quality tables" in proc.stdout


@pytest.mark.slow
def test_bin_dbt_finds_the_project_from_any_folder(tmp_path: Path) -> None:
    db = tmp_path / "new" / "csc.duckdb"
    proc = bash(f'"{BIN}/dbt" debug', cwd=tmp_path, CSC_DUCKDB_PATH=str(db))
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert "All checks passed!" in proc.stdout
    assert "\x1b[" not in proc.stdout  # piped: no colour codes
    assert db.parent.is_dir()  # the profile's folders are made before DuckDB opens the file
