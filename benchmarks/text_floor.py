"""Run a floor of the comment text models on DuckDB and write its result.

    python benchmarks/text_floor.py sentiment|topics DATABASE OUTPUT.parquet

The comments are the accepted answers with a comment in the package's own build (DATABASE,
attached read-only: the table its text models read); the lexicon and the taxonomy are the
package's seed files. Prints the query's own time (``query_seconds``) last.
"""

import os
import sys
import time
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"


def main(kind: str, database: Path, out: Path) -> None:
    con = duckdb.connect(config={"memory_limit": os.environ.get("CX_DUCKDB_MEMORY_LIMIT", "80%")})
    con.execute(f"attach '{database}' as db (read_only)")
    schema = con.execute(
        "select schema_name from duckdb_tables()"
        " where database_name = 'db' and table_name = 'cx__survey_responses'"
    ).fetchone()[0]
    comments = (
        f"(select response_id as text_id, comment from db.{schema}.cx__survey_responses"
        " where comment is not null)"
    )
    lexicon = (
        f"read_csv('{SEEDS}/cx_sentiment_lexicon.csv', header = true, quote = '\"',"
        " columns = {'token': 'varchar', 'valence': 'double'})"
    )
    taxonomy = (
        f"read_csv('{SEEDS}/cx_topic_taxonomy.csv', header = true,"
        " columns = {'topic': 'varchar', 'parent_topic': 'varchar', 'match_rule': 'varchar'})"
    )
    query = (Path(__file__).with_name(f"text_floor_{kind}.sql").read_text()).format(
        comments=comments, lexicon=lexicon, taxonomy=taxonomy
    )
    start = time.perf_counter()
    con.execute(f"copy ({query}) to '{out}' (format parquet)")
    print(f"query_seconds={time.perf_counter() - start:.3f}")


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]).resolve(), Path(sys.argv[3]).resolve())
