"""One vocabulary across csc build/run/summary/gate/publish/report/generate: the same spelling
and meaning for the same thing, help on every option, --version, exit codes in the help, no
colour codes in a pipe, bounded dbt logs, and --threads/--select passed to dbt."""

from __future__ import annotations

import argparse
import importlib
import os
import subprocess
from pathlib import Path

import pytest

from csc import PROJECT_DIR, __version__, cli, options
from csc.dbt import LOG_FILE_MAX_BYTES, dbt_env

COMMANDS = ["build", "run", "summary", *cli.DELEGATED]


def command_parser(name: str) -> argparse.ArgumentParser:
    if name in cli.DELEGATED:
        return importlib.import_module(cli.DELEGATED[name][0]).build_parser()
    sub = next(a for a in cli.build_parser()._actions
               if isinstance(a, argparse._SubParsersAction))
    return sub.choices[name]


def visible_options(parser: argparse.ArgumentParser) -> dict[str, argparse.Action]:
    return {s: a for a in parser._actions for s in a.option_strings
            if a.help != argparse.SUPPRESS}


@pytest.mark.parametrize("name", COMMANDS)
def test_every_option_has_help(name: str) -> None:
    for action in command_parser(name)._actions:
        assert action.help, f"csc {name} {action.option_strings or action.dest} has no help"


def test_every_command_has_help() -> None:
    sub = next(a for a in cli.build_parser()._actions
               if isinstance(a, argparse._SubParsersAction))
    helps = {c.dest: c.help for c in sub._choices_actions}
    assert sorted(helps) == sorted(COMMANDS)
    assert all(helps.values())


@pytest.mark.parametrize("name", COMMANDS)
def test_one_spelling_for_each_thing(name: str) -> None:
    shown = visible_options(command_parser(name))
    assert not {"--la", "--config", "--warehouse", "--gate"} & set(shown)
    if "--db" in shown:
        db = shown["--db"]
        assert (db.required, db.default, db.help) == (False, None, options.DB_HELP)
    if "--la-code" in shown:
        assert shown["--la-code"].type is options.la_code
    if "--month" in shown:
        assert shown["--month"].type is options.month
    if "--out" in shown:
        assert shown["--out"].metavar == "DIR"


def test_the_warehouse_option_is_everywhere_but_generate() -> None:
    having = {n for n in COMMANDS if "--db" in visible_options(command_parser(n))}
    # csc reference writes files beside an extract and reads no warehouse
    assert having == set(COMMANDS) - {"generate", "reference"}
    having = {n for n in COMMANDS if "--gate-config" in visible_options(command_parser(n))}
    assert having == {"run", "gate", "publish"}
    having = {n for n in COMMANDS if "--la-code" in visible_options(command_parser(n))}
    assert having == {"build", "run", "report"}


def test_old_spellings_still_parse(tmp_path: Path) -> None:
    config = tmp_path / "gate.yml"
    config.write_text("{}\n", encoding="utf-8")
    report = command_parser("report").parse_args(["--la", "208", "--month", "2019-12"])
    assert report.la_code == "208"
    gate = command_parser("gate").parse_args(["--config", str(config)])
    assert gate.gate_config == config


def test_the_warehouse_defaults_the_same_everywhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "from-env.duckdb"
    monkeypatch.setenv("CSC_DUCKDB_PATH", str(missing))
    for argv in (["summary"], ["gate"], ["publish", "--month", "2019-12"],
                 ["report", "--la-code", "999", "--month", "2019-12"]):
        assert cli.main(argv) == 64
        assert f"no warehouse at {missing}" in capsys.readouterr().err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli.main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"csc {__version__}"


def test_run_help_lists_the_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["run", "--help"])
    out = capsys.readouterr().out
    epilog = out[out.index("exit codes:"):].splitlines()
    assert [line.split()[0] for line in epilog[1:]] == ["0", "1", "2", "3", "64", "75"]
    assert "2   the quality gate refused the month" in out


def test_dbt_has_no_colours_in_a_pipe_and_a_bounded_log(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DBT_USE_COLORS", "NO_COLOR", "DBT_LOG_FILE_MAX_BYTES"):
        monkeypatch.delenv(name, raising=False)
    db = Path("/tmp/x.duckdb")
    assert dbt_env(db, colours=False)["DBT_USE_COLORS"] == "false"
    assert "DBT_USE_COLORS" not in dbt_env(db, colours=True)
    assert dbt_env(db)["DBT_LOG_FILE_MAX_BYTES"] == str(LOG_FILE_MAX_BYTES) == "5242880"
    monkeypatch.setenv("NO_COLOR", "1")
    assert dbt_env(db, colours=True)["DBT_USE_COLORS"] == "false"
    monkeypatch.setenv("DBT_LOG_FILE_MAX_BYTES", "1000")
    assert dbt_env(db)["DBT_LOG_FILE_MAX_BYTES"] == "1000"


def test_select_is_for_build_and_threads_for_build_and_run() -> None:
    assert "--select" in visible_options(command_parser("build"))
    assert "--select" not in visible_options(command_parser("run"))  # the gate needs it all
    assert "--threads" in visible_options(command_parser("run"))


@pytest.mark.slow
def test_build_passes_select_and_threads_to_dbt_without_colours(tmp_path: Path) -> None:
    """bin/csc build --select one seed, output piped: dbt builds only that seed on one thread,
    prints no ANSI codes, and csc says there is no run summary rather than failing."""
    env = {**os.environ, "CSC_DUCKDB_PATH": str(tmp_path / "csc.duckdb")}
    env.pop("DBT_USE_COLORS", None)
    proc = subprocess.run(
        [str(PROJECT_DIR / "bin" / "csc"), "build", "--select", "bank_holidays",
         "--threads", "1"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300, check=False,
    )
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out[-3000:]
    assert "\x1b[" not in out
    assert "Concurrency: 1 threads" in out
    assert "1 of 3 OK loaded seed file reference.bank_holidays" in out  # and its 2 tests
    assert "No run summary:" in out
