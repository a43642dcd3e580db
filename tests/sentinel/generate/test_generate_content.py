"""What the rows contain: accounts, services, intervals, tags, schema drift and the restated delivery."""

from __future__ import annotations

import csv
import gzip
import json
from pathlib import Path

import duckdb
import pytest

from sentinel.generate import GenerationReport, generate

ROWS = 2000

# explicit dialect: DuckDB's CSV sniffer is slow on gzip files
CSV = "all_varchar = true, header = true, delim = ',', quote = '\"', escape = '\"'"


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> GenerationReport:
    out = tmp_path_factory.mktemp("content")
    return generate(out, formats="all", months=3, rows_per_month=ROWS, seed=21, accounts=12)


def header(path: Path) -> list[str]:
    with gzip.open(path, "rt", newline="") as handle:
        return next(csv.reader(handle))


def csv_source(report: GenerationReport, fmt: str, period: str) -> str:
    files = [str(f) for f in report.current(fmt, period).files]
    return f"read_csv({files}, {CSV})"


def parquet_source(report: GenerationReport, fmt: str, period: str) -> str:
    return f"read_parquet({[str(f) for f in report.current(fmt, period).files]})"


def test_legacy_schema_drifts_between_months(dataset: GenerationReport) -> None:
    jan, feb, mar = (header(dataset.current("legacy-csv", p).files[0]) for p in ("2024-01", "2024-02", "2024-03"))
    assert "lineItem/NetUnblendedCost" in feb and "lineItem/NetUnblendedCost" not in jan + mar  # comes and goes
    assert "product/regionCode" not in jan and "product/regionCode" in feb  # a new product column
    assert "product/durability" in jan and "product/durability" not in feb  # a column that disappears
    assert "resourceTags/user:Project" not in jan and "resourceTags/user:Project" in feb  # a new tag
    assert "costCategory/BusinessUnit" in mar and "costCategory/BusinessUnit" not in feb  # a new cost category
    parquet = duckdb.sql(f"DESCRIBE SELECT * FROM {parquet_source(dataset, 'legacy-parquet', '2024-02')}").fetchall()
    assert "line_item_net_unblended_cost" in {name for name, *_ in parquet}
    expected = json.loads(dataset.expected_totals.read_text())["formats"]["legacy_cur_csv"]
    assert expected["2024-01"]["totals"]["net_unblended_cost"] is None
    assert expected["2024-02"]["totals"]["net_unblended_cost"] is not None


def test_cur2_maps_pick_up_the_new_tag_and_cost_category(dataset: GenerationReport) -> None:
    def keys(period: str, column: str) -> set[str]:
        rows = duckdb.sql(f"SELECT DISTINCT unnest(map_keys({column})) FROM "
                          f"{parquet_source(dataset, 'cur2', period)}").fetchall()
        return {k for (k,) in rows}
    assert "user_project" not in keys("2024-01", "resource_tags") and "user_project" in keys("2024-02", "resource_tags")
    assert keys("2024-01", "resource_tags") >= {"user_cost_center", "user_environment", "aws_created_by"}
    assert keys("2024-02", "cost_category") == {"team"} and keys("2024-03", "cost_category") == {"team", "business_unit"}
    assert keys("2024-01", "product") == {"product_name", "region", "servicename"}


def test_restated_period_is_a_new_delivery_with_changed_numbers(dataset: GenerationReport) -> None:
    old, = dataset.superseded("legacy-csv", "2024-02")
    new = dataset.current("legacy-csv", "2024-02")
    assert old.totals.total.rows == ROWS and new.totals.total.rows > ROWS
    assert old.totals.total.unblended != new.totals.total.unblended
    changed = duckdb.sql(
        f"""SELECT count(*) FROM read_csv({[str(f) for f in old.files]}, {CSV}) o
            JOIN read_csv({[str(f) for f in new.files]}, {CSV}) n
              ON o."identity/LineItemId" = n."identity/LineItemId"
             AND o."identity/TimeInterval" = n."identity/TimeInterval"
            WHERE o."lineItem/UnblendedCost" <> n."lineItem/UnblendedCost" """).fetchone()
    assert changed is not None and 0 < changed[0] < ROWS // 5  # some rows re-rated, most unchanged
    assert dataset.current("cur2", "2024-02").totals.total.unblended == new.totals.total.unblended
    document = json.loads(dataset.expected_totals.read_text())
    assert [s["delivery_id"] for s in document["formats"]["legacy_cur_csv"]["2024-02"]["superseded"]] == \
        [old.delivery_id]


