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
    the remainder, and ticket, response and order ids stay unique across chunks."""
    config = DemoConfig(customers=350, customers_per_chunk=100, bad_rows={})
    chunks = [generate_chunk(config, index) for index in range(config.chunks)]
    assert [len(chunk.customers) for chunk in chunks] == [100, 100, 100, 50]
    customer_ids = pd.concat([chunk.customers for chunk in chunks])["customer_id"]
    assert customer_ids.tolist() == [f"C{number:08d}" for number in range(350)]
    for table, column in (
        ("support_tickets", "ticket_id"),
        ("survey_responses", "response_id"),
        ("orders", "order_id"),
    ):
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


def test_orders_follow_the_customers_and_detractors_come_back_less():
    """Orders (the optional fifth input) fall between each customer's start and churn (or the
    window's end), a few per customer; customers whose mean NPS answer is a promoter's order
    more often than passives, and passives more than detractors."""
    config = DemoConfig(bad_rows={})
    chunk = generate_chunk(config, 0)
    orders, customers = chunk.orders, chunk.customers.set_index("customer_id")
    assert orders["order_id"].is_unique
    assert orders["customer_id"].isin(customers.index).all()
    at = pd.to_datetime(orders["ordered_at"], format="%Y-%m-%d %H:%M:%S")
    started = pd.to_datetime(customers["started_at"]).reindex(orders["customer_id"]).to_numpy()
    ends = pd.to_datetime(customers["churned_at"]).fillna(pd.Timestamp(config.window_end))
    assert (at.to_numpy() >= started).all()
    assert (at.to_numpy() <= ends.reindex(orders["customer_id"]).to_numpy()).all()
    per_customer = orders.groupby("customer_id").size().reindex(customers.index, fill_value=0)
    assert 3 <= per_customer.mean() <= 6

    nps = chunk.survey_responses
    nps = nps[nps["survey_type"].str.strip().str.lower().eq("nps") & nps["customer_id"].notna()]
    mean = pd.to_numeric(nps["score"]).groupby(nps["customer_id"]).mean()
    category = pd.cut(mean, [-1, 6, 8.99, 10], labels=["detractor", "passive", "promoter"])
    by_category = per_customer.groupby(category.reindex(customers.index), observed=True).mean()
    assert by_category["promoter"] > 1.3 * by_category["passive"]
    assert by_category["passive"] > 1.3 * by_category["detractor"]

    status = orders["status"].str.strip().str.lower()
    shares = status.value_counts(normalize=True, dropna=False)
    assert shares["completed"] > 0.7
    assert 0.02 < shares["cancelled"] + shares.get("canceled", 0) < 0.06
    assert 0.01 < shares["refunded"] < 0.04
    assert 0.03 < status.isna().mean() < 0.07
    assert (status.dropna() != orders["status"].dropna()).any()  # some messy spellings
    amount = orders["amount"].dropna()
    assert amount.str.fullmatch(r"\d+\.\d{2}").all() and (amount.astype(float) > 0).all()
    assert 0.01 < orders["amount"].isna().mean() < 0.05
