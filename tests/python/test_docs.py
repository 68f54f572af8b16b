"""The documentation lives in the repository and agrees with the code it describes.

A council's clone has nothing beside it, so no tracked file may send a reader outside the repo;
docs/extract-format.md lists every table and required column of the contract as data
(macros/ssd_contract.sql), and docs/kpis.md every KPI of the catalogue and every dbt var.
"""

from __future__ import annotations

import re
import subprocess

import jinja2
import pytest
import yaml

from csc import PROJECT_DIR
from csc.kpi_registry import kpi_ids

DOCS = PROJECT_DIR / "docs"
# Built from parts so that this file does not match itself in `git grep`.
OUTSIDE = re.compile(re.escape("../" + "shared") + "|" + re.escape("spec" + ": kpis"))
MARKDOWN_LINK = re.compile(r"\]\(([^)\s]+)\)")


def tracked_files() -> list[str]:
    try:
        out = subprocess.run(["git", "ls-files", "-z"], cwd=PROJECT_DIR, capture_output=True,
                             check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    return [f for f in out.decode().split("\0") if f]


def ssd_contract() -> dict:
    """macros/ssd_contract.sql's ssd_tables(), rendered the way dbt renders it."""
    captured: dict = {}

    def _return(value: object) -> str:
        captured["value"] = value
        return ""

    env = jinja2.Environment(extensions=["jinja2.ext.do"])
    env.globals["return"] = _return
    text = (PROJECT_DIR / "macros" / "ssd_contract.sql").read_text(encoding="utf-8")
    env.from_string(text).module.ssd_tables()
    return captured["value"]


def table_rows(markdown: str) -> dict[str, str]:
    """Markdown table rows keyed by the code span in their first cell."""
    rows = {}
    for line in markdown.splitlines():
        match = re.match(r"\|\s*`([a-z0-9_]+)`", line)
        if match:
            rows.setdefault(match.group(1), line)
    return rows


def test_no_tracked_file_outside_tests_points_outside_the_repo() -> None:
    assert OUTSIDE.search("see ../" + "shared" + "/spec/kpis.md")  # the check can fail
    offenders = []
    for name in tracked_files():
        if name.startswith("tests/"):
            continue
        path = PROJECT_DIR / name
        if not path.is_file():
            continue
        text = path.read_bytes().decode("utf-8", errors="replace")
        offenders += [f"{name}:{n}" for n, line in enumerate(text.splitlines(), 1)
                      if OUTSIDE.search(line)]
    assert offenders == []


def test_links_in_the_docs_resolve_inside_the_repo() -> None:
    pages = [PROJECT_DIR / "README.md", *sorted(DOCS.glob("*.md")),
             PROJECT_DIR / "bench" / "README.md", PROJECT_DIR / "expectations" / "README.md"]
    broken = []
    for page in pages:
        for target in MARKDOWN_LINK.findall(page.read_text(encoding="utf-8")):
            if re.match(r"[a-z]+:", target) or target.startswith("#"):
                continue
            path = (page.parent / target.split("#")[0]).resolve()
            if not path.exists() or not path.is_relative_to(PROJECT_DIR):
                broken.append(f"{page.relative_to(PROJECT_DIR)}: {target}")
    assert broken == []


def test_extract_format_lists_every_contract_table_and_column() -> None:
    tables = ssd_contract()
    assert len(tables) == 12
    rows = table_rows((DOCS / "extract-format.md").read_text(encoding="utf-8"))
    problems = []
    for table, spec in tables.items():
        row = rows.get(table)
        if row is None:
            problems.append(f"{table}: no row")
            continue
        for column in spec["columns"]:
            name = column["name"]
            bold = f"**`{name}`**" in row
            if f"`{name}`" not in row:
                problems.append(f"{table}.{name}: not listed")
            elif bool(column.get("required")) != bold:
                problems.append(f"{table}.{name}: required is {bool(column.get('required'))}"
                                f" but bold is {bold}")
        listed = set(re.findall(r"`([a-z0-9_]+)`", row.split("|")[3]))
        extra = listed - {c["name"] for c in spec["columns"]}
        problems += [f"{table}.{name}: documented but not read" for name in sorted(extra)]
    assert problems == []


def test_kpis_doc_defines_every_catalogue_kpi_and_every_var() -> None:
    text = (DOCS / "kpis.md").read_text(encoding="utf-8")
    rows = table_rows(text)
    kpis = kpi_ids()
    assert len(kpis) >= 13
    defined = {kpi for bold in re.findall(r"\*\*(.+?)\*\*", text, re.S)  # **`kpi`: ...**
               for kpi in re.findall(r"`([a-z0-9_]+)`", bold)}
    missing = [k for k in kpis if k not in rows or k not in defined]
    project = yaml.safe_load((PROJECT_DIR / "dbt_project.yml").read_text(encoding="utf-8"))
    missing += [f"var {v}" for v in project["vars"] if v not in rows]
    assert missing == []


@pytest.mark.slow
def test_descriptions_are_table_and_column_comments(demo_warehouse) -> None:
    """persist_docs: analysts see the yml descriptions in their SQL client, on the
    contract-enforced marts (tables) and on the staging views."""
    marts = yaml.safe_load((PROJECT_DIR / "models" / "marts" / "_marts__models.yml").read_text())
    staging = yaml.safe_load(
        (PROJECT_DIR / "models" / "staging" / "ssd" / "_ssd__models.yml").read_text())
    wanted = {("marts", m["name"], c["name"]): c["description"].strip()
              for m in marts["models"] for c in m["columns"]}
    person = next(m for m in staging["models"] if m["name"] == "stg_ssd__person")
    wanted.update({("staging", "stg_ssd__person", c["name"]): c["description"].strip()
                   for c in person["columns"]})
    comments = {(s, t, c): (comment or "").strip() for s, t, c, comment in demo_warehouse.query(
        "select schema_name, table_name, column_name, comment from duckdb_columns()"
        " where schema_name in ('marts', 'staging')")}
    assert len(wanted) > 50
    assert {key: comments.get(key) for key in wanted} == wanted
    assert demo_warehouse.scalar(
        "select comment from duckdb_tables() where schema_name = 'marts'"
        " and table_name = 'kpi_values'").startswith("The KPI values: one row per LA, KPI")
    assert demo_warehouse.scalar(
        "select comment from duckdb_views() where schema_name = 'staging'"
        " and view_name = 'stg_ssd__person'").strip() == person["description"].strip()
