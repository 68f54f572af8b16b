"""Benchmark the monthly pipeline at council, region and England scale.

    .venv/bin/python bench/bench.py --scales council,region --label after

For each scale: generate the extract (or reuse it from bench/cache/, keyed by the generator's
arguments), then run what `csc run` runs, in external-file mode, in a private folder:
`dbt build --full-refresh` (a subprocess), the quality gate, publication and the HTML reports.
Each step is timed and its process tree's resident memory sampled; dbt's run_results.json
gives each node's timing, so the build is split into stages (parse/compile, reading the
extract, seeds, staging, each KPI model, marts, tests). Results go to bench/results/<label>/:
stages.csv and nodes.csv per scale, and results.md, one table per scale plus the machine.

Benchmarks are run by hand (or by a CI job of their own), never inside the test suite, which
only runs the `tiny` scale.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BENCH_DIR.parent
DEMO_DIR = PROJECT_DIR / "seeds" / "demo"


@dataclass(frozen=True)
class Scale:
    """One benchmark scale: the generator's arguments (or the embedded demo extract)."""

    name: str
    las: int = 0  # 0: the embedded demo extract, read as a flat folder (LA 999)
    children: int = 50000
    first: str = "2016-04"
    last: str = "2019-12"
    seed: int = 7
    fmt: str = "csv"

    @property
    def key(self) -> str:
        """The cache folder's name: the generator's arguments."""
        if self.las == 0:
            return "demo"
        return f"{self.fmt}-las{self.las}-c{self.children}-{self.first}-{self.last}-s{self.seed}"

    @property
    def flat(self) -> bool:
        return self.las == 0


TEN_YEARS = {"children": 60000, "first": "2010-04", "last": "2020-03"}
SCALES = {
    scale.name: scale
    for scale in [
        Scale("tiny", las=2, children=1500, first="2018-04", last="2019-12"),
        Scale("council-demo"),
        Scale("council-generated", las=1),
        Scale("region-csv", las=33, **TEN_YEARS),
        Scale("region-parquet", las=33, fmt="parquet", **TEN_YEARS),
        Scale("england-csv", las=153, **TEN_YEARS),
        Scale("england-parquet", las=153, fmt="parquet", **TEN_YEARS),
        Scale("curve-10", las=10, **TEN_YEARS),
        Scale("curve-40", las=40, **TEN_YEARS),
        Scale("curve-80", las=80, **TEN_YEARS),
    ]
}
GROUPS = {
    "council": ["council-demo", "council-generated"],
    "region": ["region-csv", "region-parquet"],
    "england": ["england-csv", "england-parquet"],
    "curve": ["curve-10", "region-csv", "curve-40", "curve-80", "england-csv"],
}


# --- memory ----------------------------------------------------------------------------------

def _children(pid: int) -> list[int]:
    out: list[int] = []
    # a process can end between the listing and the read (Spark's short-lived helpers do)
    with contextlib.suppress(OSError):
        for task in Path(f"/proc/{pid}/task").glob("*/children"):
            with contextlib.suppress(OSError):
                out += [int(p) for p in task.read_text().split()]
    return out


def tree_rss_bytes(pid: int) -> int:
    """Resident memory of a process and all its descendants (Linux /proc)."""
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
                    break
        except OSError:
            continue
        stack += _children(p)
    return total


@dataclass
class Measured:
    """A finished subprocess: exit code, wall time, peak tree RSS and the RSS samples."""

    returncode: int
    started: float
    ended: float
    peak_rss: int
    samples: list[tuple[float, int]] = field(default_factory=list)

    def peak_between(self, start: float, end: float) -> int:
        """Peak sampled RSS in [start, end] (epoch seconds); the nearest sample if none."""
        inside = [rss for t, rss in self.samples if start - 0.1 <= t <= end + 0.1]
        if inside:
            return max(inside)
        if not self.samples:
            return 0
        return min(self.samples, key=lambda s: abs(s[0] - start))[1]


def run_measured(cmd: list[str], env: dict[str, str], log: Path, interval: float = 0.1) -> Measured:
    """Run cmd, sampling its process tree's RSS; the kernel's ru_maxrss bounds the peak too."""
    started = time.time()
    with log.open("w") as out:
        proc = subprocess.Popen(cmd, cwd=PROJECT_DIR, env=env, stdout=out,
                                stderr=subprocess.STDOUT)
        samples: list[tuple[float, int]] = []
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                samples.append((time.time(), tree_rss_bytes(proc.pid)))
                done.wait(interval)

        thread = threading.Thread(target=sample, daemon=True)
        thread.start()
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        done.set()
        thread.join()
    ended = time.time()
    peak = max([usage.ru_maxrss * 1024] + [rss for _, rss in samples])
    return Measured(proc.returncode, started, ended, peak, samples)


