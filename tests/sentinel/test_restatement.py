"""A re-delivered month replaces its partition; a failed run leaves silver and gold as they were."""

from __future__ import annotations

import gzip
import os
import time
from decimal import Decimal
from pathlib import Path

import pytest
from billing_fixtures import LEGACY_CSV, write_legacy_export
from building import BuildFailed, build

from sentinel.catalog import connect_read_only
from sentinel.settings import Settings

HEADER, *LINES = LEGACY_CSV.read_text().splitlines(keepends=True)


def _totals(settings: Settings) -> tuple[int, Decimal, Decimal]:
    with connect_read_only(settings.catalog_path) as connection:
        silver = connection.execute(
            "SELECT count(*), CAST(sum(unblended_cost) AS VARCHAR) FROM silver.line_items WHERE billing_period='2023-11'"
        ).fetchone()
        gold = connection.execute(
            "SELECT CAST(sum(unblended_cost) AS VARCHAR) FROM gold.cost_daily WHERE billing_period='2023-11'"
        ).fetchone()
    assert silver is not None and gold is not None
    return int(silver[0]), Decimal(silver[1]), Decimal(gold[0])


def _partition_targets(settings: Settings) -> dict[str, str]:
    lake = settings.lake_root
    return {
        table: os.path.realpath(lake / layer / table / "billing_period=2023-11")
        for layer, table in (("silver", "line_items"), ("gold", "cost_daily"), ("gold", "period_summary"))
    }


def test_restated_month_replaces_and_failed_run_changes_nothing(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path / "home")
    export = tmp_path / "export"
    write_legacy_export(export, "asm-1", {"sentinel-cur-1.csv.gz": gzip.compress("".join([HEADER, *LINES]).encode())})
    build(export, settings)
    assert _totals(settings) == (1281, Decimal("1.6823086974"), Decimal("1.6823086974"))

    # AWS re-delivers the month: a new assembly with only the first 1000 line items, manifest points at it
    time.sleep(1.1)  # a newer manifest modification time, as on a real re-delivery
    write_legacy_export(export, "asm-2", {"sentinel-cur-1.csv.gz": gzip.compress("".join([HEADER, *LINES[:1000]]).encode())})
    build(export, settings)
    rows, silver_sum, gold_sum = _totals(settings)
    assert rows == 1000 and silver_sum == gold_sum < Decimal("1.6823086974")
    published = _partition_targets(settings)

    # a broken re-delivery: the run fails and every published partition stays exactly as it was
    time.sleep(1.1)
    broken = [HEADER, *LINES[:1000]]
    broken[10] = broken[10].replace(",0.0,", ",zero,", 1)
    assert broken[10] != LINES[9], "the sample line has a literal 0.0 cost to corrupt"
    write_legacy_export(export, "asm-3", {"sentinel-cur-1.csv.gz": gzip.compress("".join(broken).encode())})
    with pytest.raises(BuildFailed):
        build(export, settings)
    assert _partition_targets(settings) == published
    assert _totals(settings) == (rows, silver_sum, gold_sum)
    raw_deliveries = sorted(p.name for p in (settings.lake_root / "raw" / "billing_period=2023-11").glob("*/*"))
    assert raw_deliveries == ["delivery=asm-1", "delivery=asm-2", "delivery=asm-3"]  # raw keeps every delivery
