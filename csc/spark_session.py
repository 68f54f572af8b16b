"""Reading a warehouse built with `dbt build --target spark` (profiles.yml, target spark).

The gate, the run summary, the publication and the report read a handful of relations: the
marts, the quarantine, the reconciliation and value issues, the gate's frames (views, computed
by Spark when read) and extract.extract_files. `mirror_to_duckdb` copies exactly those, as Spark
computes them, into a DuckDB file, which the rest of csc reads as it reads a DuckDB build: the
one interface between csc and whichever engine built the warehouse. They are small (the marts
are a few thousand rows per LA; the gate's frames a few rows per LA and table), so nothing of
the size of the extract leaves Spark.

dbt-spark's session method starts Spark inside the dbt process and keeps its tables in a Hive
metastore (Derby) and warehouse folder under CSC_SPARK_WAREHOUSE. Once dbt has finished, any
other process that starts Spark with the same folder sees the same databases (marts, staging,
data_quality, ...). Derby admits one process at a time, so a reader runs after the build, never
beside it, and `read_queries` runs in a child process of its own: the caller (pytest, the CLI)
can start the next dbt build as soon as it returns.

Only small results leave Spark (the marts, the gate's frames, snapshots): each query's rows are
collected to the driver.
"""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

#: Where the spark target keeps its warehouse and metastore unless CSC_SPARK_WAREHOUSE is set.
DEFAULT_WAREHOUSE = "warehouse/spark"


def warehouse_dir(env: dict[str, str] | None = None) -> Path:
    """The folder of the Spark warehouse (tables/) and its metastore (metastore_db/)."""
    env = os.environ if env is None else env
    return Path(env.get("CSC_SPARK_WAREHOUSE", DEFAULT_WAREHOUSE)).resolve()


def spark_conf(env: dict[str, str] | None = None) -> dict[str, str]:
    """The same Spark settings as profiles.yml's spark target (keep the two in step)."""
    env = os.environ if env is None else env
    folder = warehouse_dir(env)
    return {
        "spark.master": env.get("CSC_SPARK_MASTER", "local[2]"),
        "spark.driver.memory": env.get("CSC_SPARK_DRIVER_MEMORY", "4g"),
        "spark.sql.shuffle.partitions": env.get("CSC_SPARK_SHUFFLE_PARTITIONS", "4"),
        "spark.ui.enabled": "false",
        "spark.sql.session.timeZone": "UTC",
        "spark.sql.legacy.timeParserPolicy": "CORRECTED",
        "spark.sql.warehouse.dir": f"{folder}/tables",
        "spark.hadoop.javax.jdo.option.ConnectionURL":
            f"jdbc:derby:;databaseName={folder}/metastore_db;create=true",
        "spark.driver.extraJavaOptions": f"-Dderby.system.home={folder}",
    }


def session(env: dict[str, str] | None = None) -> Any:
    """A Spark session on the warehouse (started once per process, as dbt-spark does)."""
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.enableHiveSupport()
    for key, value in spark_conf(env).items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def _collect(queries: dict[str, str]) -> dict[str, tuple[list[str], list[tuple[Any, ...]]]]:
    spark = session()
    out = {}
    for name, sql in queries.items():
        df = spark.sql(sql)
        out[name] = (list(df.columns), [tuple(row) for row in df.collect()])
    return out


def read_queries(
    queries: dict[str, str], env: dict[str, str] | None = None, timeout: float = 900
) -> dict[str, tuple[list[str], list[tuple[Any, ...]]]]:
    """Each query's (column names, rows as Python values), run in a child process's Spark.

    A child process, because Derby's lock and the JVM stay with the process that started Spark:
    the caller stays free to run dbt on the same warehouse afterwards.
    """
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "rows.pickle"
        proc = subprocess.run(
            [sys.executable, "-m", "csc.spark_session", str(out)],
            input=json.dumps(queries), text=True, capture_output=True, timeout=timeout,
            env={**os.environ, **(env or {})},
        )
        if proc.returncode != 0:
            raise RuntimeError(f"reading the Spark warehouse failed:\n{proc.stderr[-4000:]}")
        with out.open("rb") as f:
            return pickle.load(f)


#: The relations csc reads after a build (the gate's frames are added by name).
MIRRORED = (
    "marts.kpi_values", "marts.scorecard", "marts.kpis", "marts.regional_comparison",
    "marts.regional_disclosure_settings", "staging.stg_ssd__quarantine",
    "data_quality.dq_table_reconciliation", "data_quality.dq_value_issues",
    "extract.extract_files",
)


def _arrow_type(spark_type: Any) -> Any:
    import pyarrow as pa
    from pyspark.sql import types as T

    return {
        T.StringType: pa.string(), T.DateType: pa.date32(), T.DoubleType: pa.float64(),
        T.LongType: pa.int64(), T.IntegerType: pa.int32(), T.BooleanType: pa.bool_(),
        T.TimestampType: pa.timestamp("us"), T.FloatType: pa.float32(),
    }.get(type(spark_type), pa.string())


def _mirror(db_path: str) -> list[str]:
    """Copy MIRRORED and every data_quality.dq_gate__* frame into a new DuckDB file."""
    import duckdb
    import pyarrow as pa

    spark = session()
    gate = []
    if spark.catalog.databaseExists("data_quality"):
        gate = [f"data_quality.{t.name}" for t in spark.catalog.listTables("data_quality")
                if t.name.startswith("dq_gate__")]
    copied = []
    with duckdb.connect(db_path) as con:
        for name in (*MIRRORED, *gate):
            if not spark.catalog.tableExists(name):
                continue
            df = spark.table(name)
            schema = pa.schema([(f.name, _arrow_type(f.dataType)) for f in df.schema.fields])
            rows = [tuple(r) for r in df.collect()]
            columns = list(zip(*rows, strict=True)) if rows else [[] for _ in schema]
            arrays = [pa.array(c, type=t) for c, t in zip(columns, schema.types, strict=True)]
            table = pa.table(arrays, schema=schema)
            con.execute(f"create schema if not exists {name.split('.')[0]}")
            con.register("spark_rows", table)
            con.execute(f"create table {name} as select * from spark_rows")
            con.unregister("spark_rows")
            copied.append(name)
    return copied


def mirror_to_duckdb(
    db_path: Path, env: dict[str, str] | None = None, timeout: float = 1800
) -> int:
    """Copy what csc reads from the Spark warehouse into db_path (a child process; 0 = done)."""
    proc = subprocess.run(
        [sys.executable, "-m", "csc.spark_session", "--mirror", str(db_path)],
        text=True, capture_output=True, timeout=timeout, env={**os.environ, **(env or {})},
    )
    if proc.returncode != 0:
        print(f"csc: reading the Spark warehouse failed:\n{proc.stderr[-4000:]}")
    return proc.returncode


def main(argv: list[str]) -> int:
    """python -m csc.spark_session OUT: queries as JSON on stdin, their rows pickled to OUT;
    python -m csc.spark_session --mirror DB: the relations csc reads copied into DuckDB file DB."""
    if argv[0] == "--mirror":
        _mirror(argv[1])
        return 0
    queries = json.loads(sys.stdin.read())
    with open(argv[0], "wb") as f:
        pickle.dump(_collect(queries), f)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
