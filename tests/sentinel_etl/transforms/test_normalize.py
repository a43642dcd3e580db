"""Raw rows → silver rows, column by column, for the legacy CUR and FOCUS shapes."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from sentinel_etl.formats import SourceFormat
from sentinel_etl.normalize import to_silver
from sentinel_etl.silver_schema import SILVER_COLUMN_NAMES

CUR_COLUMNS = [
    "bill_billing_period_start_date", "line_item_line_item_type", "line_item_usage_start_date",
    "line_item_unblended_cost", "reservation_effective_cost", "savings_plan_savings_plan_effective_cost",
    "savings_plan_total_commitment_to_date", "savings_plan_used_commitment",
    "reservation_unused_amortized_upfront_fee_for_billing_period", "reservation_unused_recurring_fee",
    "reservation_reservation_a_r_n", "resource_tags_user_team", "resource_tags_user_env",
]


def _cur_row(line_type: str, unblended: str, **values: str) -> tuple[str | None, ...]:
    row: dict[str, str | None] = dict.fromkeys(CUR_COLUMNS)
    row.update(bill_billing_period_start_date="2024-03-01T00:00:00Z", line_item_line_item_type=line_type,
               line_item_usage_start_date="2024-03-05T13:00:00Z", line_item_unblended_cost=unblended, **values)
    return tuple(row[c] for c in CUR_COLUMNS)


def _amortized(string_frame: Any, row: tuple[str | None, ...]) -> Decimal:
    frame = string_frame([row], CUR_COLUMNS)
    silver = to_silver(frame, SourceFormat.LEGACY_CUR_CSV, source_file="f.csv", delivery_id="d")
    return Decimal(str(silver.collect()[0]["amortized_cost"])).quantize(Decimal("1e-10"))


@pytest.mark.parametrize(
    ("line_type", "values", "expected"),
    [
        ("Usage", {}, "2.5"),
        ("DiscountedUsage", {"reservation_effective_cost": "1.25"}, "1.25"),
        ("SavingsPlanCoveredUsage", {"savings_plan_savings_plan_effective_cost": "0.75"}, "0.75"),
        ("SavingsPlanRecurringFee", {"savings_plan_total_commitment_to_date": "10",
                                     "savings_plan_used_commitment": "7.5"}, "2.5"),
        ("SavingsPlanNegation", {}, "0"),
        ("SavingsPlanUpfrontFee", {}, "0"),
        ("RIFee", {"reservation_unused_amortized_upfront_fee_for_billing_period": "0.5",
                   "reservation_unused_recurring_fee": "0.25"}, "0.75"),
        ("Fee", {"reservation_reservation_a_r_n": "arn:aws:ec2:us-east-1:1:reserved-instances/x"}, "0"),
        ("Fee", {}, "2.5"),
        ("Tax", {}, "2.5"),
    ],
)
def test_amortized_cost_follows_the_well_architected_case(
    string_frame: Any, line_type: str, values: dict[str, str], expected: str
) -> None:
    assert _amortized(string_frame, _cur_row(line_type, "2.5", **values)) == Decimal(expected)


def test_cur_row_becomes_a_complete_silver_row(string_frame: Any) -> None:
    frame = string_frame(
        [_cur_row("Usage", "0.0000001234", resource_tags_user_team="core", resource_tags_user_env="")], CUR_COLUMNS
    )
    silver = to_silver(frame, SourceFormat.LEGACY_CUR_CSV, source_file="a/b.csv.gz", delivery_id="asm-1")
    assert tuple(silver.columns) == SILVER_COLUMN_NAMES
    row = silver.collect()[0]
    assert row["billing_period"] == "2024-03"
    assert row["provider"] == "AWS"
    assert row["charge_category"] == "Usage"
    assert str(row["usage_date"]) == "2024-03-05"
    assert row["usage_start"].hour == 13
    assert Decimal(str(row["unblended_cost"])) == Decimal("0.0000001234")
    assert dict(row["tags"].asDict() if hasattr(row["tags"], "asDict") else row["tags"]) == {"user_team": "core"}
    assert (row["source_file"], row["delivery_id"]) == ("a/b.csv.gz", "asm-1")


def test_focus_row_keeps_its_provider_and_parses_tags(string_frame: Any) -> None:
    columns = ["billing_period_start", "charge_period_start", "charge_period_end", "billed_cost", "effective_cost",
               "list_cost", "provider_name", "charge_category", "service_name", "region_id", "tags"]
    frame = string_frame(
        [("2024-09-01 00:00:00", "2024-09-18 22:00:00", "2024-09-18 23:00:00", "1.5", "1.25", "2", "Microsoft",
          "Usage", "Virtual Machines", "eastus", '{"env": "prod", "team": "data"}')],
        columns,
    )
    row = to_silver(frame, SourceFormat.FOCUS, source_file="f.csv", delivery_id="d").collect()[0]
    assert (row["provider"], row["billing_period"], row["region"]) == ("Microsoft", "2024-09", "eastus")
    assert (row["service_code"], row["service_name"]) == ("Virtual Machines", "Virtual Machines")
    assert [float(row[c]) for c in ("unblended_cost", "amortized_cost", "public_cost")] == [1.5, 1.25, 2.0]
    tags = row["tags"].asDict() if hasattr(row["tags"], "asDict") else row["tags"]
    assert dict(tags) == {"env": "prod", "team": "data"}


def test_unparseable_cost_becomes_null_for_the_profile_to_catch(string_frame: Any) -> None:
    frame = string_frame([_cur_row("Usage", "12,5")], CUR_COLUMNS)
    row = to_silver(frame, SourceFormat.LEGACY_CUR_CSV, source_file="f", delivery_id="d").collect()[0]
    assert row["unblended_cost"] is None


FOCUS_1_3_COLUMNS = ["billing_period_start", "charge_period_start", "charge_period_end", "billed_cost",
                     "service_provider_name", "host_provider_name", "invoice_issuer_name", "service_name"]


def _focus_row(service_provider: str | None, host: str | None, issuer: str, service: str) -> tuple[str | None, ...]:
    return ("2025-12-01 00:00:00", "2025-12-03 10:00:00", "2025-12-03 11:00:00", "1", service_provider, host,
            issuer, service)


def test_focus_1_3_rows_keep_each_rows_service_provider(string_frame: Any) -> None:
    """No ProviderName column (FOCUS 1.4 may drop it): the provider is each row's ServiceProviderName,
    never the host or the invoice issuer (a marketplace seller's row runs on AWS and is invoiced by AWS)."""
    rows = [
        _focus_row("AWS", "AWS", "Amazon Web Services, Inc.", "Amazon EC2"),
        _focus_row("Microsoft", "Microsoft", "Microsoft", "Virtual Machines"),
        _focus_row("Datadog", "AWS", "Amazon Web Services, Inc.", "Datadog Pro"),
        _focus_row(None, "AWS", "Amazon Web Services, Inc.", "Tax"),
    ]
    silver = to_silver(string_frame(rows, FOCUS_1_3_COLUMNS), SourceFormat.FOCUS, source_file="f.csv", delivery_id="d")
    assert [(r["service_name"], r["provider"]) for r in silver.collect()] == [
        ("Amazon EC2", "AWS"), ("Virtual Machines", "Microsoft"), ("Datadog Pro", "Datadog"), ("Tax", "unknown"),
    ]


def test_the_deprecated_provider_name_fills_in_row_by_row(string_frame: Any) -> None:
    """A 1.3 file keeps the deprecated ProviderName beside ServiceProviderName. The new column wins (for a
    marketplace row 1.2's ProviderName named the cloud, 1.3's ServiceProviderName names the seller); where it
    is empty on a row (rows merged from a 1.2 export) that row's ProviderName is used."""
    columns = [*FOCUS_1_3_COLUMNS, "provider_name"]
    rows = [
        (*_focus_row("Datadog", "AWS", "Amazon Web Services, Inc.", "Datadog Pro"), "AWS"),
        (*_focus_row("", "AWS", "Amazon Web Services, Inc.", "Amazon S3"), "AWS"),
        (*_focus_row(None, None, "Oracle", "Compute"), "Oracle"),
    ]
    silver = to_silver(string_frame(rows, columns), SourceFormat.FOCUS, source_file="f.csv", delivery_id="d")
    assert [r["provider"] for r in silver.collect()] == ["Datadog", "AWS", "Oracle"]
