"""The header check: every column must be readable by its own name, or the file is refused naming both
columns and their positions; tag keys that differ only in spelling stay distinct columns."""

from __future__ import annotations

import gzip
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from sentinel_etl.errors import InputError
from sentinel_etl.formats import SourceFormat

from sentinel.deliveries.sniff import sniff

LEGACY = ["identity/LineItemId", "bill/BillingPeriodStartDate", "lineItem/LineItemType", "lineItem/UsageStartDate",
          "lineItem/UnblendedCost"]
LEGACY_ROW = ["a1", "2024-03-01T00:00:00Z", "Usage", "2024-03-05T13:00:00Z", "0.25"]
FOCUS = ["BillingPeriodStart", "ChargePeriodStart", "ChargePeriodEnd", "BilledCost", "ServiceProviderName"]
FOCUS_ROW = ["2024-03-01 00:00:00", "2024-03-05 13:00:00", "2024-03-05 14:00:00", "0.25", "AWS"]
# The snake_case names the legacy CSV reads as, for the Parquet (Athena) form of the same columns.
LEGACY_PARQUET = ["identity_line_item_id", "bill_billing_period_start_date", "line_item_line_item_type",
                  "line_item_usage_start_date", "line_item_unblended_cost"]


def csv_file(tmp_path: Path, header: list[str], row: list[str], *, name: str = "cur.csv") -> Path:
    path = tmp_path / name
    text = ",".join(header) + "\n" + ",".join(row) + "\n"
    path.write_bytes(gzip.compress(text.encode()) if name.endswith(".gz") else text.encode())
    return path


def parquet_file(tmp_path: Path, names: list[str]) -> Path:
    path = tmp_path / "cur.parquet"
    pq.write_table(pa.Table.from_arrays([pa.array(["1"]) for _ in names], names=names), path)
    return path


def refusal(path: Path) -> InputError:
    with pytest.raises(InputError) as error:
        sniff(path)
    assert error.value.file == str(path)
    return error.value


@pytest.mark.parametrize("name", ["cur.csv", "cur.csv.gz"])
def test_a_legacy_column_twice_is_refused_with_both_positions(tmp_path: Path, name: str) -> None:
    path = csv_file(tmp_path, [*LEGACY, "lineItem/UnblendedCost"], [*LEGACY_ROW, "9"], name=name)
    error = refusal(path)
    assert error.problem == "columns 5 'lineItem/UnblendedCost' and 6 'lineItem/UnblendedCost' have the same name"
    assert error.line == 1


def test_two_legacy_headers_that_read_as_one_name(tmp_path: Path) -> None:
    path = csv_file(tmp_path, [*LEGACY, "lineItem/unblendedCost"], [*LEGACY_ROW, "9"])
    assert refusal(path).problem == (
        "columns 5 'lineItem/UnblendedCost' and 6 'lineItem/unblendedCost' both read as 'line_item_unblended_cost'"
    )


def test_tag_keys_that_differ_only_in_spelling_stay_distinct_columns(tmp_path: Path) -> None:
    tags = ["resourceTags/user:team", "resourceTags/user:Team", "resourceTags/user:cost-center",
            "resourceTags/user:CostCenter", "costCategory/Owner", "costCategory/owner"]
    header = [*LEGACY, *tags]
    fmt, columns = sniff(csv_file(tmp_path, header, [*LEGACY_ROW, "a", "b", "c", "d", "e", "f"]))
    assert (fmt, columns) == (SourceFormat.LEGACY_CUR_CSV, header)


def test_the_same_tag_column_twice_is_refused(tmp_path: Path) -> None:
    header = [*LEGACY, "resourceTags/user:team", "resourceTags/user:Team", "resourceTags/user:team"]
    error = refusal(csv_file(tmp_path, header, [*LEGACY_ROW, "a", "b", "c"]))
    assert error.problem == "columns 6 'resourceTags/user:team' and 8 'resourceTags/user:team' have the same name"


def test_a_tag_whose_own_name_is_taken_by_a_numbered_spelling(tmp_path: Path) -> None:
    # user:Team is read as resource_tags_user_team_2, the very name of the user:team_2 tag.
    header = [*LEGACY, "resourceTags/user:team", "resourceTags/user:Team", "resourceTags/user:team_2"]
    error = refusal(csv_file(tmp_path, header, [*LEGACY_ROW, "a", "b", "c"]))
    assert error.problem == (
        "columns 7 'resourceTags/user:Team' and 8 'resourceTags/user:team_2' both read as 'resource_tags_user_team_2'"
    )


@pytest.mark.parametrize(
    ("extra", "problem"),
    [
        ("BilledCost", "columns 4 'BilledCost' and 6 'BilledCost' have the same name"),
        ("billed_cost", "columns 4 'BilledCost' and 6 'billed_cost' both read as 'billed_cost'"),
        ("service_provider_name", "columns 5 'ServiceProviderName' and 6 'service_provider_name' both read as "
                                  "'service_provider_name'"),
    ],
)
def test_focus_csv_columns_that_clash(tmp_path: Path, extra: str, problem: str) -> None:
    assert refusal(csv_file(tmp_path, [*FOCUS, extra], [*FOCUS_ROW, "1"], name="focus.csv")).problem == problem


def test_a_focus_1_3_csv_without_provider_name_is_focus(tmp_path: Path) -> None:
    header = [*FOCUS, "HostProviderName", "InvoiceIssuerName"]
    fmt, _ = sniff(csv_file(tmp_path, header, [*FOCUS_ROW, "AWS", "Amazon Web Services, Inc."], name="focus.csv"))
    assert fmt is SourceFormat.FOCUS


def test_a_parquet_column_twice_is_refused(tmp_path: Path) -> None:
    path = parquet_file(tmp_path, [*LEGACY_PARQUET, "line_item_unblended_cost"])
    error = refusal(path)
    assert error.problem == (
        "columns 5 'line_item_unblended_cost' and 6 'line_item_unblended_cost' have the same name"
    )
    assert error.line is None  # a Parquet file has no header line


def test_parquet_columns_that_read_as_one_name(tmp_path: Path) -> None:
    path = parquet_file(tmp_path, [*LEGACY_PARQUET, "product", "lineItem/UnblendedCost"])
    assert refusal(path).problem == (
        "columns 5 'line_item_unblended_cost' and 7 'lineItem/UnblendedCost' both read as 'line_item_unblended_cost'"
    )


def test_parquet_tag_keys_that_differ_only_in_case_are_accepted(tmp_path: Path) -> None:
    names = [*LEGACY_PARQUET, "resource_tags_user_team", "resource_tags_user_Team"]
    assert sniff(parquet_file(tmp_path, names)) == (SourceFormat.LEGACY_CUR_PARQUET, names)


def test_an_unrecognised_file_is_described_by_its_own_headers(tmp_path: Path) -> None:
    error = refusal(csv_file(tmp_path, ["InvoiceDate", "AmountDue"], ["2024-01-01", "3"], name="sales.csv"))
    assert "unrecognised billing format" in error.problem
    assert error.problem.endswith("found InvoiceDate, AmountDue")  # not the snake_cased invoice_date
