"""Validation on the postgres target: GX's SQL datasource, with counting done by PostgreSQL.

Each input's staged rows (the same query as on DuckDB) become a GX query asset validated as
one batch: GX compiles every expectation to SQL, so no rows travel to Python and no chunking
is needed.
"""

from __future__ import annotations

import os

import sqlalchemy as sa

from cx_metrics.expectations.settings import (
    ValidationSettings,
    compile_staging,
    structural_problem,
)
from cx_metrics.project import run_dbt

COLUMNS_SQL = (
    "select column_name from information_schema.columns"
    " where table_catalog = :database and table_schema = :schema and table_name = :table"
)


def postgres_url() -> sa.URL:
    """The connection of the dbt postgres target, from the same libpq variables."""
    return sa.URL.create(
        "postgresql+psycopg2",
        username=os.environ.get("PGUSER", "postgres"),
        password=os.environ.get("PGPASSWORD") or None,
        host=os.environ.get("PGHOST", "127.0.0.1"),
        port=int(os.environ.get("PGPORT", "5432")),
        database=os.environ.get("PGDATABASE", "cx_metrics"),
    )


def prepare(settings: ValidationSettings) -> None:
    """Structural checks, staging SQL and the label map, as on DuckDB."""
    engine = sa.create_engine(postgres_url())
    try:
        with engine.connect() as conn:
            for table in settings.tables.values():
                present = (
                    conn.execute(
                        sa.text(COLUMNS_SQL),
                        {
                            "database": table.database,
                            "schema": table.schema,
                            "table": table.identifier,
                        },
                    )
                    .scalars()
                    .all()
                )
                table.problem = table.problem or structural_problem(table, list(present) or None)
            compile_staging(settings)
            try:
                conn.execute(sa.text(f"select 1 from {settings.labels_relation} limit 0"))
            except sa.exc.ProgrammingError:
                conn.rollback()
                run_dbt(["seed", "--quiet", "--select", settings.labels_model, *settings.dbt_args])
    finally:
        engine.dispose()


def add_source(context):
    """GX's PostgreSQL datasource for the target's database."""
    return context.data_sources.add_postgres(
        "cx_postgres", connection_string=postgres_url().render_as_string(hide_password=False)
    )