# --- extracts --------------------------------------------------------------------------------

def extract_for(scale: Scale, cache: Path) -> Path:
    """The scale's extract folder, generated once into the cache and reused afterwards."""
    if scale.flat:
        return DEMO_DIR
    folder = cache / scale.key
    if (folder / ".complete").exists():
        return folder
    tmp = cache / (scale.key + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    shutil.rmtree(folder, ignore_errors=True)
    cmd = [str(Path(sys.executable).with_name("csc")), "generate", "--las", str(scale.las),
           "--children-per-la", str(scale.children), "--from", scale.first, "--to", scale.last,
           "--seed", str(scale.seed), "--format", scale.fmt, "--out", str(tmp), "--quiet"]
    print(f"  generating {scale.key} ...", flush=True)
    started = time.perf_counter()
    subprocess.run(cmd, cwd=PROJECT_DIR, check=True)
    tmp.rename(folder)
    (folder / ".complete").write_text(f"{time.perf_counter() - started:.1f} s\n")
    return folder


def extract_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("ssd_*") if p.is_file())


# --- one run ---------------------------------------------------------------------------------

# Started beside the dbt build, as csc run imports Great Expectations while dbt builds
# (csc/pipeline.py); it waits for the build to end (the go file names the month) before timing.
GATE_PUBLISH = """
import json, sys, time
from pathlib import Path
import great_expectations
from csc.gate import run_gate
from csc.publish import _default_renderer, publish_month
db, go, out, label, timings, pdf = sys.argv[1:7]
while not Path(go).exists():
    time.sleep(0.05)
month = Path(go).read_text().strip()
if not month:
    sys.exit(0)
t = {}
t['gate_start'] = time.time()
gate = run_gate(Path(db), month=month)
t['gate_end'] = time.time()
t['gate_passed'] = gate.passed
renderer = _default_renderer()
t['report_spans'] = []
def timed(*args):
    s = time.time()
    try:
        return renderer(*args)
    finally:
        t['report_spans'].append([s, time.time()])
t['publish_start'] = time.time()
if gate.passed:
    publish_month(Path(db), month, gate, out_dir=Path(out), extract_label=label,
                  render_report=timed if renderer else None, pdf=pdf == "pdf")
t['publish_end'] = time.time()
Path(timings).write_text(json.dumps(t))
"""


def _iso(ts: str) -> float:
    return dt.datetime.fromisoformat(ts.replace("Z", "+00:00")).timestamp()


def _register_extract_hook() -> int:
    """The position of register_extract among dbt_project.yml's on-run-start hooks."""
    import yaml

    hooks = yaml.safe_load((PROJECT_DIR / "dbt_project.yml").read_text())["on-run-start"]
    return next(i for i, hook in enumerate(hooks) if "register_extract" in hook)


REGISTER_EXTRACT_HOOK = _register_extract_hook()


def stage_of(node: dict[str, Any]) -> str:
    """The stage a dbt node belongs to (each KPI model and shared monthly model its own)."""
    kind, path, name = node["resource_type"], node.get("original_file_path", ""), node["name"]
    if kind == "operation":
        return ("dbt: read extract (on-run-start)"
                if name.endswith(f"on-run-start-{REGISTER_EXTRACT_HOOK}") else "dbt: other hooks")
    if kind == "seed":
        return "dbt: seeds"
    if kind in ("test", "unit_test"):
        return "dbt: tests (data and unit)"
    if path.startswith("models/staging"):
        return "dbt: staging"
    if path.startswith("models/data_quality"):
        return "dbt: data quality"
    if path.startswith("models/marts"):
        return "dbt: marts"
    if name.startswith("int_kpi__"):
        return f"dbt: {name}"
    return "dbt: intermediate (shared)"


