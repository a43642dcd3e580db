"""A restated month replaces the period (raw keeps both deliveries, silver and gold count the new one
once); a delivery that fails a blocking check stops the period and leaves the last good partitions."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from dagster import AssetRecordsFilter, DagsterInstance, Definitions

from sentinel.settings import Settings
from sentinel_assets.definitions import build_definitions
from sentinel_assets.execution import PeriodResult, open_instance, refresh_periods
from sentinel_assets.keys import GOLD, SILVER_LINE_ITEMS
from sentinel_assets_tests.exports import focus_csv_for, gzip_csv, legacy_rows, write_legacy_delivery

PERIOD = "2023-11"
T0 = 1_700_000_000.0
RESTATED_ROWS = 1000


@dataclass
class Story:
    settings: Settings
    defs: Definitions
    instance: DagsterInstance
    store: Path
    first: PeriodResult
    restated: PeriodResult
    first_files: dict[Path, str]

    def run(self) -> PeriodResult:
        (result,) = refresh_periods(self.defs, self.instance, [PERIOD])
        return result

    @property
    def lake(self) -> Path:
        return self.settings.lake_root

    def current(self, layer: str, table: str) -> str:
        return os.path.realpath(self.lake / layer / table / f"billing_period={PERIOD}")

    def catalog(self, sql: str) -> tuple[object, ...]:
        with duckdb.connect(str(self.settings.catalog_path), read_only=True) as connection:
            row = connection.execute(sql).fetchone()
        assert row is not None
        return row


def hashes(folder: Path) -> dict[Path, str]:
    return {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def csv_unblended(rows: list[list[str]]) -> Decimal:
    column = rows[0].index("lineItem/UnblendedCost")
    return sum((Decimal(r[column]) for r in rows[1:] if r[column]), Decimal(0))


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> Story:
    base = tmp_path_factory.mktemp("restatement")
    store = base / "exports"
    settings = Settings(home=base / "home", source=store)
    defs, instance = build_definitions(settings), open_instance(settings)
    write_legacy_delivery(store, "assembly-1", gzip_csv(legacy_rows()), delivered_at=T0)
    (first,) = refresh_periods(defs, instance, [PERIOD])
    first_files = hashes(settings.lake_root / "raw")
    write_legacy_delivery(store, "assembly-2", gzip_csv(legacy_rows(limit=RESTATED_ROWS)), delivered_at=T0 + 3600)
    (restated,) = refresh_periods(defs, instance, [PERIOD])
    return Story(settings, defs, instance, store, first, restated, first_files)


def test_both_deliveries_build(story: Story) -> None:
    assert story.first.succeeded and story.first.rows == 1281, story.first.error
    assert story.restated.succeeded and story.restated.deliveries == ["assembly-2"], story.restated.error


def test_raw_keeps_the_first_delivery_untouched(story: Story) -> None:
    folders = sorted(p.name for p in (story.lake / "raw" / f"billing_period={PERIOD}").glob("export=*/delivery=*"))
    assert folders == ["delivery=assembly-1", "delivery=assembly-2"]
    now = hashes(story.lake / "raw")
    assert {p: now[p] for p in story.first_files} == story.first_files


def test_the_restated_month_replaces_the_period_without_double_counting(story: Story) -> None:
    expected = csv_unblended(legacy_rows(limit=RESTATED_ROWS))
    assert story.restated.rows == RESTATED_ROWS
    silver = story.catalog(f"SELECT count(*), sum(unblended_cost), min(delivery_id), max(delivery_id) "
                           f"FROM silver.line_items WHERE billing_period = '{PERIOD}'")
    assert silver == (RESTATED_ROWS, expected, "assembly-2", "assembly-2")
    gold = story.catalog(f"SELECT sum(line_item_count), sum(unblended_cost) FROM gold.period_summary "
                         f"WHERE billing_period = '{PERIOD}'")
    assert gold == (RESTATED_ROWS, expected)
    assert story.restated.checks_passed == story.restated.checks_total == 14


def test_a_failing_blocking_check_stops_gold_and_keeps_the_last_good_partitions(story: Story) -> None:
    good_silver, good_gold = story.current("silver", "line_items"), story.current("gold", "period_summary")
    runs_before = len(story.instance.fetch_materializations(
        AssetRecordsFilter(asset_key=GOLD["period_summary"], asset_partitions=[PERIOD]), limit=100).records)
    # a second export for the period whose FOCUS charge category is not one FOCUS defines: the input
    # parses, and silver's Pandera schema rejects it
    (story.store / "focus-export.csv").write_bytes(focus_csv_for(PERIOD, charge_category="Bogus"))

    result = story.run()

    assert not result.succeeded
    assert "pandera_schema" in (result.error or "") and "a blocking check failed" in (result.error or "")
    assert result.failed_checks == ["silver/line_items:pandera_schema"]
    assert story.current("silver", "line_items") == good_silver  # nothing was published
    assert story.current("gold", "period_summary") == good_gold
    after = story.instance.fetch_materializations(
        AssetRecordsFilter(asset_key=GOLD["period_summary"], asset_partitions=[PERIOD]), limit=100).records
    assert len(after) == runs_before  # gold did not run
    silver_events = story.instance.fetch_materializations(
        AssetRecordsFilter(asset_key=SILVER_LINE_ITEMS, asset_partitions=[PERIOD]), limit=100).records
    assert len(silver_events) == 2  # the two good builds only
    assert story.catalog(f"SELECT count(*) FROM silver.line_items WHERE billing_period = '{PERIOD}'") == (
        RESTATED_ROWS,)
    landed = {p.name for p in (story.lake / "raw" / f"billing_period={PERIOD}").glob("export=*")}
    assert len(landed) == 2 and "export=sentinel-cur" in landed  # raw keeps the rejected delivery
