"""Validation on the spark target: GX's Spark datasource over Spark DataFrames.

Compiling the staging models with `--target spark` opens dbt-spark's in-process SparkSession
(session method) with the profile's settings; validation reuses that session, so the warehouse,
metastore and time zone are exactly the build's. Each input's staged rows (the same query as on
DuckDB) are one Spark DataFrame batch: Spark does the counting.
"""

from __future__ import annotations

from cx_metrics.expectations.settings import (
    ValidationSettings,
    compile_staging,
    structural_problem,
)
from cx_metrics.project import run_dbt


def session():
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    return active or SparkSession.builder.getOrCreate()


def _columns(spark, relation: str) -> list[str] | None:
    from pyspark.errors import AnalysisException

    try:
        return [c.lower() for c in spark.sql(f"select * from {relation} limit 0").columns]
    except AnalysisException:
        return None


def prepare(settings: ValidationSettings):
    """Structural checks, staging SQL and the label map, as on DuckDB; returns the session."""
    spark = session()
    for table in settings.tables.values():
        table.problem = table.problem or structural_problem(table, _columns(spark, table.relation))
    compile_staging(settings)
    if _columns(spark, settings.labels_relation) is None:
        run_dbt(["seed", "--quiet", "--select", settings.labels_model, *settings.dbt_args])
    return spark


def add_source(context):
    return context.data_sources.add_spark("cx_spark")