def table_rows(db: Path, manifest: dict[str, Any]) -> dict[str, int]:
    """Rows of every model and seed table in the warehouse; raw views from reconciliation."""
    import duckdb

    rows: dict[str, int] = {}
    with duckdb.connect(str(db), read_only=True) as con:
        tables = {(s, t) for s, t in con.execute(
            "select table_schema, table_name from information_schema.tables "
            "where table_type = 'BASE TABLE'").fetchall()}
        recon = con.execute(
            "select table_name, sum(raw_rows), sum(staged_rows) "
            "from data_quality.dq_table_reconciliation group by 1").fetchall()
        raw = {t: r for t, r, _ in recon}
        staged = {"stg_ssd__" + t.removeprefix("ssd_"): s for t, _, s in recon}
        for uid, node in manifest["nodes"].items():
            if node["resource_type"] not in ("model", "seed"):
                continue
            if (node["schema"], node["alias"]) in tables:
                rows[uid] = con.execute(
                    f'select count(*) from "{node["schema"]}"."{node["alias"]}"').fetchone()[0]
            elif node["name"].startswith("raw_"):  # views: counted without reading again
                rows[uid] = int(raw.get(node["name"][len("raw_"):], 0))
            elif node["name"] in staged:
                rows[uid] = int(staged[node["name"]])
        rows["_raw_total"] = int(sum(raw.values()))
        rows["_kpi_values"] = con.execute("select count(*) from marts.kpi_values").fetchone()[0]
        month = con.execute("select max(month_end) from marts.scorecard").fetchone()[0]
        rows["_month"] = month.strftime("%Y-%m") if month else None
    return rows


