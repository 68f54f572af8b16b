"""The synthetic extract generator (csc.generator): determinism, the contract's file layout,
and the shipped demo seeds being exactly what `csc generate --demo` writes."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from csc.generator import main
from csc.generator.tables import TABLES

REPO = Path(__file__).resolve().parents[2]
SMALL = ["--las", "2", "--children-per-la", "3000", "--from", "2018-04", "--to", "2019-12"]
# The required columns of the contract (macros/ssd_contract.sql), in any case.
REQUIRED = {
    "ssd_person": ["pers_person_id"],
    "ssd_contacts": ["cont_contact_id", "cont_person_id", "cont_contact_date"],
    "ssd_cla_health": ["clah_health_check_id", "clah_person_id", "clah_health_check_type",
                       "clah_health_check_date"],
}


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_same_arguments_give_identical_bytes(tmp_path: Path) -> None:
    assert main([*SMALL, "--seed", "7", "--quiet", "--out", str(tmp_path / "a")]) == 0
    assert main([*SMALL, "--seed", "7", "--quiet", "--out", str(tmp_path / "b")]) == 0
    assert main([*SMALL, "--seed", "8", "--quiet", "--out", str(tmp_path / "c")]) == 0
    a, b, c = (_files(tmp_path / x) for x in "abc")
    assert len(a) == 2 * 12
    assert a == b
    assert a != c
    for run in ("d", "e"):
        main([*SMALL, "--format", "parquet", "--quiet", "--out", str(tmp_path / run)])
    assert _files(tmp_path / "d") == _files(tmp_path / "e")


def test_one_folder_per_la_with_the_twelve_tables(tmp_path: Path) -> None:
    main([*SMALL, "--las", "208,212", "--quiet", "--out", str(tmp_path)])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["208", "212"]
    for la in ("208", "212"):
        names = sorted(p.name for p in (tmp_path / la).iterdir())
        assert names == sorted(f"{t}.csv" for t in TABLES)
        for table, required in REQUIRED.items():
            text = (tmp_path / la / f"{table}.csv").read_bytes().decode("utf-8-sig")
            rows = list(csv.reader(io.StringIO(text)))
            header = [h.strip().lower() for h in rows[0]]
            assert header == [c for c, _ in TABLES[table]]
            assert set(required) <= set(header)
            assert len(rows) > 1
            assert all(len(r) == len(header) for r in rows if r)


def test_parquet_holds_the_same_rows_as_csv(tmp_path: Path) -> None:
    main([*SMALL, "--quiet", "--out", str(tmp_path / "csv")])
    main([*SMALL, "--quiet", "--format", "parquet", "--out", str(tmp_path / "pq")])
    for table in TABLES:
        text = (tmp_path / "csv" / "801" / f"{table}.csv").read_bytes().decode("utf-8-sig")
        n_csv = sum(1 for r in csv.reader(io.StringIO(text)) if r) - 1
        pt = pq.read_table(tmp_path / "pq" / "801" / f"{table}.parquet")
        assert pt.num_rows == n_csv
        assert pt.column_names == [c for c, _ in TABLES[table]]


def test_generated_files_use_the_contracts_variations(tmp_path: Path) -> None:
    """Across a few LAs the files show BOMs, CRLF, upper-case headers and UK dates, so that
    generated extracts exercise the parser."""
    main(["--las", "6", "--children-per-la", "1000", "--from", "2019-01", "--to", "2019-12",
          "--quiet", "--out", str(tmp_path)])
    blobs = [p.read_bytes() for p in tmp_path.rglob("*.csv")]
    assert any(b.startswith(b"\xef\xbb\xbf") for b in blobs)
    assert any(b"\r\n" in b for b in blobs)
    assert any(b.split(b",", 1)[0].lstrip(b"\xef\xbb\xbf").isupper() for b in blobs)
    assert any(b"/2019" in b for b in blobs)
    assert any(b"00:00:00.000" in b for b in blobs)


def test_help_documents_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for option in ("--las", "--children-per-la", "--from", "--to", "--seed", "--out",
                   "--format", "--dirty", "--demo"):
        assert option in out


def test_shipped_demo_seeds_are_what_the_command_writes(tmp_path: Path) -> None:
    """`csc generate --demo --out seeds/demo` rebuilds the shipped seeds byte for byte."""
    assert main(["--demo", "--quiet", "--out", str(tmp_path)]) == 0
    built = _files(tmp_path)
    shipped = {p.name: p.read_bytes() for p in (REPO / "seeds" / "demo").glob("ssd_*.csv")}
    assert sorted(built) == sorted(shipped) == sorted(f"{t}.csv" for t in TABLES)
    for name, data in built.items():
        assert data == shipped[name], f"seeds/demo/{name} differs from the generator's output"
    rows = sum(d.count(b"\n") - 1 for d in built.values())
    assert 100_000 < rows <= 150_000  # small enough for dbt seed (agate)


def test_demo_has_no_personal_identifiers() -> None:
    for path in (REPO / "seeds" / "demo").glob("ssd_*.csv"):
        header = path.read_text(encoding="utf-8").split("\n", 1)[0].lower()
        for banned in ("forename", "surname", "address", "nhs", "upn", "postcode"):
            assert banned not in header