def test_line_item_ids_repeat_per_hour_and_are_unique_with_the_interval(dataset: GenerationReport) -> None:
    stats = duckdb.sql(
        f"""SELECT count(*), count(DISTINCT "identity/LineItemId"),
                   count(DISTINCT ("identity/LineItemId", "identity/TimeInterval")),
                   min(length("identity/LineItemId")), max(length("identity/LineItemId"))
            FROM {csv_source(dataset, 'legacy-csv', '2024-01')}""").fetchone()
    assert stats is not None
    rows, ids, pairs, shortest, longest = stats
    assert pairs == rows == ROWS
    assert ids < rows // 5  # a resource line repeats every hour
    assert shortest == longest == 52


def test_hourly_intervals_and_monthly_charges(dataset: GenerationReport) -> None:
    intervals = dict(duckdb.sql(
        f"""SELECT "lineItem/LineItemType",
                   max(epoch(CAST("lineItem/UsageEndDate" AS TIMESTAMP)) - epoch(CAST("lineItem/UsageStartDate" AS TIMESTAMP)))
            FROM {csv_source(dataset, 'legacy-csv', '2024-01')} GROUP BY 1""").fetchall())
    assert intervals["Usage"] == 3600 and intervals["DiscountedUsage"] == 3600
    assert intervals["Tax"] == intervals["RIFee"] == 31 * 24 * 3600  # whole-period charges


def test_daily_granularity(tmp_path: Path) -> None:
    report = generate(tmp_path, formats="cur2", months=1, rows_per_month=600, granularity="daily", restate=False)
    spans = duckdb.sql(
        f"SELECT DISTINCT epoch(line_item_usage_end_date) - epoch(line_item_usage_start_date) FROM "
        f"{parquet_source(report, 'cur2', '2024-01')} WHERE line_item_line_item_type = 'Usage'").fetchall()
    assert spans == [(86400,)]


def test_accounts_services_regions_and_tags_look_like_an_organisation(dataset: GenerationReport) -> None:
    source = parquet_source(dataset, "cur2", "2024-01")
    row = duckdb.sql(f"""SELECT count(DISTINCT bill_payer_account_id), count(DISTINCT line_item_usage_account_id),
                                count(DISTINCT line_item_product_code), count(DISTINCT product_region_code),
                                bool_and(regexp_full_match(line_item_usage_account_id, '\\d{{12}}')),
                                avg(CASE WHEN cardinality(resource_tags) = 0 THEN 1 ELSE 0 END),
                                count(DISTINCT line_item_usage_account_name)
                         FROM {source}""").fetchone()
    assert row is not None
    payers, accounts, services, regions, twelve_digits, untagged, names = row
    assert payers == 2 and accounts == names == 12
    assert services >= 25 and regions >= 8 and twelve_digits
    assert 0.1 < untagged < 0.6  # some usage untagged, most tagged
    usage_types = {u for (u,) in duckdb.sql(f"SELECT DISTINCT line_item_usage_type FROM {source}").fetchall()}
    assert "BoxUsage:m5.large" in usage_types or any(u and u.endswith("-BoxUsage:m5.large") for u in usage_types)
    assert any(u and u.startswith("EU-") for u in usage_types)


def test_focus_has_another_provider_and_json_tags(dataset: GenerationReport) -> None:
    source = parquet_source(dataset, "focus", "2024-01")
    providers = dict(duckdb.sql(f"SELECT ProviderName, count(*) FROM {source} GROUP BY 1").fetchall())
    assert set(providers) == {"AWS", "Microsoft"} and providers["Microsoft"] < providers["AWS"]
    tags = duckdb.sql(f"SELECT Tags FROM {source} WHERE ProviderName = 'AWS' AND Tags IS NOT NULL LIMIT 20").fetchall()
    assert all(isinstance(json.loads(t), dict) for (t,) in tags)
    negations = duckdb.sql(f"SELECT count(*) FROM {source} WHERE x_UsageType IS NOT NULL AND "
                           f"ChargeDescription LIKE 'SavingsPlanNegation%'").fetchone()
    assert negations == (0,)
    commitments = {c for (c,) in duckdb.sql(f"SELECT DISTINCT CommitmentDiscountType FROM {source}").fetchall()}
    assert commitments == {None, "Reserved Instance", "Savings Plan"}
