"""Publication of a month: only after the gate passes, atomically, with a manifest.

    csc publish --month YYYY-MM [--db FILE] [--out DIR] [--extract DIR] [--gate-config YAML]

Writes publish/<la_code>/<yyyy-mm>/ for every LA with a scorecard that month (and, when the
run holds more than one LA, publish/region/<yyyy-mm>/: every LA side by side with small
numbers suppressed, csc.publish_region): the scorecard
and KPI values (CSV and Parquet; aggregates only, never child-level rows), for BI tools and
Excel the LA's KPI history, the scorecard in report order and a workbook (csc.publish_bi), the
gate's validation results (JSON, and validation.html to read offline), the HTML report when a
renderer is available and its PDF when Chromium is installed (else a note in the manifest), and
manifest.json (what, from which extract, when, with which versions, row counts and checksums).

Each folder is written beside its final place and renamed into it, so a failed run leaves no
partial folder. Re-publishing a month keeps the earlier publication under versions/<n>/ and
the manifest records the restatement: which KPI values changed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import platform
import re
import shutil
import subprocess
import uuid
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import yaml

from csc import PROJECT_DIR, exit_codes, months, options
from csc.errors import UsageError, reported
from csc.gate import GateResult, run_gate
from csc.gate.page import write_validation_page
from csc.publish_bi import write_bi_files
from csc.report.pdf import BackgroundPrinter
from csc.warehouse import require_readable

RenderReport = Callable[[Path, str, str], str]

#: Column names that would mean child-level data; a published table must have none.
CHILD_LEVEL_COLUMNS = re.compile(r"person|child_id|birth|dob|upn|nhs|forename|surname")
#: KPI value columns compared between versions to report a restatement.
KPI_KEY = ["kpi_id", "month_end", "period_type"]
KPI_COMPARED = ["numerator", "denominator", "value", "unit"]
PACKAGES = ["csc-warehouse", "dbt-core", "dbt-duckdb", "duckdb", "great-expectations",
            "pandas", "pyarrow"]


class PublishError(RuntimeError):
    """Publication refused or failed; nothing was written."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _git_commit() -> dict[str, Any] | None:
    """The repository's commit and whether the tree had local changes, when git is there."""
    try:
        sha = subprocess.run(["git", "rev-parse", "HEAD"], cwd=PROJECT_DIR, capture_output=True,
                             text=True, timeout=10, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain"], cwd=PROJECT_DIR,
                               capture_output=True, text=True, timeout=10).stdout.strip() != ""
    except (OSError, subprocess.SubprocessError):
        return None
    return {"commit": sha, "dirty": dirty}


def package_versions() -> dict[str, str | None]:
    """Versions of Python and the packages that shaped the numbers and the gate."""
    out: dict[str, str | None] = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = None
    return out


def _default_renderer() -> RenderReport | None:
    """csc.report.render_report when that module exists, else no report."""
    try:
        from csc.report import render_report  # type: ignore[attr-defined]
    except ImportError:
        return None
    return render_report


def _publication_renderer(render_report: RenderReport | None, con: duckdb.DuckDBPyConnection,
                          month_end: dt.date) -> RenderReport | None:
    """The renderer a publication calls for each LA.

    csc.report's own reads through the publication's connection and gets the LA's place in the
    region from one pass over every LA (region_positions), made at the first report; any other
    renderer (a test's, say) is called as given.
    """
    from csc.report import render_report as report_of

    if render_report is not report_of:
        return render_report
    positions: dict[str, dict[str, dict[str, str]]] | None = None

    def render(db_path: Path, la_code: str, month: str) -> str:
        nonlocal positions
        if positions is None:
            from csc.report.regional import region_positions

            positions = region_positions(db_path, month_end, con)
        return report_of(db_path, la_code, month, con=con,
                         positions=positions.get(la_code, {}))

    return render


def _check_aggregate(name: str, frame: pd.DataFrame) -> None:
    bad = [c for c in frame.columns if CHILD_LEVEL_COLUMNS.search(c.lower())]
    if bad:
        raise PublishError(f"{name} has child-level columns {bad}; only aggregates are published")


def _read_month(
    con: duckdb.DuckDBPyConnection, la_code: str, month_end: dt.date
) -> tuple[pd.DataFrame, pd.DataFrame]:
    scorecard = con.execute(
        "select * from marts.scorecard where la_code = ? and month_end = ? order by kpi_id",
        [la_code, month_end]).fetchdf()
    kpi_values = con.execute(
        "select * from marts.kpi_values where la_code = ? and month_end = ? "
        "order by kpi_id, period_type", [la_code, month_end]).fetchdf()
    for name, frame in (("marts.scorecard", scorecard), ("marts.kpi_values", kpi_values)):
        _check_aggregate(name, frame)
    return scorecard, kpi_values