def run_scale(scale: Scale, cache: Path, work: Path, raw_dir: Path,
              warm: bool = True, target: str = "duckdb", pdf: bool = True) -> dict[str, Any]:
    """Run build, gate and publish on one scale; return its stage and node rows.

    target spark: dbt builds on the spark target (local[2]) in work/spark, and the relations
    csc reads are copied into the DuckDB file (csc/spark_session.py) inside the timed build."""
    engine = target
    extract = extract_for(scale, cache)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    db, target, out = work / "csc.duckdb", work / "target", work / "publish"
    env = dict(os.environ, DBT_PROFILES_DIR=str(PROJECT_DIR), CSC_DUCKDB_PATH=str(db),
               DBT_SEND_ANONYMOUS_USAGE_STATS="false")
    env.setdefault("CSC_DUCKDB_TEMP_DIR", str(work / "duckdb_tmp"))
    dbt_vars: dict[str, Any] = {"extract_dir": str(extract)}
    if scale.flat:
        dbt_vars["la_code"] = "999"
    dbt = str(Path(sys.executable).with_name("dbt"))
    # As csc run (csc/pipeline.py): unit tests check the SQL, not the data; bin/test runs them.
    cmd = [dbt, "build", "--full-refresh", "--exclude-resource-type", "unit_test",
           "--vars", json.dumps(dbt_vars),
           "--target-path", str(target), "--log-path", str(work / "logs")]
    if engine == "spark":
        env["CSC_SPARK_WAREHOUSE"] = str(work / "spark")
        cmd = ["sh", "-c", '"$@" && "$0" -m csc.spark_session --mirror "$DB"', sys.executable,
               *cmd, "--target", "spark"]
        env["DB"] = str(db)
    if warm:
        # A council's monthly run finds the project parsed already (dbt keeps the parse in
        # the target folder and re-uses it while the project and vars are unchanged).
        subprocess.run([dbt, "parse", "--vars", json.dumps(dbt_vars), "--target", engine,
                        "--target-path", str(target), "--log-path", str(work / "logs")],
                       cwd=PROJECT_DIR,
                       env=env, check=True, capture_output=True)
    timings, go = work / "gate_publish.json", work / "gate_publish.go"
    measured: dict[str, Measured] = {}
    gate_process = threading.Thread(target=lambda: measured.setdefault("gp", run_measured(
        [sys.executable, "-c", GATE_PUBLISH, str(db), str(go), str(out), str(extract),
         str(timings), "pdf" if pdf else "no-pdf"], env, work / "gate_publish.log")))
    gate_process.start()
    print(f"  dbt build on {extract} ...", flush=True)
    try:
        build = run_measured(cmd, env, work / "dbt.log")
        if build.returncode != 0:
            raise SystemExit(f"dbt build failed on {scale.name}; see {work / 'dbt.log'}")
        results = json.loads((target / "run_results.json").read_text())
        manifest = json.loads((target / "manifest.json").read_text())
        rows = table_rows(db, manifest)
        month = rows["_month"]
    except BaseException:
        go.write_text("")  # the waiting gate process ends without running
        gate_process.join()
        raise

    print(f"  gate and publish {month} ...", flush=True)
    went = time.time()  # the bench's own row counts above are not the pipeline's time
    go.write_text(month)
    gate_process.join()
    gp = measured["gp"]
    if gp.returncode != 0:
        raise SystemExit(f"gate/publish failed on {scale.name}; see {work / 'gate_publish.log'}")
    t = json.loads(timings.read_text())
    if not t["gate_passed"]:
        raise SystemExit(f"the gate refused {month} on {scale.name}; see the log in {work}")

    # dbt nodes, with their own peak RSS from the samples taken while they ran.
    nodes = []
    all_nodes = {**manifest["nodes"], **manifest.get("unit_tests", {})}
    for r in results["results"]:
        uid = r["unique_id"]
        node = all_nodes.get(uid, {"resource_type": "operation", "name": uid.split(".")[-1]})
        spans = [(_iso(x["started_at"]), _iso(x["completed_at"])) for x in r.get("timing", [])
                 if x.get("started_at") and x.get("completed_at")]
        if not spans:
            continue
        start, end = min(s for s, _ in spans), max(e for _, e in spans)
        parents = node.get("depends_on", {}).get("nodes", [])
        rows_in = sum(rows.get(p, 0) for p in parents)
        if node["resource_type"] == "operation":
            rows_in = rows["_raw_total"] if stage_of(node).startswith("dbt: read") else 0
        elif node["resource_type"] == "seed" or node["name"].startswith("raw_"):
            rows_in = rows.get(uid, 0)
        nodes.append({
            "node": node["name"], "type": node["resource_type"], "stage": stage_of(node),
            "start": start, "end": end, "seconds": round(end - start, 3),
            "peak_rss_mb": round(build.peak_between(start, end) / 2**20),
            "rows_in": rows_in, "rows_out": rows.get(uid, ""),
        })

    stages: dict[str, dict[str, Any]] = {}
    first_node = min((n["start"] for n in nodes), default=build.ended)
    last_node = max((n["end"] for n in nodes), default=build.ended)
    stages["dbt: parse and compile"] = {"start": build.started, "end": first_node, "rows_in": ""}
    for n in nodes:
        s = stages.setdefault(n["stage"], {"start": n["start"], "end": n["end"], "rows_in": 0,
                                           "seconds": 0.0})
        s["start"], s["end"] = min(s["start"], n["start"]), max(s["end"], n["end"])
        s["seconds"] += n["seconds"]
        if n["stage"] in ("dbt: tests (data and unit)",):
            s["rows_in"] = ""
        elif n["stage"] == "dbt: staging":
            s["rows_in"] = rows["_raw_total"]
        elif isinstance(s["rows_in"], int):
            s["rows_in"] += n["rows_in"]
    stages["dbt: finish (end hooks, artefacts)"] = {"start": last_node, "end": build.ended,
                                                   "rows_in": ""}
    kpi_rows = rows["_kpi_values"]
    stages["gate"] = {"start": t["gate_start"], "end": t["gate_end"], "rows_in": kpi_rows,
                      "measured": gp}
    report_seconds = sum(e - s for s, e in t["report_spans"])
    stages["publish (without report)"] = {
        "start": t["publish_start"], "end": t["publish_end"], "rows_in": kpi_rows,
        "seconds": t["publish_end"] - t["publish_start"] - report_seconds, "measured": gp}
    stages["report (HTML, every LA)"] = {
        "start": min((s for s, _ in t["report_spans"]), default=t["publish_start"]),
        "end": max((e for _, e in t["report_spans"]), default=t["publish_start"]),
        "seconds": report_seconds, "rows_in": kpi_rows, "measured": gp}

    stage_rows = []
    for name, s in sorted(stages.items(), key=lambda item: _stage_order(item[0])):
        seconds = s.get("seconds", s["end"] - s["start"])
        measured = s.get("measured", build)
        rows_in = s["rows_in"]
        stage_rows.append({
            "stage": name, "seconds": round(seconds, 2), "span": round(s["end"] - s["start"], 2),
            "peak_rss_mb": round(measured.peak_between(s["start"], s["end"]) / 2**20),
            "rows_in": rows_in,
            "rows_per_second": round(rows_in / seconds) if rows_in and seconds > 0 else "",
        })
    totals = {
        "dbt build": round(build.ended - build.started, 2),
        # From the go file on: the gate process's imports overlap the build, as in csc run.
        "gate + publish + report": round(gp.ended - went, 2),
        "pipeline": round(build.ended - build.started + gp.ended - went, 2),
        "peak_rss_mb": round(max(build.peak_rss, gp.peak_rss) / 2**20),
        "dbt_peak_rss_mb": round(build.peak_rss / 2**20),
        "raw_rows": rows["_raw_total"], "extract_mb": round(extract_size(extract) / 2**20),
        "las": scale.las or 1, "month": month,
    }
    shutil.copy(target / "run_results.json", raw_dir / f"{scale.name}.run_results.json")
    shutil.rmtree(work, ignore_errors=True)
    return {"scale": scale, "stages": stage_rows, "nodes": nodes, "totals": totals}


