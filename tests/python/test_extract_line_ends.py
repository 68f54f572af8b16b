"""Files whose lines end some in CRLF and some in LF (files joined or edited on different systems)
are read as written: the same staged rows and KPI inputs as the same files with LF only.

One regional build holds both: LA 801 is the hand-made KPI extract as written (LF), LA 802 the
same files with mixed line ends, some with a byte-order mark, blank lines and a trailing empty
column as well. Neither LA has shipped reference data, so the two differ only in their files.
"""

from __future__ import annotations

import textwrap

import pytest

from conftest import Warehouse, build, write_extract
from fixtures.kpi_extract import FILES, KPI_VARS

pytestmark = pytest.mark.slow

STG_TABLES = [
    "stg_ssd__person", "stg_ssd__contacts", "stg_ssd__early_help_episodes",
    "stg_ssd__cin_episodes", "stg_ssd__cin_assessments", "stg_ssd__cp_plans",
    "stg_ssd__cp_visits", "stg_ssd__cla_episodes", "stg_ssd__cla_placement",
    "stg_ssd__legal_status", "stg_ssd__cla_visits", "stg_ssd__cla_health",
]


def lf_text(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def mixed(text: str, extras: bool) -> bytes:
    """Every other line ending in CRLF; with extras, a BOM, blank lines and a trailing comma on
    every line (an empty column the header names with an empty name)."""
    lines = lf_text(text).rstrip("\n").split("\n")
    if extras:
        lines = [line + "," for line in lines]
        lines.insert(2, "")
        lines.append("")
    out = "".join(line + ("\r\n" if i % 2 else "\n") for i, line in enumerate(lines))
    return (("\ufeff" if extras else "") + out).encode()


@pytest.fixture(scope="module")
def wh(tmp_path_factory: pytest.TempPathFactory) -> Warehouse:
    work = tmp_path_factory.mktemp("line_ends")
    files: dict[str, str | bytes] = {}
    for i, (name, text) in enumerate(sorted(FILES.items())):
        files[f"801/{name}"] = lf_text(text).encode()
        files[f"802/{name}"] = mixed(text, extras=i % 3 == 0)
    extract = write_extract(work / "extract", files)
    assert all(b"\r\n" in body and b"\n" in body.replace(b"\r\n", b"")
               for name, body in files.items() if name.startswith("802/"))
    built = build(work, {"extract_dir": str(extract), **KPI_VARS},
                  extra_args=("--select", "+kpi_values", "--exclude-resource-type", "unit_test"))
    assert built.returncode == 0, built.output[-5000:]
    return built


def rows_by_la(wh: Warehouse, relation: str, order: str) -> dict[str, list[tuple]]:
    columns = [c for (c,) in wh.query(
        "select column_name from information_schema.columns where table_name = ? "
        "and column_name not in ('la_code', 'source_file') order by ordinal_position",
        [relation.split(".")[1]],
    )]
    out = {}
    for la in ("801", "802"):
        out[la] = wh.query(
            f"select {', '.join(columns)} from {relation} where la_code = ? order by {order}", [la]
        )
    return out


@pytest.mark.parametrize("table", STG_TABLES)
def test_staged_rows_are_those_of_the_lf_file(wh: Warehouse, table: str) -> None:
    got = rows_by_la(wh, f"staging.{table}", "all")
    assert got["801"], table  # the comparison is not between two empty tables
    assert got["802"] == got["801"]


def test_raw_rows_keep_their_record_numbers(wh: Warehouse) -> None:
    for table in ("ssd_person", "ssd_contacts", "ssd_cla_placement"):
        got = rows_by_la(wh, f"extract.{table}", "record_number")
        assert got["801"] and got["802"] == got["801"], table


def test_kpi_inputs_and_values_are_those_of_the_lf_files(wh: Warehouse) -> None:
    got = rows_by_la(wh, "marts.kpi_values", "all")
    assert len(got["801"]) > 50
    assert got["802"] == got["801"]
    recon = wh.query(
        "select table_name, list(raw_rows order by la_code), list(staged_rows order by la_code) "
        "from data_quality.dq_table_reconciliation group by 1 order by 1"
    )
    assert all(raw[0] == raw[1] and staged[0] == staged[1] for _, raw, staged in recon)
    assert wh.scalar("select count(*) from staging.stg_ssd__quarantine") == 0