def _scorecard_changes(previous_dir: Path, new_dir: Path) -> list[str]:
    """KPIs whose scorecard row differs in any column (target, RAG, commentary, ...).

    Both sides are read back from the Parquet files, so types compare like for like.
    """
    def rows(path: Path) -> dict[str, str]:
        text = pd.read_parquet(path).astype("string").fillna("")
        return {r["kpi_id"]: "\x1f".join(r.values()) for r in text.to_dict("records")}

    old = rows(previous_dir / "scorecard.parquet")
    new = rows(new_dir / "scorecard.parquet")
    return sorted(k for k in old.keys() | new.keys() if old.get(k) != new.get(k))


def _restatement(previous_dir: Path, kpi_values: pd.DataFrame) -> dict[str, Any]:
    """What changed in the KPI values since the publication in previous_dir."""
    old = pd.read_parquet(previous_dir / "kpi_values.parquet")
    new = kpi_values.copy()
    for frame in (old, new):
        frame["month_end"] = pd.to_datetime(frame["month_end"]).dt.strftime("%Y-%m-%d")
    merged = old[KPI_KEY + KPI_COMPARED].merge(
        new[KPI_KEY + KPI_COMPARED], on=KPI_KEY, how="outer", suffixes=("_previous", ""),
        indicator=True)
    changed, added, removed = [], [], []
    for row in merged.to_dict("records"):
        key = {k: row[k] for k in KPI_KEY}
        if row["_merge"] == "right_only":
            added.append(key)
        elif row["_merge"] == "left_only":
            removed.append(key)
        else:
            diffs = {}
            for col in KPI_COMPARED:
                before, after = row[f"{col}_previous"], row[col]
                if pd.isna(before) and pd.isna(after):
                    continue
                if pd.isna(before) or pd.isna(after) or before != after:
                    diffs[col] = {"previous": _plain(before), "now": _plain(after)}
            if diffs:
                changed.append({**key, "changes": diffs})
    manifest = json.loads((previous_dir / "manifest.json").read_text(encoding="utf-8"))
    return {
        "previous_version": manifest.get("version"),
        "previous_published_at": manifest.get("published_at"),
        "previous_extract": manifest.get("extract"),
        "kpi_values_changed": changed,
        "kpi_values_added": added,
        "kpi_values_removed": removed,
    }


def _plain(value: Any) -> Any:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return None
    return value.item() if hasattr(value, "item") else value


NO_PDF_ASKED = "report.pdf not written: publication run with --no-pdf"