STAGE_ORDER = ["dbt: parse and compile", "dbt: read extract", "dbt: other hooks", "dbt: seeds",
               "dbt: staging", "dbt: data quality", "dbt: intermediate", "dbt: int_kpi__",
               "dbt: marts", "dbt: tests", "dbt: finish", "gate", "publish", "report"]


def _stage_order(name: str) -> tuple[int, str]:
    rank = next((i for i, prefix in enumerate(STAGE_ORDER) if name.startswith(prefix)),
                len(STAGE_ORDER))
    return rank, name


# --- output ----------------------------------------------------------------------------------

def machine() -> dict[str, Any]:
    mem = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
               if line.startswith("MemTotal"))
    import duckdb

    return {
        "cores": os.cpu_count(), "memory_gb": round(mem / 2**20, 1),
        "python": platform.python_version(), "duckdb": duckdb.__version__,
        "dbt_threads": os.environ.get("CSC_DBT_THREADS", "(profile default)"),
        "duckdb_memory_limit": os.environ.get("CSC_DUCKDB_MEMORY_LIMIT", "(profile default)"),
        "commit": subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=PROJECT_DIR,
                                 capture_output=True, text=True).stdout.strip(),
    }


def _md_table(rows: list[dict[str, Any]], columns: list[str]) -> list[str]:
    out = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for r in rows:
        out.append("| " + " | ".join(str(r.get(c, "")) for c in columns) + " |")
    return out


