"""`sentinel generate` + the pipeline: every format, drift between months and a restated month, to the cent."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from building import build

from sentinel.catalog import connect_read_only
from sentinel.generate import generate
from sentinel.settings import Settings

FORMATS = {"legacy_cur_csv": "legacy-csv", "legacy_cur_parquet": "legacy-parquet", "cur2": "cur2", "focus": "focus"}


@pytest.fixture(scope="module")
def homes(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, dict[str, dict]], dict[str, Settings]]:
    """Each format of the generated bill built on its own: one home can hold only one export per bill."""
    expected: dict[str, dict[str, dict]] = {}
    built: dict[str, Settings] = {}
    for fmt, option in FORMATS.items():
        export = tmp_path_factory.mktemp(f"export-{option}")
        generate(export, formats=option, months=3, rows_per_month=1500, seed=11, progress=False)
        expected.update(json.loads((export / "expected_totals.json").read_text())["formats"])
        built[fmt] = Settings(home=tmp_path_factory.mktemp(f"home-{option}"))
        build(export, built[fmt])
    return expected, built


@pytest.fixture(scope="module")
def built(homes: tuple[dict[str, dict[str, dict]], dict[str, Settings]]) -> tuple[dict[str, dict[str, dict]], Settings]:
    expected, built = homes
    return expected, built["cur2"]


def test_every_format_and_period_matches_the_generators_totals(homes: tuple[dict, dict[str, Settings]]) -> None:
    expected, built = homes
    rows = []
    for settings in built.values():
        with connect_read_only(settings.catalog_path) as connection:
            rows += connection.execute(
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


def test_restated_month_uses_only_the_newest_delivery(homes: tuple[dict, dict[str, Settings]]) -> None:
    expected, built = homes
    restated = [(fmt, p) for fmt, periods in expected.items() for p, v in periods.items() if v.get("superseded")]
    assert restated, "the generator restates a month"
    for fmt, period in restated:
        with connect_read_only(built[fmt].catalog_path) as connection:
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
    assert landed == ["export=sentinel-cur2"] * 3


def test_focus_1_3_rows_keep_their_provider_in_silver(tmp_path: Path) -> None:
    """No ProviderName column: silver's provider is each row's ServiceProviderName, to the cent."""
    export = tmp_path / "export"
    report = generate(export, formats="focus", months=1, rows_per_month=300, focus_csv=True, seed=2,
                      focus_version="1.3", restate=False, progress=False)
    settings = Settings(home=tmp_path / "home")
    build(export, settings)
    with connect_read_only(settings.catalog_path) as connection:
        rows = connection.execute(
            "SELECT provider, count(*), CAST(sum(unblended_cost) AS VARCHAR) FROM silver.line_items GROUP BY 1"
        ).fetchall()
    expected = report.current("focus", "2024-01").totals.providers
    assert {name: (n, Decimal(cost)) for name, n, cost in rows} == {
        name: (t.rows, t.unblended) for name, t in expected.items()
    }
