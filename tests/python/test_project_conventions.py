"""The project's code conventions, checked over dbt's target/manifest.json (the
dbt-project-evaluator rules; the package itself cannot be installed here): every model and
public column described, contracts on the marts, a grain test per model, no mart reading a
source, no hard-coded schema.table."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import build

PUBLIC_SCHEMAS = {"marts"}
GRAIN_TESTS = {"unique", "unique_combination"}
# `from schema.table` or `join schema.table` written by hand instead of ref() or source()
HARD_CODED_RELATION = re.compile(
    r"\b(from|join)\s+\"?[a-z_][a-z0-9_]*\"?\.\"?[a-z_][a-z0-9_]*", re.I
)


@pytest.fixture(scope="module")
def manifest(tmp_path_factory: pytest.TempPathFactory) -> dict:
    workdir: Path = tmp_path_factory.mktemp("manifest")
    wh = build(workdir, command=("parse",))
    assert wh.returncode == 0, wh.output[-3000:]
    return json.loads((workdir / "target" / "manifest.json").read_text())


def models(manifest: dict) -> list[dict]:
    return [n for n in manifest["nodes"].values()
            if n["resource_type"] == "model" and n["package_name"] == "csc_warehouse"]


def test_every_model_is_described(manifest: dict) -> None:
    missing = [m["name"] for m in models(manifest) if not m["description"].strip()]
    assert missing == []


def test_every_public_column_is_described(manifest: dict) -> None:
    undocumented = []
    for m in models(manifest):
        if m["config"].get("schema") in PUBLIC_SCHEMAS:
            assert m["columns"], f"{m['name']} declares no columns"
            undocumented += [f"{m['name']}.{c}" for c, col in m["columns"].items()
                             if not col["description"].strip()]
        # a column listed anywhere must say what it is
        undocumented += [f"{m['name']}.{c}" for c, col in m["columns"].items()
                         if not col["description"].strip()]
    assert sorted(set(undocumented)) == []


def test_public_models_enforce_contracts(manifest: dict) -> None:
    for m in models(manifest):
        if m["config"].get("schema") in PUBLIC_SCHEMAS:
            assert m["config"]["contract"]["enforced"], m["name"]


def test_every_model_has_a_grain_test(manifest: dict) -> None:
    tested = set()
    for node in manifest["nodes"].values():
        meta = node.get("test_metadata") or {}
        if node["resource_type"] == "test" and meta.get("name") in GRAIN_TESTS:
            tested.update(node["depends_on"]["nodes"])
    untested = [m["name"] for m in models(manifest) if m["unique_id"] not in tested]
    assert untested == []


def test_no_mart_reads_a_source(manifest: dict) -> None:
    offenders = [m["name"] for m in models(manifest)
                 if m["config"].get("schema") in PUBLIC_SCHEMAS
                 and any(d.startswith("source.") for d in m["depends_on"]["nodes"])]
    assert offenders == []


def test_no_hard_coded_relations(manifest: dict) -> None:
    offenders = []
    for m in models(manifest):
        code = re.sub(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", "", m["raw_code"], flags=re.S)
        code = re.sub(r"--[^\n]*", "", code)
        offenders += [f"{m['name']}: {hit.group(0)}" for hit in HARD_CODED_RELATION.finditer(code)]
    assert offenders == []


def test_convention_checks_can_fail(manifest: dict) -> None:
    """The grain check sees real tests: marts.kpi_values is covered by unique_combination."""
    ids = {n["name"]: n["unique_id"] for n in models(manifest)}
    grain = [n for n in manifest["nodes"].values()
             if (n.get("test_metadata") or {}).get("name") == "unique_combination"
             and ids["kpi_values"] in n["depends_on"]["nodes"]]
    assert len(grain) == 1
    assert HARD_CODED_RELATION.search("select * from marts.kpi_values")


def test_pyproject_declares_every_package_the_code_imports() -> None:
    # Each third-party module csc/ imports comes from a distribution named in
    # [project].dependencies (pins are in requirements.lock), not from a transitive install.
    import ast
    import sys
    import tomllib
    from importlib.metadata import packages_distributions

    root = Path(__file__).resolve().parents[2]
    declared = {re.split(r"[<>=~!\[; ]", d, maxsplit=1)[0].lower().replace("_", "-")
                for d in tomllib.loads((root / "pyproject.toml").read_text())["project"]
                ["dependencies"]}
    modules: set[str] = set()
    for path in (root / "csc").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                modules.add(node.module.split(".")[0])
    third_party = sorted(m for m in modules
                         if m not in sys.stdlib_module_names and m not in ("csc", "__future__"))
    by_module = packages_distributions()
    undeclared = {m: by_module.get(m) for m in third_party
                  if not {d.lower().replace("_", "-") for d in by_module.get(m, [])} & declared}
    assert undeclared == {}
    assert {"jinja2", "markupsafe", "pandas", "yaml", "openpyxl"} <= set(third_party)


def test_columns_not_null_names_each_column_with_nulls(tmp_path: Path) -> None:
    """The generic test that checks a model's not-null columns in one scan passes on a clean
    table and fails with one row per column that holds nulls (and how many)."""
    import duckdb

    wh = build(tmp_path, command=("compile",),
               extra_args=("--select", "test_name:columns_not_null,kpis"))
    assert wh.returncode == 0, wh.output[-3000:]
    [compiled] = (tmp_path / "target" / "compiled").rglob("columns_not_null_kpis_*.sql")
    sql = re.sub(r'"[^"]+"\."marts"\."kpis"', "kpis", compiled.read_text())
    con = duckdb.connect()
    con.execute("create table kpis as select * from (values ('a', 1, 'A'), ('b', 2, 'B')) "
                "as t(kpi_id, sort_order, kpi_name)")
    assert con.execute(sql).fetchall() == []
    con.execute("insert into kpis values (null, 3, null), ('d', 4, null)")
    assert sorted(con.execute(sql).fetchall()) == [("kpi_id", 1), ("kpi_name", 2)]
