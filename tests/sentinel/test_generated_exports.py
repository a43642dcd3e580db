"""`sentinel generate` + the pipeline: every format, drift between months and a restated month, to the cent."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from sentinel.catalog import connect_read_only
from sentinel.generate import generate
from sentinel.pipeline import run_local
from sentinel.settings import Settings


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, dict[str, dict]], Settings]:
    export = tmp_path_factory.mktemp("export")
    generate(export, formats="all", months=3, rows_per_month=1500, seed=11, progress=False)
    settings = Settings(home=tmp_path_factory.mktemp("home"))
    run_local(export, settings)
    expected = json.loads((export / "expected_totals.json").read_text())["formats"]
    return expected, settings


def test_every_format_and_period_matches_the_generators_totals(built: tuple[dict, Settings]) -> None:
    expected, settings = built
    with connect_read_only(settings.catalog_path) as connection:
        rows = connection.execute(
            "SELECT source_format, billing_period, count(*), CAST(sum(unblended_cost) AS VARCHAR), "
            "CAST(sum(amortized_cost) AS VARCHAR), CAST(sum(public_cost) AS VARCHAR), "
            "CAST(sum(net_unblended_cost) AS VARCHAR) FROM silver.line_items GROUP BY ALL"
        ).fetchall()
    actual = {(r[0], r[1]): r[2:] for r in rows}
    wanted = {(fmt, period): v["totals"] for fmt, periods in expected.items() for period, v in periods.items()}
    assert set(actual) == set(wanted)
    assert len(wanted) == 12  # 4 formats x 3 months
    for key, totals in wanted.items():
        count, unblended, amortized, public, net = actual[key]
        assert count == totals["rows"], key
        assert Decimal(unblended) == Decimal(totals["unblended_cost"]), key
        assert Decimal(amortized) == Decimal(totals["amortized_cost"]), key
        assert Decimal(public) == Decimal(totals["public_cost"]), key
        if totals["net_unblended_cost"] is not None:  # present only in some months: schema drift
            assert Decimal(net) == Decimal(totals["net_unblended_cost"]), key


def test_restated_month_uses_only_the_newest_delivery(built: tuple[dict, Settings]) -> None:
    expected, settings = built
    restated = [(fmt, p) for fmt, periods in expected.items() for p, v in periods.items() if v.get("superseded")]
    assert restated, "the generator restates a month"
    with connect_read_only(settings.catalog_path) as connection:
        for fmt, period in restated:
            ids = connection.execute(
                "SELECT DISTINCT delivery_id FROM silver.line_items WHERE source_format = ? AND billing_period = ?",
                [fmt, period],
            ).fetchall()
            assert ids == [(expected[fmt][period]["delivery_id"],)]


def test_gold_agrees_with_silver_for_every_period(built: tuple[dict, Settings]) -> None:
    _, settings = built
    with connect_read_only(settings.catalog_path) as connection:
        silver = connection.execute(
            "SELECT billing_period, sum(unblended_cost), sum(amortized_cost), count(*) FROM silver.line_items GROUP BY 1"
        ).fetchall()
        for table in ("cost_daily", "cost_monthly", "period_summary"):
            gold = connection.execute(
                f"SELECT billing_period, sum(unblended_cost), sum(amortized_cost), sum(line_item_count) "
                f"FROM gold.{table} GROUP BY 1"
            ).fetchall()
            assert sorted(gold) == sorted(silver), table


def test_catalog_is_read_only(built: tuple[dict, Settings]) -> None:
    _, settings = built
    with connect_read_only(settings.catalog_path) as connection, pytest.raises(duckdb.Error):
        connection.execute("CREATE TABLE gold.x AS SELECT 1")


def test_generated_source_layouts_are_untouched(built: tuple[dict, Settings]) -> None:
    _, settings = built
    landed = sorted(p.name for p in Path(settings.lake_root / "raw").glob("billing_period=*/export=*"))
    assert landed.count("export=sentinel-cur") == 3 and landed.count("export=sentinel-cur2") == 3
