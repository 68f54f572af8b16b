"""Every folder the dbt profile uses exists or is created, and DuckDB spills beside its file
(<db>.tmp), whichever way dbt is started: a plain dbt with CSC_DUCKDB_PATH pointing into a new
folder, on a checkout with no warehouse/ folder, must not stop with 'Failed to create directory'.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from csc import PROJECT_DIR
from csc.profile_paths import ensure_parent_folders, local_file

# Sorting 3 million 64-character strings needs ~200 MB: at a 64 MB limit DuckDB must spill.
SPILLING_QUERY = (
    "select current_setting('temp_directory') as temp_dir, "
    "(select count(distinct s) from (select md5(i::varchar) || md5((i + 1)::varchar) as s "
    "from range(3000000) as t(i))) as n"
)


def test_parent_folders_are_made_but_not_the_temp_directory(tmp_path: Path) -> None:
    db = tmp_path / "a" / "b" / "csc.duckdb"
    temp = tmp_path / "c" / "d" / "spill"
    ensure_parent_folders(str(db), str(temp))
    assert db.parent.is_dir() and temp.parent.is_dir()
    assert not temp.exists()  # DuckDB makes it on the first spill and removes it when it closes


def test_only_local_files_get_folders() -> None:
    assert local_file(":memory:") is None
    assert local_file("md:my_db") is None
    assert local_file("s3://bucket/csc.duckdb") is None
    assert local_file("warehouse/csc.duckdb") == Path("warehouse/csc.duckdb")


@pytest.mark.slow
def test_plain_dbt_spills_beside_a_warehouse_in_a_new_folder(tmp_path: Path) -> None:
    db = tmp_path / "fresh" / "nested" / "csc.duckdb"
    env = {k: v for k, v in os.environ.items() if k != "CSC_DUCKDB_TEMP_DIR"}
    env.update(DBT_PROFILES_DIR=str(PROJECT_DIR), CSC_DUCKDB_PATH=str(db),
               CSC_DUCKDB_MEMORY_LIMIT="64MB", DBT_SEND_ANONYMOUS_USAGE_STATS="false")
    proc = subprocess.run(
        [str(Path(sys.executable).with_name("dbt")), "show", "--inline", SPILLING_QUERY,
         "--output", "json", "--log-format", "json", "--target-path", str(tmp_path / "target"),
         "--log-path", str(tmp_path / "logs")],
        cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=600, check=False,
    )
    assert proc.returncode == 0, proc.stdout[-3000:]
    shown = next(json.loads(line)["data"]["preview"] for line in proc.stdout.splitlines()
                 if '"preview"' in line)
    rows = json.loads(shown) if isinstance(shown, str) else shown
    assert rows == [{"temp_dir": f"{db}.tmp", "n": 3000000}]
