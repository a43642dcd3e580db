"""expected_totals.json equals an independent DuckDB SQL sum over the written files, for every format."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pytest

from sentinel.generate import GenerationReport, generate

D = "DECIMAL(38,10)"

# explicit dialect: DuckDB's CSV sniffer is slow on gzip files
CSV = "all_varchar = true, header = true, delim = ',', quote = '\"', escape = '\"'"


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> GenerationReport:
    out = tmp_path_factory.mktemp("totals")
    return generate(out, formats="all", months=3, rows_per_month=1500, seed=11, rows_per_file=600, chunk_rows=400)


def amortized_case(col: Any) -> str:
    """The Well-Architected amortized CASE of samples/README.md, over a column-name mapping."""
    return f"""CASE {col('line_item_type')}
      WHEN 'SavingsPlanCoveredUsage' THEN CAST({col('sp_effective')} AS {D})
      WHEN 'SavingsPlanRecurringFee' THEN CAST({col('sp_total')} AS {D}) - CAST({col('sp_used')} AS {D})
      WHEN 'SavingsPlanNegation' THEN 0
      WHEN 'SavingsPlanUpfrontFee' THEN 0
      WHEN 'DiscountedUsage' THEN CAST({col('ri_effective')} AS {D})
      WHEN 'RIFee' THEN CAST({col('ri_unused_upfront')} AS {D}) + CAST({col('ri_unused_recurring')} AS {D})
      WHEN 'Fee' THEN CASE WHEN {col('ri_arn')} <> '' THEN 0 ELSE CAST({col('unblended')} AS {D}) END
      ELSE CAST({col('unblended')} AS {D}) END"""


LEGACY = {
    "line_item_type": "lineItem/LineItemType", "unblended": "lineItem/UnblendedCost",
    "net": "lineItem/NetUnblendedCost", "public": "pricing/publicOnDemandCost",
    "ri_effective": "reservation/EffectiveCost", "ri_arn": "reservation/ReservationARN",
    "ri_unused_upfront": "reservation/UnusedAmortizedUpfrontFeeForBillingPeriod",
    "ri_unused_recurring": "reservation/UnusedRecurringFee", "sp_effective": "savingsPlan/SavingsPlanEffectiveCost",
    "sp_total": "savingsPlan/TotalCommitmentToDate", "sp_used": "savingsPlan/UsedCommitment",
}


def athena(header: str) -> str:
    from sentinel.generate.legacy_columns import athena_name

    return athena_name(header)


def sql_totals(out: Path, fmt: str, entry: dict[str, Any]) -> tuple[Any, ...]:
    files = [str(out / f) for f in entry["files"]]
    has_net = entry["totals"]["net_unblended_cost"] is not None
    if fmt == "focus":
        source = f"read_parquet({files})"
        return duckdb.sql(f"SELECT count(*), sum(CAST(BilledCost AS {D})), NULL, sum(CAST(EffectiveCost AS {D})), "
                          f"sum(CAST(ListCost AS {D})) FROM {source}").fetchone() or ()
    if fmt == "legacy_cur_csv":
        source = f"read_csv({files}, {CSV})"
        def col(key: str) -> str:
            return f'"{LEGACY[key]}"'
    else:
        source = f"read_parquet({files})"
        def col(key: str) -> str:
            return athena(LEGACY[key])
    net = f"sum(CAST({col('net')} AS {D}))" if has_net else "NULL"
    return duckdb.sql(f"SELECT count(*), sum(CAST({col('unblended')} AS {D})), {net}, sum({amortized_case(col)}), "
                      f"sum(CAST({col('public')} AS {D})) FROM {source}").fetchone() or ()


def expected(entry: dict[str, Any]) -> tuple[Any, ...]:
    t = entry["totals"]
    return (t["rows"], *(None if t[k] is None else Decimal(t[k]) for k in
                         ("unblended_cost", "net_unblended_cost", "amortized_cost", "public_cost")))


def test_expected_totals_equal_sql_sums_over_the_written_files(dataset: GenerationReport) -> None:
    document = json.loads(dataset.expected_totals.read_text())
    checked = 0
    for fmt, periods in document["formats"].items():
        assert sorted(periods) == ["2024-01", "2024-02", "2024-03"]
        for entry in periods.values():
            assert sql_totals(dataset.out, fmt, entry) == expected(entry), (fmt, entry["delivery_id"])
            for old in entry["superseded"]:
                assert sql_totals(dataset.out, fmt, old) == expected(old)
            checked += 1
    assert checked == 12


def test_money_has_at_most_ten_decimals_so_decimal_sums_are_exact(dataset: GenerationReport) -> None:
    csv_files = [str(f) for f in dataset.current("legacy-csv", "2024-02").files]
    beyond_ten = duckdb.sql(
        f'SELECT count(*) FROM read_csv({csv_files}, {CSV}) '
        f'WHERE CAST("lineItem/UnblendedCost" AS DECIMAL(38,20)) <> CAST("lineItem/UnblendedCost" AS {D}) '
        f'OR CAST("pricing/publicOnDemandCost" AS DECIMAL(38,20)) <> CAST("pricing/publicOnDemandCost" AS {D})'
    ).fetchone()
    assert beyond_ten == (0,)
    parquet_files = [str(f) for f in dataset.current("cur2", "2024-02").files]
    not_round_trip = duckdb.sql(
        f"SELECT count(*) FROM read_parquet({parquet_files}) "
        f"WHERE CAST(CAST(line_item_unblended_cost AS {D}) AS DOUBLE) <> line_item_unblended_cost"
    ).fetchone()
    assert not_round_trip == (0,)


def test_focus_totals_per_provider_match_sql(dataset: GenerationReport) -> None:
    document = json.loads(dataset.expected_totals.read_text())
    for entry in document["formats"]["focus"].values():
        files = [str(dataset.out / f) for f in entry["files"]]
        rows = duckdb.sql(f"SELECT ProviderName, count(*), sum(CAST(BilledCost AS {D})), "
                          f"sum(CAST(EffectiveCost AS {D})), sum(CAST(ListCost AS {D})) FROM read_parquet({files}) "
                          f"GROUP BY 1 ORDER BY 1").fetchall()
        got = {name: (n, billed, effective, listed) for name, n, billed, effective, listed in rows}
        assert set(got) == {"AWS", "Microsoft"}
        for name, totals in entry["totals"]["providers"].items():
            assert got[name] == (totals["rows"], Decimal(totals["unblended_cost"]), Decimal(totals["amortized_cost"]),
                                 Decimal(totals["public_cost"]))


def test_every_format_bills_the_same_aws_money(dataset: GenerationReport) -> None:
    """FOCUS drops SavingsPlanNegation rows and bills covered usage 0, yet its AWS totals equal CUR's."""
    for period in dataset.periods:
        cur = dataset.current("legacy-csv", period).totals.total
        for fmt in ("legacy-parquet", "cur2"):
            other = dataset.current(fmt, period).totals.total
            assert (other.rows, other.unblended, other.amortized, other.public) == \
                (cur.rows, cur.unblended, cur.amortized, cur.public)
        aws = dataset.current("focus", period).totals.providers["AWS"]
        assert (aws.unblended, aws.amortized, aws.public) == (cur.unblended, cur.amortized, cur.public)
        assert aws.rows < cur.rows  # the negation rows are gone


def test_amortized_cost_differs_from_unblended_in_the_expected_ways(dataset: GenerationReport) -> None:
    files = [str(f) for f in dataset.current("cur2", "2024-01").files]
    by_type = dict(duckdb.sql(
        f"SELECT line_item_line_item_type, sum(CAST(line_item_unblended_cost AS {D})) FROM read_parquet({files}) "
        f"GROUP BY 1").fetchall())
    assert set(by_type) == {"Usage", "DiscountedUsage", "SavingsPlanCoveredUsage", "SavingsPlanNegation", "Tax",
                            "Credit", "Refund", "Fee", "RIFee", "SavingsPlanRecurringFee"}
    assert by_type["DiscountedUsage"] == 0  # reserved usage is paid through RIFee
    assert by_type["SavingsPlanCoveredUsage"] == -by_type["SavingsPlanNegation"] > 0
    assert by_type["Credit"] < 0 and by_type["Refund"] < 0 and by_type["Tax"] > 0