def write_results(runs: list[dict[str, Any]], out_dir: Path, label: str) -> None:
    """stages.csv, nodes.csv and results.md in out_dir (merged with earlier scales there)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    store = out_dir / "runs.json"
    saved = json.loads(store.read_text()) if store.exists() else {}
    for run in runs:
        saved[run["scale"].name] = {"stages": run["stages"], "totals": run["totals"],
                                    "nodes": [{k: v for k, v in n.items()
                                               if k not in ("start", "end")}
                                              for n in run["nodes"]]}
    if runs or "_machine" not in saved:
        saved["_machine"] = machine()
    store.write_text(json.dumps(saved, indent=1, default=str))

    names = [n for n in SCALES if n in saved]
    with (out_dir / "stages.csv").open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["scale", "stage", "seconds", "span", "peak_rss_mb", "rows_in",
                    "rows_per_second"])
        for n in names:
            for s in saved[n]["stages"]:
                w.writerow([n, s["stage"], s["seconds"], s["span"], s["peak_rss_mb"],
                            s["rows_in"], s["rows_per_second"]])
    with (out_dir / "nodes.csv").open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["scale", "node", "type", "stage", "seconds", "peak_rss_mb", "rows_in",
                    "rows_out"])
        for n in names:
            for r in saved[n]["nodes"]:
                w.writerow([n, r["node"], r["type"], r["stage"], r["seconds"], r["peak_rss_mb"],
                            r["rows_in"], r["rows_out"]])

    m = saved["_machine"]
    lines = [f"# Benchmark results: {label}", "",
             f"Machine: {m['cores']} cores, {m['memory_gb']} GB memory; Python {m['python']}, "
             f"DuckDB {m['duckdb']}; dbt threads {m['dbt_threads']}, DuckDB memory limit "
             f"{m['duckdb_memory_limit']}; commit {m['commit']}.", "",
             "Per stage: seconds is the time its dbt nodes ran, summed (dbt runs several at "
             "once, so stages overlap), span from its first node's start to its last node's "
             "end; peak RSS of the whole process tree while the stage ran (sampled every "
             "0.1 s); rows in are the rows of the stage's inputs (the extract's raw rows for "
             "reading and staging, kpi_values for gate, publish and report).", "",
             "## Totals", ""]
    total_rows = []
    for n in names:
        t = saved[n]["totals"]
        total_rows.append({"scale": n, "LAs": t["las"], "raw rows": t["raw_rows"],
                           "extract MB": t["extract_mb"], "dbt build s": t["dbt build"],
                           "gate+publish+report s": t["gate + publish + report"],
                           "pipeline s": t["pipeline"], "peak RSS MB": t["peak_rss_mb"]})
    lines += _md_table(total_rows, list(total_rows[0]) if total_rows else [])
    curve = [n for n in names if n in GROUPS["curve"]]
    if len(curve) > 1:
        lines += ["", "## Scaling (CSV, 10 years per LA)", "",
                  "Doubling the LAs should not more than double the time: seconds per million "
                  "raw rows should stay flat or fall.", ""]
        lines += _md_table([{
            "LAs": saved[n]["totals"]["las"], "raw rows": saved[n]["totals"]["raw_rows"],
            "dbt build s": saved[n]["totals"]["dbt build"],
            "pipeline s": saved[n]["totals"]["pipeline"],
            "s per M rows": round(saved[n]["totals"]["pipeline"]
                                  / (saved[n]["totals"]["raw_rows"] / 1e6), 2),
            "peak RSS MB": saved[n]["totals"]["peak_rss_mb"]}
            for n in sorted(curve, key=lambda n: saved[n]["totals"]["las"])],
            ["LAs", "raw rows", "dbt build s", "pipeline s", "s per M rows", "peak RSS MB"])
    for n in names:
        lines += ["", f"## {n}", ""]
        lines += _md_table(saved[n]["stages"],
                           ["stage", "seconds", "span", "peak_rss_mb", "rows_in",
                            "rows_per_second"])
        models = sorted((r for r in saved[n]["nodes"] if r["type"] == "model"),
                        key=lambda r: -r["seconds"])[:3]
        lines += ["", "Slowest models: " + "; ".join(
            f"{r['node']} {r['seconds']} s" for r in models) + "."]
    (out_dir / "results.md").write_text("\n".join(lines) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="council,region",
                        help="comma-separated scales or groups: " + ", ".join(
                            [*GROUPS, *SCALES]) + " (default council,region)")
    parser.add_argument("--label", default="latest",
                        help="results folder name under --results (default latest)")
    parser.add_argument("--results", default=str(BENCH_DIR / "results"))
    parser.add_argument("--cache", default=str(BENCH_DIR / "cache"),
                        help="where generated extracts are kept and reused")
    parser.add_argument("--work", default=None,
                        help="scratch folder for warehouses (default: a folder in /tmp)")
    parser.add_argument("--cold", action="store_true",
                        help="no dbt parse before the timed build (default: warm, as monthly)")
    parser.add_argument("--drop-extracts", action="store_true",
                        help="delete each generated extract after its run (saves disk)")
    parser.add_argument("--target", choices=("duckdb", "spark"), default="duckdb",
                        help="engine: duckdb, or dbt's spark target on a local Spark, local[2]")
    parser.add_argument("--no-pdf", action="store_true",
                        help="publish without each LA's report.pdf (csc run --no-pdf)")
    parser.add_argument("--tables-only", action="store_true",
                        help="rewrite the CSV and Markdown tables from runs.json; run nothing")
    args = parser.parse_args(argv)
    if args.tables_only:
        write_results([], Path(args.results) / args.label, args.label)
        return 0

    wanted: list[str] = []
    for item in args.scales.split(","):
        for name in GROUPS.get(item.strip(), [item.strip()]):
            if name not in SCALES:
                parser.error(f"unknown scale {name!r}")
            if name not in wanted:
                wanted.append(name)
    cache, out_dir = Path(args.cache), Path(args.results) / args.label
    cache.mkdir(parents=True, exist_ok=True)
    raw_dir = Path(args.results) / "raw" / args.label  # run_results.json copies; git ignores
    raw_dir.mkdir(parents=True, exist_ok=True)
    work_root = Path(args.work or f"/tmp/csc-bench-{os.getpid()}")
    for name in wanted:
        scale = SCALES[name]
        print(f"{name}:", flush=True)
        run = run_scale(scale, cache, work_root / name, raw_dir, warm=not args.cold,
                        target=args.target, pdf=not args.no_pdf)
        write_results([run], out_dir, args.label)
        t = run["totals"]
        print(f"  {t['raw_rows']} rows: build {t['dbt build']} s, gate+publish+report "
              f"{t['gate + publish + report']} s, peak {t['peak_rss_mb']} MB", flush=True)
        if args.drop_extracts and not scale.flat:
            shutil.rmtree(cache / scale.key, ignore_errors=True)
    shutil.rmtree(work_root, ignore_errors=True)
    print(f"results: {out_dir / 'results.md'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
