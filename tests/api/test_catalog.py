"""The DuckDB engine follows the catalog file as runs replace it; answers are cached per version."""

from __future__ import annotations

import shutil
import threading
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from api_support import local_settings
from fastapi.testclient import TestClient
from sentinel_etl.lake import LocalLake

from api.main import create_app
from api.queries.periods import PeriodIndex, ProviderPeriod
from api.queries.summary import forecast, previous_range
from sentinel.catalog import refresh_catalog
from sentinel.engines.base import Query
from sentinel.engines.duckdb_engine import DuckDBEngine

NOV = {"start": "2018-11-01", "end": "2018-11-30"}
COUNT = Query("SELECT count(*) FROM gold.period_summary WHERE billing_period BETWEEN ? AND ?", ("0000", "9999"))


def copy_lake(sample_home: Path, tmp_path: Path) -> Path:
    """A private copy of the sample lake and catalog that a test may change."""
    home = tmp_path / "home"
    shutil.copytree(sample_home / "lake", home / "lake", symlinks=True)
    for link in (home / "lake").rglob("billing_period=*"):  # partition links are relative: still in the copy
        assert not link.is_symlink() or link.resolve().is_relative_to(home)
    refresh_catalog(home / "lake", home / "catalog.duckdb")
    return home


def test_the_engine_reopens_a_replaced_catalog(sample_home: Path, tmp_path: Path) -> None:
    home = copy_lake(sample_home, tmp_path)
    engine = DuckDBEngine(home / "catalog.duckdb")
    before = engine.version()
    assert engine.execute(COUNT).rows == [(6,)]
    app = create_app(local_settings(home), engine=engine)
    with TestClient(app, base_url="http://localhost") as client:
        first = client.get("/api/v1/summary", params=NOV)
        assert first.headers["x-cache"] == "miss"
        assert client.get("/api/v1/summary", params=NOV).headers["x-cache"] == "hit"
        # A run drops the 2018-11 period (and, here, a whole table) and swaps a new catalog in.
        (home / "lake" / "_current" / "billing_period=2018-11" / "gold.period_summary").unlink()
        for release in (home / "lake" / "_current").iterdir():
            (release / "gold.cost_by_tag_daily").unlink(missing_ok=True)
        assert engine.has_table("gold.cost_by_tag_daily")
        refresh_catalog(home / "lake", home / "catalog.duckdb")
        assert engine.version() != before
        assert engine.execute(COUNT).rows == [(5,)]
        # the new file, not DuckDB's cached database for the same path (the old one is still open)
        assert not engine.has_table("gold.cost_by_tag_daily")
        again = client.get("/api/v1/summary", params=NOV)
        assert again.headers["x-cache"] == "miss"  # a new version: nothing cached survives
        meta = client.get("/api/v1/meta").json()
        assert "2018-11" not in [p["billing_period"] for p in meta["periods"]]


def test_concurrent_requests_share_the_engine_safely(client: TestClient) -> None:
    expected = client.get("/api/v1/costs/breakdown", params={**NOV, "dimension": "region"}).json()["total"]
    results: list[float] = []
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            for _ in range(5):
                body = client.get("/api/v1/costs/breakdown", params={**NOV, "dimension": "region"}).json()
                results.append(body["total"])
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors and len(results) == 40 and set(results) == {expected}


def test_meta_describes_the_catalog(client: TestClient) -> None:
    meta = client.get("/api/v1/meta").json()
    assert [p["billing_period"] for p in meta["periods"]] == ["2018-11", "2023-11", "2024-09", "2024-10"]
    september = meta["periods"][2]
    assert september["providers"] == ["AWS", "Microsoft", "Oracle"] and september["line_items"] == 999
    assert september["unblended_cost"] == pytest.approx(20.280227, abs=1e-6)
    assert september["materialized_at"] and september["latest_delivery_at"] and september["deliveries"] == 1
    assert meta["providers"] == ["AWS", "Microsoft", "Oracle"] and meta["currency"] == "USD"
    views = {v["id"]: v["available"] for v in meta["views"]}
    assert views == {"unblended": True, "net_unblended": False, "amortized": True, "public": True}
    assert "user_cost_center" in meta["tag_keys"]
    assert meta["default_range"] == {"start": "2024-09-01", "end": "2024-09-30", "days": 30, "covered": True}
    dims = {d["id"]: d for d in meta["dimensions"]}
    assert dims["operation"]["tag_compatible"] is False and dims["service"]["tag_compatible"] is True


def test_default_range_is_the_month_of_the_newest_usage(client: TestClient) -> None:
    body = client.get("/api/v1/summary").json()
    assert body["range"] == {"start": "2024-09-01", "end": "2024-09-30", "days": 30, "covered": True}
    only_start = client.get("/api/v1/summary", params={"start": "2018-11-10"}).json()
    assert only_start["range"]["end"] == "2018-11-30"


def test_operation_ids_are_stable(client: TestClient) -> None:
    document = client.get("/api/v1/openapi.json").json()
    ids = {op["operationId"] for path in document["paths"].values() for op in path.values()}
    assert ids == {"health-check", "meta-get", "summary-get", "costs-timeseries", "costs-breakdown",
                   "dimensions-values", "line-items-list", "line-items-export", "anomalies-list", "anomalies-get"}
    schemes = document["components"]["securitySchemes"]
    assert schemes["APIKeyHeader"]["name"] == "X-API-Key" and schemes["HTTPBearer"]["scheme"] == "bearer"


