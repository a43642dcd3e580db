"""The three public samples reproduce their reference figures in silver and in every gold table."""

from __future__ import annotations

from decimal import Decimal

import duckdb
import pytest

from sentinel.catalog import connect_read_only
from sentinel.settings import Settings

# (period, provider) → rows, unblended, amortized, public   (samples/README.md)
REFERENCE = {
    ("2018-11", "AWS"): (124340, "3505.326968", "3632.559846", "3671.199306"),
    ("2023-11", "AWS"): (1281, "1.682309", "1.682309", "3.356173"),
    ("2024-09", "AWS"): (942, "18.006639", "13.000000", "18.149318"),
    ("2024-09", "Microsoft"): (51, "1.976514", None, None),
    ("2024-09", "Oracle"): (6, "0.297074", None, None),
    ("2024-10", "Oracle"): (1, "0.240000", None, None),
}


def _totals(connection: duckdb.DuckDBPyConnection, table: str, rows: str) -> dict[tuple[str, str], tuple]:
    result = connection.execute(
        f"SELECT billing_period, provider, {rows}, CAST(round(sum(unblended_cost), 6) AS VARCHAR), "
        f"CAST(round(sum(amortized_cost), 6) AS VARCHAR), CAST(round(sum(public_cost), 6) AS VARCHAR) "
        f"FROM {table} GROUP BY ALL"
    ).fetchall()
    return {(r[0], r[1]): (int(r[2]), *(Decimal(v) for v in r[3:])) for r in result}


@pytest.fixture(scope="module")
def catalog(samples_settings: Settings) -> duckdb.DuckDBPyConnection:
    return connect_read_only(samples_settings.catalog_path)


@pytest.mark.parametrize(
    ("table", "rows"),
    [
        ("silver.line_items", "count(*)"),
        ("gold.cost_daily", "sum(line_item_count)"),
        ("gold.cost_monthly", "sum(line_item_count)"),
        ("gold.period_summary", "sum(line_item_count)"),
    ],
)
def test_reference_figures_to_the_cent(catalog: duckdb.DuckDBPyConnection, table: str, rows: str) -> None:
    totals = _totals(catalog, table, rows)
    assert set(totals) == set(REFERENCE)
    for key, (count, unblended, amortized, public) in REFERENCE.items():
        got = totals[key]
        assert got[0] == count, key
        assert got[1] == Decimal(unblended), key
        if amortized is not None:
            assert got[2] == Decimal(amortized), key
        if public is not None:
            assert got[3] == Decimal(public), key


def test_line_item_ids_repeat_hourly_and_are_all_kept(catalog: duckdb.DuckDBPyConnection) -> None:
    distinct_ids, distinct_pairs, rows = catalog.execute(
        "SELECT count(DISTINCT line_item_id), count(DISTINCT (line_item_id, time_interval)), count(*) "
        "FROM silver.line_items WHERE billing_period = '2018-11'"
    ).fetchone()
    assert (distinct_ids, distinct_pairs, rows) == (1560, 124340, 124340)


def test_silver_schema_types(catalog: duckdb.DuckDBPyConnection) -> None:
    types = dict(catalog.execute("SELECT column_name, column_type FROM (DESCRIBE silver.line_items)").fetchall())
    assert types["unblended_cost"] == "DECIMAL(38,10)"
    assert types["usage_amount"] == "DOUBLE"
    assert types["tags"] == "MAP(VARCHAR, VARCHAR)"
    assert types["usage_start"].startswith("TIMESTAMP")
    assert types["billing_period"] == "VARCHAR"


def test_lineage_columns_name_the_raw_file_and_delivery(catalog: duckdb.DuckDBPyConnection) -> None:
    rows = catalog.execute(
        "SELECT DISTINCT s.billing_period, s.source_file, s.delivery_id, d.format FROM silver.line_items s "
        "JOIN raw.deliveries d USING (billing_period, delivery_id) ORDER BY 1, 2"
    ).fetchall()
    assert rows == [
        ("2018-11", "Nov2018-WorkshopCUR-00001.snappy.parquet", rows[0][2], "legacy_cur_parquet"),
        ("2023-11", "legacy-cur-2023-11-focus-converters.csv", rows[1][2], "legacy_cur_csv"),
        ("2024-09", "focus-1.0-sample.csv", rows[2][2], "focus"),
        ("2024-10", "focus-1.0-sample.csv", rows[2][2], "focus"),
    ]


def test_tags_from_every_format_land_in_the_tag_table(catalog: duckdb.DuckDBPyConnection) -> None:
    keys = {
        (period, key)
        for period, key in catalog.execute(
            "SELECT DISTINCT billing_period, tag_key FROM gold.cost_by_tag_daily"
        ).fetchall()
    }
    assert ("2018-11", "user_cost_center") in keys
    assert ("2024-09", "application") in keys
