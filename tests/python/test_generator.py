"""The demo data generator: deterministic, and the checked-in seeds are its output."""

from __future__ import annotations

import pandas as pd
from conftest import DEMO_SEEDS

from cx_metrics.cli import DEMO_SEED_PREFIX
from cx_metrics.demo_data.generator import DemoConfig, generate_chunk
from cx_metrics.demo_data.writers import TABLES, write_csv, write_parquet

SEEDS = DEMO_SEEDS


def test_checked_in_seeds_are_the_generator_output(tmp_path):
    write_csv(DemoConfig(), tmp_path, prefix=DEMO_SEED_PREFIX)
    for table in TABLES:
        name = f"{DEMO_SEED_PREFIX}{table}.csv"
        assert (tmp_path / name).read_bytes() == (SEEDS / name).read_bytes(), name


def test_demo_data_shape():
    frames = {t: pd.read_csv(SEEDS / f"{DEMO_SEED_PREFIX}{t}.csv", dtype=str) for t in TABLES}
    responded = pd.to_datetime(frames["survey_responses"]["responded_at"], errors="coerce")
    months = responded.dt.to_period("M").nunique()
    assert months >= 18
    assert len(frames["survey_responses"]) >= 5_000
    kinds = frames["survey_responses"]["survey_type"].str.strip().str.lower().value_counts()
    assert {"nps", "csat", "ces"} <= set(kinds.index)


def test_parquet_holds_the_same_rows_as_csv(tmp_path):
    config = DemoConfig(customers=400, customers_per_chunk=150)
    csv_counts = write_csv(config, tmp_path / "csv")
    parquet_counts = write_parquet(config, tmp_path / "parquet")
    assert csv_counts == parquet_counts
    for table in TABLES:
        from_csv = pd.read_csv(tmp_path / "csv" / f"{table}.csv", dtype=str, keep_default_na=False)
        from_parquet = pd.read_parquet(tmp_path / "parquet" / f"{table}.parquet").fillna("")
        pd.testing.assert_frame_equal(from_csv, from_parquet)


def test_chunks_partition_the_customers():
    """Each customer is generated once, in order, whatever the chunk size; the last chunk holds
    the remainder, and ticket and response ids stay unique across chunks."""
    config = DemoConfig(customers=350, customers_per_chunk=100, bad_rows={})
    chunks = [generate_chunk(config, index) for index in range(config.chunks)]
    assert [len(chunk.customers) for chunk in chunks] == [100, 100, 100, 50]
    customer_ids = pd.concat([chunk.customers for chunk in chunks])["customer_id"]
    assert customer_ids.tolist() == [f"C{number:08d}" for number in range(350)]
    for table, column in (("support_tickets", "ticket_id"), ("survey_responses", "response_id")):
        ids = pd.concat([getattr(chunk, table) for chunk in chunks])[column]
        assert ids.is_unique, table


def test_volume_follows_the_documented_responses_per_customer():
    """``DemoConfig.for_responses`` sizes runs by RESPONSES_PER_CUSTOMER: the generator must
    actually produce about that many responses per customer."""
    config = DemoConfig.for_responses(40_000, seed=5, bad_rows={})
    responses = sum(
        len(generate_chunk(config, index).survey_responses) for index in range(config.chunks)
    )
    assert abs(responses - 40_000) / 40_000 < 0.05


def test_a_one_customer_run_writes_every_table(tmp_path):
    """The smallest run: one customer, maybe no tickets; fewer bad rows than asked, never a
    crash, and every table written with its header."""
    counts = write_csv(DemoConfig(customers=1), tmp_path)
    assert set(counts) == set(TABLES)
    customers = pd.read_csv(tmp_path / "customers.csv", dtype=str)
    assert customers["customer_id"].dropna().str.startswith("C00000000").all()  # and bad copies
    assert counts["customers"] == len(customers) >= 1
    for table in TABLES:
        assert (tmp_path / f"{table}.csv").read_text().count("\n") == counts[table] + 1, table
