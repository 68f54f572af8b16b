"""Mistakes are reported before dbt starts, in one line, with exit 64 (or 75 when the warehouse
is held by another process), never as a traceback or after a build."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from csc import exit_codes
from csc.cli import main as csc


@pytest.fixture(autouse=True)
def no_dbt(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every command here must stop before dbt: starting it fails the test."""

    def started(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"dbt was started: {args}")

    monkeypatch.setattr("csc.pipeline.run_dbt", started)


def run_csc(*argv: str) -> tuple[int, float]:
    started = time.perf_counter()
    code = csc(list(argv))
    return code, time.perf_counter() - started


@pytest.mark.parametrize(("argv", "message"), [
    (["run", "--month", "2019-13"],
     "csc run: argument --month: must be a month written YYYY-MM, such as 2019-12, "
     "not '2019-13'"),
    (["run", "--month", "Dec-2019"], "argument --month: must be a month written YYYY-MM"),
    (["run", "--extract", "/nonexistent"], "csc run: argument --extract: /nonexistent does not "
                                           "exist"),
    (["build", "--la-code", "9'9"],
     "csc build: argument --la-code: must be a 3-digit LA code such as 208, not \"9'9\""),
    (["build", "--la-code", "2080"], "must be a 3-digit LA code"),
    (["run", "--extract-date", "2019-02-30"],
     "argument --extract-date: must be a real date written YYYY-MM-DD"),
    (["run", "--extract-start", "20190401"],
     "argument --extract-start: must be a real date written YYYY-MM-DD"),
    (["run", "--extract-start", "2019-12-01", "--extract-date", "2019-01-01"],
     "csc run: --extract-start 2019-12-01 is after --extract-date 2019-01-01"),
    (["run", "--gate-config", "/nonexistent/gate.yml"],
     "argument --gate-config: no such file: /nonexistent/gate.yml"),
    (["build", "--threads", "0"], "argument --threads: must be a whole number of at least 1"),
    (["report", "--la-code", "99", "--month", "2019-12"], "must be a 3-digit LA code"),
    (["report", "--month", "2019-12"], "the following arguments are required: --la-code"),
    (["gate", "--month", "December"], "csc gate: argument --month: must be a month"),
    (["publish"], "the following arguments are required: --month"),
    (["generate", "--out", "/tmp/unused", "--las", "abc"], "csc generate: --las: expected"),
    (["frobnicate"], "invalid choice: 'frobnicate'"),
])
def test_bad_arguments_exit_64_in_a_second(
    argv: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CSC_DUCKDB_PATH", str(tmp_path / "csc.duckdb"))
    code, seconds = run_csc(*argv)
    err = capsys.readouterr().err
    assert code == exit_codes.USAGE == 64, err
    assert message in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert seconds < 2
    assert not (tmp_path / "csc.duckdb").exists()


def test_a_broken_gate_config_stops_the_run_before_the_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "gate.yml"
    config.write_text("- just a list\n", encoding="utf-8")
    code, _ = run_csc("run", "--gate-config", str(config), "--db", str(tmp_path / "w.duckdb"))
    assert code == 64
    assert "expected a mapping at the top level" in capsys.readouterr().err


def test_usage_is_not_a_gate_refusal() -> None:
    assert exit_codes.USAGE not in (exit_codes.GATE_REFUSED, exit_codes.FAILED)
    assert len(set(exit_codes.MEANINGS)) == len(exit_codes.MEANINGS) == 6


@pytest.mark.parametrize("command", [["summary"], ["gate"], ["publish", "--month", "2019-12"],
                                     ["report", "--la-code", "999", "--month", "2019-12"]])
def test_a_missing_warehouse_is_one_line(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.duckdb"
    code, seconds = run_csc(*command, "--db", str(missing))
    err = capsys.readouterr().err
    assert code == 64
    assert err.strip().splitlines() == [
        f"csc {command[0]}: no warehouse at {missing}: build one with `csc build` or give its "
        "path with --db"
    ]
    assert seconds < 2


@pytest.fixture
def held_warehouse(tmp_path: Path):
    """A warehouse file held open for writing by another process, as dbt or a notebook would."""
    db = tmp_path / "csc.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c",
         f"import duckdb, sys, time; con = duckdb.connect({str(db)!r}); "
         "print('ready', flush=True); time.sleep(60)"],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        yield db, holder.pid
    finally:
        holder.kill()
        holder.wait()


@pytest.mark.parametrize("command", [["summary"], ["build"], ["run"], ["gate"],
                                     ["report", "--la-code", "999", "--month", "2019-12"]])
def test_a_held_warehouse_names_the_process_that_holds_it(
    command: list[str], held_warehouse: tuple[Path, int], capsys: pytest.CaptureFixture[str],
) -> None:
    db, pid = held_warehouse
    code = csc([*command, "--db", str(db)])
    err = capsys.readouterr().err
    assert code == exit_codes.IN_USE == 75
    assert err.startswith(f"csc {command[0]}: {db} is in use by process {pid} (python")
    assert "close that connection or wait for it to finish" in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_the_lock_message_is_read_from_duckdb(held_warehouse: tuple[Path, int]) -> None:
    """Pins the DuckDB message the check parses, so a DuckDB upgrade that rewords it fails here."""
    from csc.warehouse import lock_holder

    db, pid = held_warehouse
    with pytest.raises(duckdb.IOException) as caught:
        duckdb.connect(str(db), read_only=True)
    holder = lock_holder(str(caught.value))
    assert holder is not None and holder[0] == pid
