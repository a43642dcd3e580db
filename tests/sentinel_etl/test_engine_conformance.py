"""One job script, two engines: DuckDB (sqlframe) and real PySpark 3.5 give the same silver and gold."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from billing_fixtures import SAMPLES
from building import build

from sentinel.settings import Settings

pytestmark = [pytest.mark.spark, pytest.mark.xdist_group("spark")]

GOLD_KEYS = {
    "cost_daily": "usage_date, provider, payer_account_id, usage_account_id, service, service_code, region, operation, "
    "usage_type, unit, charge_category, line_item_type, currency",
    "cost_monthly": "provider, payer_account_id, usage_account_id, service, service_code, region, charge_category, currency",
    "cost_by_tag_daily": "usage_date, provider, usage_account_id, service, region, tag_key, tag_value",
    "period_summary": "provider, source_format, delivery_ids, currency, first_usage_date, last_usage_date",
}
MONEY = ("unblended_cost", "net_unblended_cost", "amortized_cost", "public_cost")


def _snapshot(settings: Settings) -> dict[str, object]:
    with duckdb.connect(str(settings.catalog_path), read_only=True) as connection:
        snapshot: dict[str, object] = {
            "silver": connection.execute(
                "SELECT billing_period, provider, count(*) FROM silver.line_items GROUP BY ALL ORDER BY ALL"
            ).fetchall()
        }
        for table, keys in GOLD_KEYS.items():
            sums = ", ".join(f"CAST(round(coalesce(sum({c}), 0), 6) AS VARCHAR)" for c in MONEY)
            rows = connection.execute(
                f"SELECT billing_period, {keys}, {sums}, sum(line_item_count) FROM gold.{table} "
                f"GROUP BY ALL ORDER BY ALL"
            ).fetchall()
            snapshot[table] = [tuple(Decimal(v) if isinstance(v, str) and _is_number(v) else v for v in r) for r in rows]
    return snapshot


def _is_number(text: str) -> bool:
    try:
        Decimal(text)
    except ArithmeticError:
        return False
    return True


@pytest.fixture(scope="module")
def both_engines(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, object], dict[str, object]]:
    snapshots = []
    for engine in ("duckdb", "spark"):
        settings = Settings(home=tmp_path_factory.mktemp(engine), engine=engine)
        build(Path(SAMPLES), settings)
        snapshots.append(_snapshot(settings))
    return snapshots[0], snapshots[1]


def test_silver_row_counts_are_identical(both_engines: tuple[dict[str, object], dict[str, object]]) -> None:
    duck, spark = both_engines
    assert duck["silver"] == spark["silver"]
    assert len(duck["silver"]) == 6  # type: ignore[arg-type]


@pytest.mark.parametrize("table", sorted(GOLD_KEYS))
def test_gold_sums_per_period_and_group_are_identical(
    both_engines: tuple[dict[str, object], dict[str, object]], table: str
) -> None:
    duck, spark = both_engines
    assert duck[table], table
    assert duck[table] == spark[table]
