"""Every dispatched macro gives on Spark what it gives on DuckDB, value for value.

Each macro's DuckDB body (macros/*.sql) and Spark body (macros/spark/*.sql) is rendered with
Jinja and run on the same awkward inputs, in DuckDB and in a local Spark: the differences the
Spark bodies exist for (lenient dates, `$` before a line break, case-sensitive JSON keys,
regexp_replace's flags, printf's rounding of ties) are among the inputs.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path
from typing import Any

import duckdb
import jinja2
import pytest

from csc import PROJECT_DIR

pytestmark = [pytest.mark.spark]

MACROS = Path(PROJECT_DIR) / "macros"


def _module(*files: str) -> Any:
    env = jinja2.Environment(extensions=["jinja2.ext.do"])
    src = "\n".join((MACROS / f).read_text(encoding="utf-8") for f in files)
    return env.from_string(src).module


SHARED = _module("parsing.sql", "formatting.sql", "dates.sql", "aggregates.sql")
SPARK = _module("spark/parsing.sql", "spark/formatting.sql", "spark/dates.sql",
                "spark/aggregates.sql")


def _macro(module: Any, *names: str) -> Any:
    for name in names:
        if hasattr(module, name):
            return getattr(module, name)
    raise AttributeError(names)


@pytest.fixture(scope="module")
def spark() -> Any:
    if shutil.which("java") is None:
        import os

        if os.environ.get("CI"):
            pytest.fail("Java is not installed: the Spark macro tests cannot run in CI")
        pytest.skip("Java is not installed (the spark target needs Java 17)")
    from pyspark.sql import SparkSession

    session = (SparkSession.builder.master("local[1]").config("spark.ui.enabled", "false")
               .config("spark.sql.session.timeZone", "UTC")
               .config("spark.sql.legacy.timeParserPolicy", "CORRECTED").getOrCreate())
    return session


def both(spark: Any, name: str, values: list[Any], sql_type: str, *args: Any) -> None:
    """The macro on column v of the values, on DuckDB and Spark: the same results in order."""
    duck_sql = str(_macro(SHARED, f"duckdb__{name}", f"default__{name}")("v", *args))
    # a macro whose default__ body runs on both engines has no spark__ body
    spark_macro = getattr(SPARK, f"spark__{name}", None) or _macro(SHARED, f"default__{name}")
    spark_sql = str(spark_macro("v", *args))
    want = [r[0] for r in duckdb.sql(
        f"select {duck_sql} from (select unnest(?::{sql_type}[]) as v, "
        "generate_subscripts(?::int[], 1) as i) order by i",
        params=[values, list(range(len(values)))]).fetchall()]
    df = spark.createDataFrame([(v, i) for i, v in enumerate(values)],
                               f"v {'string' if sql_type == 'varchar' else sql_type}, i int")
    got = [r[0] for r in df.orderBy("i").selectExpr(spark_sql).collect()]
    assert got == want, [(v, g, w) for v, g, w in zip(values, got, want, strict=True) if g != w]


DATES = ["2019-12-31", "2019-12-31 14:05", "2019-12-31 14:05:09.123", "2019-12-31T14:05:09",
         "31/12/2019", "1/2/2019", "31/12/2019 14:05", "31/12/2019 14:05:09", "1900-01-01",
         "2019-02-30", "31/02/2019", "2019-12-31\n", "2019-12-31 ", " 2019-12-31", "2019-1-5",
         "12/31/2019", "2019/12/31", "31-12-2019", "", "yesterday", "2019-12-31x", "29/02/2020",
         "29/02/2019", "2019-13-01", "00/01/2019", "1/1/19", None]


def test_parse_date(spark: Any) -> None:
    both(spark, "parse_date", DATES, "varchar")


def test_parse_flag(spark: Any) -> None:
    both(spark, "parse_flag", ["Y", "n", "Yes", "NO", "1", "0", "true", "FALSE", " y ", "T",
                               "maybe", "", None], "varchar")


JSON = ['{"NEW_REFERRAL_FLAG": "Y", "NOTE": "said \\"no\\", then left"}',
        '{"nfa_flag": "yes", "New_Referral_Flag": "no"}', '{"NEW_REFERRAL_FLAG": true}',
        '{"NEW_REFERRAL_FLAG": 1}', '{"NEW_REFERRAL_FLAG": null}', '{"NEW_REFERRAL_FLAG": "Y"',
        '["Y"]', '"Y"', "1", "", "  ", "{}", "not json", None]


def test_is_json_object(spark: Any) -> None:
    both(spark, "is_json_object", JSON, "varchar")


@pytest.mark.parametrize("key", ["new_referral_flag", "NFA_FLAG"])
def test_json_key_text(spark: Any, key: str) -> None:
    both(spark, "json_key_text", JSON, "varchar", key)


def test_normalise_text_key(spark: Any) -> None:
    both(spark, "normalise_text_key", ["  Dental   Check ", "IHA", "review\thealth  assessment",
                                       "a\nb", "", None], "varchar")


@pytest.mark.parametrize("decimals", [0, 1, 2])
def test_format_decimal(spark: Any, decimals: int) -> None:
    rng = random.Random(1)
    values = [12.25, 0.15, 0.45, 2.675, 12.35, 2.5, 0.05, 37.888, 0.0, 100.0, 99.95, 7.5, 8.5,
              -3.25, 1 / 3 * 100, 49 / 400 * 100, None]
    values += [rng.randint(0, 500) / rng.randint(1, 500) * 100 for _ in range(300)]
    values += [round(rng.uniform(0, 200), rng.randint(1, 4)) for _ in range(300)]
    both(spark, "format_decimal", values, "double", decimals)


def test_month_name_and_day_of_week(spark: Any) -> None:
    import datetime as dt

    days = [dt.date(2019, 12, 1) + dt.timedelta(days=n * 17) for n in range(30)]
    both(spark, "month_name", days, "date")
    both(spark, "day_of_week_iso", days, "date")