def test_previous_range() -> None:
    assert previous_range(date(2024, 9, 1), date(2024, 9, 30)) == (date(2024, 8, 1), date(2024, 8, 31))
    assert previous_range(date(2024, 1, 1), date(2024, 3, 31)) == (date(2023, 10, 1), date(2023, 12, 31))
    assert previous_range(date(2024, 9, 5), date(2024, 9, 11)) == (date(2024, 8, 29), date(2024, 9, 4))


def test_forecast_uses_the_settled_days_run_rate() -> None:
    days = {date(2024, 9, d): 10 for d in range(1, 10)} | {date(2024, 9, 10): 2}  # the 10th is still arriving
    result = forecast(date(2024, 9, 10), days)
    assert result.cost == 92 and result.days_elapsed == 10 and not result.complete
    assert result.forecast == pytest.approx(90 + 10 * 21)
    assert forecast(date(2024, 9, 30), {date(2024, 9, 30): 5}).forecast == 5


def _period(period: str, first: date, last: date) -> ProviderPeriod:
    return ProviderPeriod(period, "AWS", (), (), "USD", 1, first, last, {}, None)


def test_pruning_follows_usage_spans() -> None:
    index = PeriodIndex((
        _period("2024-09", date(2024, 9, 1), date(2024, 9, 30)),
        _period("2024-10", date(2024, 9, 30), date(2024, 10, 31)),  # bills a late September charge
        _period("2024-11", date(2024, 11, 1), date(2024, 11, 30)),
    ))
    assert index.prune(date(2024, 9, 1), date(2024, 9, 30)) == ("2024-09", "2024-10")
    assert index.prune(date(2024, 11, 3), date(2024, 11, 4)) == ("2024-11", "2024-11")
    assert not index.months_aligned(date(2024, 9, 1), date(2024, 9, 30))
    assert index.months_aligned(date(2024, 9, 1), date(2024, 10, 31))
    assert not index.months_aligned(date(2024, 9, 1), date(2024, 10, 31), each_month=True)
    assert index.months_aligned(date(2024, 11, 1), date(2024, 11, 30), each_month=True)
    assert not index.months_aligned(date(2024, 11, 2), date(2024, 11, 30))


def test_gold_is_copied_into_the_catalog_in_period_and_date_order(sample_home: Path) -> None:
    import duckdb

    from sentinel.catalog import GOLD_TABLES, table_glob

    connection = duckdb.connect(str(sample_home / "catalog.duckdb"), read_only=True)
    try:
        stored = {name for (name,) in connection.execute(
            "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'gold_copy'").fetchall()}
        shown = {name for (name,) in connection.execute(
            "SELECT view_name FROM duckdb_views() WHERE schema_name = 'gold'").fetchall()}
        assert stored == shown == set(GOLD_TABLES)
        for table in ("cost_daily", "cost_by_tag_daily"):
            glob = table_glob(sample_home / "lake", "gold", table)
            lake = connection.execute(
                f"SELECT billing_period, count(*), sum(unblended_cost) FROM read_parquet('{glob}', "
                "hive_partitioning = true) GROUP BY 1 ORDER BY 1").fetchall()
            copy = connection.execute(
                f"SELECT billing_period, count(*), sum(unblended_cost) FROM gold.{table} GROUP BY 1 ORDER BY 1"
            ).fetchall()
            assert copy == lake and len(copy) >= 3  # 2023-11 has no tags
        keys = connection.execute("SELECT billing_period, usage_date FROM gold.cost_daily").fetchall()
        assert keys == sorted(keys)
    finally:
        connection.close()


def test_gold_money_is_stored_narrow_only_where_every_value_fits(tmp_path: Path) -> None:
    import duckdb

    lake = tmp_path / "lake"
    connection = duckdb.connect()
    for period, big in (("2024-01", "12.3456789012"), ("2024-02", "123456789.0000000001")):
        folder = Path(LocalLake(str(lake)).new_version("gold", "cost_monthly", period))
        folder.mkdir(parents=True)
        connection.execute(
            f"COPY (SELECT 'AWS' AS provider, CAST('{big}' AS DECIMAL(38, 10)) AS unblended_cost, "
            "CAST('-0.5' AS DECIMAL(38, 10)) AS public_cost, 1 AS line_item_count) "
            f"TO '{folder / 'part-00000.parquet'}' (FORMAT parquet)"
        )
        LocalLake(str(lake)).publish(period, {("gold", "cost_monthly"): str(folder)})
    refresh_catalog(lake, tmp_path / "catalog.duckdb")
    catalog = duckdb.connect(str(tmp_path / "catalog.duckdb"), read_only=True)
    def types(schema: str) -> dict[str, str]:
        return dict(catalog.execute(
            "SELECT column_name, data_type FROM duckdb_columns() WHERE schema_name = ? AND table_name = 'cost_monthly'",
            [schema]).fetchall())

    # 123,456,789 needs 19 digits at scale 10: that column keeps 128-bit decimals; the other one fits in 64.
    assert types("gold_copy")["unblended_cost"] == "DECIMAL(38,10)"
    assert types("gold_copy")["public_cost"] == "DECIMAL(18,10)"
    # gold.cost_monthly shows the lake's types, so arithmetic on it has the same headroom as on the lake
    assert types("gold")["public_cost"] == "DECIMAL(38,10)"
    assert catalog.execute("SELECT max(public_cost * 1000000000) FROM gold.cost_monthly").fetchone() == (
        Decimal("-500000000.0000000000"),)
    assert catalog.execute("SELECT sum(unblended_cost), sum(public_cost) FROM gold.cost_monthly").fetchone() == (
        Decimal("123456801.3456789013"), Decimal("-1.0000000000"))
