from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from dagster import AssetCheckSeverity
from sentinel_etl.delivery_record import DeliveryRecord
from sentinel_etl.formats import SourceFormat
from sentinel_etl.money import MoneyTotals, differences

from sentinel_assets.checks import freshness, reconcile
from sentinel_assets.local import DuckDBLakeTotals, LocalLake
from sentinel_assets_tests.conftest import Built

NOW = datetime(2024, 10, 20, 12, tzinfo=UTC)


def record(delivered_at: str, period: str = "2024-10") -> DeliveryRecord:
    return DeliveryRecord(delivery_id="d", export_name="e", billing_period=period, format=SourceFormat.CUR2,
                          files=[], manifest=None, period_from_manifest=True, source="s",
                          delivered_at=delivered_at, landed_at=delivered_at)


def test_freshness_warns_about_a_stale_open_period() -> None:
    stale = freshness([record("2024-10-18T00:00:00Z")], "2024-10", NOW, expected_hours=36)
    assert not stale.passed and stale.severity == AssetCheckSeverity.WARN
    assert stale.metadata["age_hours"].value == 60.0
    assert freshness([record("2024-10-19T12:00:00Z")], "2024-10", NOW, expected_hours=36).passed


def test_freshness_only_applies_to_the_open_period() -> None:
    assert freshness([record("2024-01-01T00:00:00Z", "2024-09")], "2024-09", NOW, expected_hours=36).passed
    assert not freshness([], "2024-10", NOW, expected_hours=36).passed


def test_differences_are_exact() -> None:
    """Sums of DECIMAL(38,10) values: the last of the ten places counts, as in the README's "exact"."""
    base = MoneyTotals(10, Decimal("1.0000000000"), Decimal("3.000"), Decimal("2.000"))
    assert differences(base, replace(base, unblended=Decimal("1.00")), "x") == []
    assert differences(base, replace(base, unblended=Decimal("1.0000000001")), "x") == [
        "x unblended 1.0000000001 != 1.0000000000 (by 1E-10)"]
    assert differences(base, replace(base, rows=11), "x") == ["x rows 11 != 10"]
    assert differences(replace(base, amortized=None), replace(base, amortized=Decimal(9)), "x") == []


class OffByACent(DuckDBLakeTotals):
    def totals(self, layer: str, table: str, period: str) -> MoneyTotals | None:
        found = super().totals(layer, table, period)
        if found is not None and (layer, table) == ("gold", "cost_monthly"):
            return replace(found, public=found.public + Decimal("0.01"))
        return found


def test_money_conserved_across_raw_silver_and_gold(samples_built: Built) -> None:
    lake = LocalLake(root=str(samples_built.settings.lake_root))
    engine = DuckDBLakeTotals(lake_root=lake.root)
    for period in ("2018-11", "2023-11", "2024-09", "2024-10"):
        result = reconcile(period, lake, engine)
        assert result.passed, result.metadata["problems"]
    totals: Any = reconcile("2018-11", lake, engine).metadata["totals"].value
    assert totals["raw"]["rows"] == totals["silver"]["rows"] == 124340

    broken = reconcile("2018-11", lake, OffByACent(lake_root=lake.root))
    assert not broken.passed
    problems: Any = broken.metadata["problems"].value
    (problem,) = problems
    assert problem.startswith("gold.cost_monthly vs silver: public 3671.209") and "!= 3671.199" in problem


def test_money_conserved_without_silver(tmp_path: Path) -> None:
    result = reconcile("2024-09", LocalLake(root=str(tmp_path)), DuckDBLakeTotals(lake_root=str(tmp_path)))
    assert not result.passed