def _write_folder(
    tmp: Path,
    *,
    db_path: Path,
    la_code: str,
    month: str,
    gate: GateResult,
    extract_label: str,
    scorecard: pd.DataFrame,
    kpi_values: pd.DataFrame,
    render_report: RenderReport | None,
    previous: Path | None,
    pdf: BackgroundPrinter | None = None,
    con: duckdb.DuckDBPyConnection | None = None,
    git: dict[str, Any] | None = None,
) -> Callable[[], None]:
    """Write one LA's publication into tmp (which then becomes the final folder).

    The PDF prints in pdf's thread meanwhile, so this returns the last step: call it to wait
    for report.pdf and write manifest.json (checksums of every file, the PDF's among them).
    pdf: the publication's printer, or None when it was run with --no-pdf (the manifest then
    says so); con: the warehouse, open for the whole publication; git: the repository's commit,
    read once per publication (csc.publish._git_commit).
    """
    tmp.mkdir(parents=True)
    version, restatement = 1, None
    if previous is not None:
        # Keep every earlier publication: its versions/ and its own files as versions/<n>/.
        old_manifest = json.loads((previous / "manifest.json").read_text(encoding="utf-8"))
        old_version = int(old_manifest.get("version", 1))
        if (previous / "versions").is_dir():
            shutil.copytree(previous / "versions", tmp / "versions")
        shutil.copytree(previous, tmp / "versions" / str(old_version),
                        ignore=shutil.ignore_patterns("versions"))
        version = old_version + 1

    # The report first, so that Chromium prints it while the other files are written.
    printing = None
    if render_report is not None:
        (tmp / "report.html").write_text(render_report(db_path, la_code, month),
                                         encoding="utf-8")
        if pdf is not None:  # report.pdf beside it, or a note saying why not
            printing = pdf.print_beside(tmp / "report.html")
    files: dict[str, dict[str, Any]] = {}
    for name, frame in (("scorecard", scorecard), ("kpi_values", kpi_values)):
        frame.to_csv(tmp / f"{name}.csv", index=False, date_format="%Y-%m-%d")
        frame.to_parquet(tmp / f"{name}.parquet", index=False)
        for ext in ("csv", "parquet"):
            files[f"{name}.{ext}"] = {"rows": len(frame)}
    # For BI tools and Excel: the LA's KPI history, the scorecard in report order, a workbook.
    files.update(write_bi_files(tmp, db_path, la_code, month, scorecard, con))
    if previous is not None:
        restatement = _restatement(previous, pd.read_parquet(tmp / "kpi_values.parquet"))
        restatement["scorecard_kpis_changed"] = _scorecard_changes(previous, tmp)
    (tmp / "validation_results.json").write_text(json.dumps(gate.results, indent=2),
                                                 encoding="utf-8")
    files["validation_results.json"] = {}
    write_validation_page(tmp, gate.results)  # the same results, readable offline
    files["validation.html"] = {}
    if render_report is not None:
        files["report.html"] = {}  # listed where it always was, written first

    def finish() -> None:
        notes: list[str] = []
        if render_report is not None and pdf is None:
            notes.append(NO_PDF_ASKED)
        if printing is not None:
            note = printing.result()
            if note is None:
                files["report.pdf"] = {}
            else:
                notes.append(note)
        _write_manifest(tmp, files, notes, restatement, db_path=db_path, la_code=la_code,
                        month=month, version=version, gate=gate, extract_label=extract_label,
                        git=git)

    return finish


def _write_manifest(tmp: Path, files: dict[str, dict[str, Any]], notes: list[str],
                    restatement: dict[str, Any] | None, *, db_path: Path, la_code: str,
                    month: str, version: int, gate: GateResult, extract_label: str,
                    git: dict[str, Any] | None) -> None:
    """manifest.json: what the folder holds (rows, sizes, checksums), from what, and when."""
    for name, info in files.items():
        info["sha256"] = _sha256(tmp / name)
        info["bytes"] = (tmp / name).stat().st_size

    manifest = {
        "la_code": la_code,
        "month": month,
        "version": version,
        "published_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "extract": extract_label,
        "warehouse": str(db_path),
        "git": git,
        "versions": package_versions(),
        "gate": {
            "passed": gate.passed,
            "n_expectations": gate.n_expectations,
            "n_failed": gate.n_failed,
            "month": gate.month,
            "data_docs_index": str(gate.data_docs_index) if gate.data_docs_index else None,
        },
        "files": files,
        "restatement": restatement,
        "notes": notes,
    }
    (tmp / "manifest.json").write_text(json.dumps(manifest, indent=2, default=str),
                                       encoding="utf-8")


def _swap_into_place(tmp: Path, final: Path) -> None:
    """Rename tmp to final; an existing final is moved aside first and removed after."""
    if not final.exists():
        tmp.rename(final)
        return
    aside = final.with_name(f".{final.name}.old-{uuid.uuid4().hex[:8]}")
    final.rename(aside)
    try:
        tmp.rename(final)
    except OSError:
        aside.rename(final)
        raise
    shutil.rmtree(aside)


