"""Generated regional extracts through the real warehouse: a clean one builds end to end for
every LA, and a dirty one quarantines exactly the planted rows, under the planted rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import build
from csc.generator import main
from csc.generator.dirty import PLANTED

ARGS = ["--las", "3", "--children-per-la", "3000", "--from", "2018-04", "--to", "2019-12",
        "--seed", "11", "--quiet"]


@pytest.mark.slow
def test_three_la_extract_builds_end_to_end(tmp_path: Path) -> None:
    main([*ARGS, "--out", str(tmp_path / "extract")])
    wh = build(tmp_path, {"extract_dir": str(tmp_path / "extract")})
    assert wh.returncode == 0, wh.output[-5000:]
    rows = dict(wh.query("select la_code, count(*) from marts.kpi_values group by 1"))
    assert sorted(rows) == ["801", "802", "803"]
    assert all(n > 0 for n in rows.values())
    # nothing in a clean extract is quarantined or invalid
    assert wh.scalar("select count(*) from staging.stg_ssd__quarantine") == 0
    assert wh.scalar("select coalesce(sum(row_count), 0) from data_quality.dq_value_issues") == 0
    # the last reported month is the last month of the extract, for every LA
    last = wh.query("select la_code, max(month_end) from marts.kpi_values group by 1")
    assert {str(m) for _, m in last} == {"2019-12-31"}


@pytest.mark.slow
def test_dirty_extract_quarantines_exactly_the_planted_rows(tmp_path: Path) -> None:
    n = 2
    main([*ARGS, "--dirty", str(n), "--out", str(tmp_path / "extract")])
    wh = build(tmp_path, {"extract_dir": str(tmp_path / "extract"), "extract_date": "2019-12-31"},
               command=("build", "--select",
                        "staging data_quality ssd_code_lists health_check_types"))
    assert wh.returncode == 0, wh.output[-5000:]
    got = {(la, table, rule): count for la, table, rule, count in wh.query(
        "select la_code, table_name, rule, count(*) from staging.stg_ssd__quarantine "
        "group by all")}
    want = {(la, table, rule): n for la in ("801", "802", "803")
            for rule, (table, _id, _col) in PLANTED.items()}
    assert got == want
