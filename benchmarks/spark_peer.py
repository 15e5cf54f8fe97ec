"""The dbt build of the survey marts on Spark (local[2], Parquet tables): the scale-out path.

Registers the benchmark's Parquet inputs as Spark tables in the schema cx_bench_raw (in a
process of its own, with the dbt profile's warehouse and metastore), seeds the label map, then
`dbt run` of the survey marts on the spark target reads them through cx_source_schema. The
monthly cube is read back from the tables' Parquet files for the comparison with the floor.

    python benchmarks/spark_peer.py register INPUTS WORK   # the input tables
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

TABLES = ("survey_responses", "customers", "support_tickets", "feedback_followups")
RAW_SCHEMA = "cx_bench_raw"


def spark_environment(work: Path) -> dict[str, str]:
    """The profile's Spark locations under work/spark, and driver memory within the target."""
    return {
        "CX_SPARK_WAREHOUSE": str(work / "spark" / "warehouse"),
        "CX_SPARK_METASTORE": str(work / "spark" / "metastore_db"),
        # The session's JVM is started by pyspark: its heap is set where it is launched.
        "PYSPARK_SUBMIT_ARGS": "--driver-memory 3g pyspark-shell",
    }


def table_folders(inputs: Path, work: Path) -> dict[str, Path]:
    """One folder per input (a Spark table's location is a folder): the survey input's own,
    and a folder holding a link to each other input's file."""
    folders = {}
    for table in TABLES:
        own = inputs / table
        if own.is_dir():
            folders[table] = own
            continue
        folder = work / "spark" / "inputs" / table
        folder.mkdir(parents=True, exist_ok=True)
        link = folder / "part-0.parquet"
        if not link.exists():
            link.symlink_to((inputs / f"{table}.parquet").resolve())
        folders[table] = folder
    return folders


def register(inputs: Path, work: Path) -> None:
    from pyspark.sql import SparkSession

    warehouse, metastore = (
        spark_environment(work)[k] for k in ("CX_SPARK_WAREHOUSE", "CX_SPARK_METASTORE")
    )
    spark = (
        SparkSession.builder.enableHiveSupport()
        .master("local[2]")
        .config("spark.sql.warehouse.dir", warehouse)
        .config(
            "spark.hadoop.javax.jdo.option.ConnectionURL",
            f"jdbc:derby:;databaseName={metastore};create=true",
        )
        .config("spark.driver.extraJavaOptions", f"-Dderby.system.home={metastore}-derby")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    spark.sql(f"create database if not exists {RAW_SCHEMA}")
    for table, folder in table_folders(inputs, work).items():
        spark.sql(f"drop table if exists {RAW_SCHEMA}.{table}")
        spark.sql(f"create table {RAW_SCHEMA}.{table} using parquet location '{folder}'")
    spark.stop()


def cube_tables(work: Path) -> dict[str, str]:
    """{mart: read_parquet(...) of its Spark table}, for DuckDB."""
    base = work / "spark" / "warehouse" / "cx_metrics.db"
    return {m: f"read_parquet('{base}/{m}/*.parquet')" for m in ("cx__nps", "cx__csat", "cx__ces")}


if __name__ == "__main__":
    if sys.argv[1:2] != ["register"] or len(sys.argv) != 4:
        sys.exit(__doc__)
    os.environ.update(spark_environment(Path(sys.argv[3])))
    register(Path(sys.argv[2]).resolve(), Path(sys.argv[3]).resolve())