def publish_month(
    db_path: Path,
    month: str,
    gate: GateResult,
    out_dir: Path = Path("publish"),
    extract_label: str = "demo seeds",
    render_report: RenderReport | None = None,
    pdf: bool = True,
) -> list[Path]:
    """Publish the month for every LA with a scorecard that month; return the folders written.

    pdf=False (`--no-pdf`) leaves out each LA's report.pdf and says so in its manifest: Chromium
    takes about 0.7 s per report, which a regional or national run of many LAs may not want.

    Refuses (PublishError, nothing written) when the gate did not pass or checked another
    month. Every LA's folder is prepared in full before any is moved into place, so a failure
    while preparing leaves publish/ as it was.
    """
    if not gate.passed:
        raise PublishError("the quality gate failed; nothing was published:\n"
                           + "\n".join(f"  - {f}" for f in gate.failures))
    if gate.month not in (None, month):
        raise PublishError(f"the gate checked {gate.month}, not {month}; run it for {month}")
    if render_report is None:
        render_report = _default_renderer()
    db_path = Path(db_path)
    month_end = months.month_end(month)
    out_dir = Path(out_dir)
    staged: list[tuple[Path, Path]] = []
    # One read-only connection for the whole publication (a connect per query cost ~5 s at
    # region scale), and one Chromium printing in its own thread while Python writes on.
    with duckdb.connect(str(db_path), read_only=True) as con, \
            BackgroundPrinter(start=pdf and render_report is not None) as printer:
        las = [r[0] for r in con.execute(
            "select distinct la_code from marts.scorecard where month_end = ? order by 1",
            [month_end]).fetchall()]
        if not las:
            raise PublishError(f"no scorecard rows for {month}; nothing to publish")
        data = {la: _read_month(con, la, month_end) for la in las}
        # Folders this run would create, removed again if it fails: publish/ stays as it was.
        created = [d for d in (*(out_dir / la for la in las), out_dir) if not d.exists()]
        renderer = _publication_renderer(render_report, con, month_end)
        git = _git_commit()
        try:
            finishes = []
            for la in las:
                final = out_dir / la / month
                tmp = final.with_name(f".{month}.tmp-{uuid.uuid4().hex[:8]}")
                staged.append((tmp, final))
                scorecard, kpi_values = data[la]
                finishes.append(_write_folder(
                    tmp, db_path=db_path, la_code=la, month=month, gate=gate,
                    extract_label=extract_label, scorecard=scorecard, kpi_values=kpi_values,
                    render_report=renderer,
                    previous=final if (final / "manifest.json").exists() else None,
                    pdf=printer if pdf else None, con=con, git=git))
            from csc.publish_region import region_available, write_region_folder

            if len(las) > 1 and region_available(db_path, con):
                # a regional run: the region's folder, suppressed (csc.publish_region)
                final = out_dir / "region" / month
                if not final.parent.exists():
                    created.insert(0, final.parent)
                tmp = final.with_name(f".{month}.tmp-{uuid.uuid4().hex[:8]}")
                staged.append((tmp, final))
                tmp.parent.mkdir(parents=True, exist_ok=True)
                write_region_folder(tmp, db_path=db_path, month=month, month_end=month_end,
                                    extract_label=extract_label, sha256=_sha256,
                                    git=git, con=con)
            for finish in finishes:  # each LA's PDF, then its manifest
                finish()
        except BaseException:
            printer.close()  # no print may still be writing into a folder removed here
            for tmp, _ in staged:
                shutil.rmtree(tmp, ignore_errors=True)
            for folder in created:
                if folder.is_dir() and not any(folder.iterdir()):
                    folder.rmdir()
            raise
    for tmp, final in staged:
        _swap_into_place(tmp, final)
    return [final for _, final in staged]


def build_parser() -> options.Parser:
    parser = options.Parser(prog="csc publish", description=__doc__,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    options.add_db(parser)
    options.add_month(parser, "month to publish (required)", required=True)
    parser.add_argument("--out", metavar="DIR", default="publish",
                        help="publication folder; the month goes to DIR/<la>/<YYYY-MM>/ "
                             "(default: publish)")
    options.add_extract(parser, "the extract folder the warehouse was built from, recorded in "
                                "the manifest (default: the demo seeds)")
    options.add_gate_config(parser)
    options.add_no_pdf(parser)
    return parser


def main(argv: list[str]) -> int:
    """`csc publish`: run the gate for the month, then publish; refuse when the gate fails."""
    return reported("csc publish", lambda: _publish_command(argv))


def _publish_command(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    db = require_readable(args.db)
    try:
        gate = run_gate(db, args.month, args.gate_config)
    except (ValueError, yaml.YAMLError) as exc:
        raise UsageError(str(exc)) from exc
    print(gate.summary())
    if not gate.passed:
        print(f"csc publish: the quality gate failed; nothing was published for {args.month}.")
        return exit_codes.GATE_REFUSED
    label = str(args.extract) if args.extract else "demo seeds"
    try:
        folders = publish_month(db, args.month, gate, Path(args.out), label, pdf=not args.no_pdf)
    except PublishError as exc:
        print(f"csc publish: {exc}")
        return exit_codes.PUBLISH_FAILED
    for folder in folders:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        note = ""
        # the region's manifest (csc.publish_region) has no restatement
        if manifest.get("restatement"):
            n = len(manifest["restatement"]["kpi_values_changed"])
            note = f" (version {manifest['version']}, restates {n} KPI values)"
        print(f"published {folder}{note}")
    return exit_codes.OK
