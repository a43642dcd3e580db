"""The high-cardinality shape: a resource per line item and many usage types, so most daily groups of
gold are distinct, with totals that still reconcile."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from sentinel.generate import generate

GROUPS = ('"lineItem/UsageStartDate"[:10], "lineItem/UsageAccountId", "lineItem/ProductCode", "product/region", '
          '"lineItem/Operation", "lineItem/UsageType", "lineItem/LineItemType"')


def _shape_figures(out: Path, shape: str) -> tuple[int, int, int, Decimal, str]:
    generate(out, formats="legacy-csv", months=1, start="2024-03", rows_per_month=20_000, seed=5, restate=False,
             shape=shape, progress=False)  # type: ignore[arg-type]
    files = [str(p) for p in out.rglob("*.csv.gz")]
    rows, resources, groups, unblended = duckdb.sql(
        f'SELECT count(*), count(DISTINCT "lineItem/ResourceId"), count(DISTINCT ({GROUPS})), '
        f'sum(CAST("lineItem/UnblendedCost" AS DECIMAL(38,10))) FROM read_csv({files}, all_varchar = true)'
    ).fetchone()  # type: ignore[misc]
    expected = json.loads((out / "expected_totals.json").read_text())["formats"]["legacy_cur_csv"]["2024-03"]
    return rows, resources, groups, unblended, expected["totals"]["unblended_cost"]


def test_most_daily_groups_are_distinct_in_the_high_cardinality_shape(tmp_path: Path) -> None:
    rows, resources, groups, unblended, expected = _shape_figures(tmp_path / "high", "high-cardinality")
    assert rows == 20_000 and groups > 0.8 * rows and resources > 0.5 * rows
    assert unblended == Decimal(expected)
    d_rows, d_resources, d_groups, d_unblended, d_expected = _shape_figures(tmp_path / "default", "default")
    assert d_rows == 20_000 and d_groups < 0.5 * d_rows and d_resources < 0.1 * d_rows
    assert d_unblended == Decimal(d_expected)


def test_an_unknown_shape_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="shape must be one of default, high-cardinality"):
        generate(tmp_path, formats="legacy-csv", months=1, rows_per_month=100, shape="wide")  # type: ignore[arg-type]
