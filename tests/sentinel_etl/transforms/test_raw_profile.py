"""NULL markers, the raw profile's bad-value bits, and the failure-path diagnosis agreeing with the engine."""

from __future__ import annotations

from typing import Any

import pytest
from sentinel_etl.charges import AMORTIZED_ONLY_INPUTS, CHARGE_CATEGORY_BY_LINE_ITEM_TYPE
from sentinel_etl.columns import NULL_MARKERS, Source, try_cast
from sentinel_etl.diagnose import is_bad
from sentinel_etl.formats import SourceFormat
from sentinel_etl.normalize import to_silver
from sentinel_etl.raw_profile import BAD_MASK, SLOTS, Problem, profile_columns

COLUMNS = [
    "bill_billing_period_start_date", "line_item_line_item_type", "line_item_usage_start_date",
    "line_item_unblended_cost", "line_item_usage_amount", "line_item_operation", "resource_tags_user_team",
    *AMORTIZED_ONLY_INPUTS,
]
VALID = {column: "1.5" for column in AMORTIZED_ONLY_INPUTS}


def _row(line_type: str, **values: str) -> tuple[str | None, ...]:
    row: dict[str, str | None] = {
        **dict.fromkeys(COLUMNS), "bill_billing_period_start_date": "2024-03-01T00:00:00Z",
        "line_item_line_item_type": line_type, "line_item_usage_start_date": "2024-03-05T13:00:00Z",
        "line_item_unblended_cost": "2.5", "line_item_usage_amount": "1", "line_item_operation": "RunInstances",
    }
    row.update(values)
    return tuple(row[c] for c in COLUMNS)


@pytest.mark.parametrize("marker", NULL_MARKERS)
def test_a_null_marker_is_null_in_every_kind_of_column(string_frame: Any, marker: str) -> None:
    frame = string_frame([_row("Usage", line_item_usage_start_date="2024-03-05T13:00:00Z", line_item_operation=marker,
                               line_item_usage_amount=marker, resource_tags_user_team=marker)], COLUMNS)
    row = to_silver(frame, SourceFormat.LEGACY_CUR_CSV, source_file="f", delivery_id="d").collect()[0]
    tags = row["tags"].asDict() if hasattr(row["tags"], "asDict") else row["tags"]  # sqlframe: a Row
    assert (row["operation"], row["usage_amount"], dict(tags)) == (None, None, {})
    # money and timestamps: the same try_cast silver uses reads each marker as NULL
    frame = string_frame([_row("DiscountedUsage", reservation_effective_cost=marker, line_item_usage_start_date=marker,
                               line_item_unblended_cost=marker)], COLUMNS)
    row = to_silver(frame, SourceFormat.LEGACY_CUR_CSV, source_file="f", delivery_id="d").collect()[0]
    assert (row["amortized_cost"], row["unblended_cost"], row["usage_start"]) == (None, None, None)


LINE_ITEM_TYPES = sorted(CHARGE_CATEGORY_BY_LINE_ITEM_TYPE)


def test_amortized_only_inputs_are_exactly_what_the_case_reads(string_frame: Any) -> None:
    """A value that does not parse changes the amortized cost of exactly the line item types
    AMORTIZED_ONLY_INPUTS names for its column (so the profile's warnings never hide a used value)."""
    rows, expected = [], []
    for line_type in LINE_ITEM_TYPES:
        rows.append(_row(line_type, **VALID))
        for column, users in AMORTIZED_ONLY_INPUTS.items():
            rows.append(_row(line_type, **{**VALID, column: "n/a"}))
            expected.append((line_type, column, line_type in users))
    silver = to_silver(string_frame(rows, COLUMNS), SourceFormat.LEGACY_CUR_CSV, source_file="f", delivery_id="d")
    amortized = [r["amortized_cost"] for r in silver.collect()]
    width = 1 + len(AMORTIZED_ONLY_INPUTS)
    changed = []
    for index, line_type in enumerate(LINE_ITEM_TYPES):
        base, *variants = amortized[index * width:(index + 1) * width]
        changed += [(line_type, column, value != base)
                    for column, value in zip(AMORTIZED_ONLY_INPUTS, variants, strict=True)]
    assert changed == expected


def _problems(frame: Any, fmt: SourceFormat) -> list[set[tuple[Problem, str]]]:
    masks = [r[BAD_MASK] for r in frame.select(*profile_columns(Source.of(frame), fmt, file_index=0)).collect()]
    return [{slot for bit, slot in enumerate(SLOTS[fmt]) if mask & (1 << bit)} for mask in masks]


def test_the_profile_tells_bad_values_where_used_from_unused_and_markers_from_both(string_frame: Any) -> None:
    sp = "savings_plan_savings_plan_effective_cost"
    rows = [
        _row("Usage", **{sp: "n/a"}),  # not read on a usage row
        _row("SavingsPlanCoveredUsage", **{sp: "n/a"}),  # read
        _row("Usage", **{sp: "None"}, line_item_usage_amount="null"),  # markers: no value, not a bad one
        _row("Usage", line_item_unblended_cost="NULL", line_item_usage_start_date="2024-02-30T00:00:00Z"),
        _row("Tax", line_item_unblended_cost="1e30"),
    ]
    assert _problems(string_frame(rows, COLUMNS), SourceFormat.LEGACY_CUR_CSV) == [
        {(Problem.UNPARSEABLE_UNUSED, sp)},
        {(Problem.UNPARSEABLE, sp)},
        set(),
        {(Problem.EMPTY, "line_item_unblended_cost"), (Problem.UNPARSEABLE, "line_item_usage_start_date")},
        {(Problem.UNPARSEABLE, "line_item_unblended_cost")},
    ]


def test_the_profile_checks_typed_parquet_columns_too(spark: Any) -> None:
    """A double cost too large for DECIMAL(38,10), or NaN, would become NULL in silver (and in the raw sum
    beside it, so reconciliation could not see it)."""
    frame = spark.createDataFrame(
        [("2024-03-01", "Usage", "2024-03-05 13:00:00", 1e30, 1.0), ("2024-03-01", "Usage", "2024-03-05 13:00:00",
                                                                      float("nan"), None),
         ("2024-03-01", "Usage", "2024-03-05 13:00:00", 2.5, None)],
        "bill_billing_period_start_date string, line_item_line_item_type string, line_item_usage_start_date string, "
        "line_item_unblended_cost double, pricing_public_on_demand_cost double",
    )
    assert _problems(frame, SourceFormat.LEGACY_CUR_PARQUET) == [
        {(Problem.UNPARSEABLE, "line_item_unblended_cost")},
        {(Problem.UNPARSEABLE, "line_item_unblended_cost")},
        set(),
    ]


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        *((v, "decimal(38,10)") for v in ("1.5", " 1.5 ", "-0.0000001234", "4.0E-7", "1e27", "1e28", "1e30",
                                          "9999999999999999999999999999.5", "9999999999999999999999999999.99999999999",
                                          "12,5 USD", "0x10", "NaN", "", "None", "null", "NULL", "+1.", ".5")),
        *((v, "double") for v in ("1", "1e300", "abc", "None")),
        *((v, "timestamp") for v in ("2023-11-01T00:00:00.000Z", "2023-11-01", "2023-11-31T00:00:00Z",
                                     "2023-13-01T00:00:00Z", "2023-11-01 25:00:00", "yesterday", "None", "")),
    ],
)
def test_the_diagnosis_refuses_what_the_engine_cannot_cast(spark: Any, value: str, kind: str) -> None:
    """diagnose.is_bad finds the line the profile counted: it must agree with try_cast (values on which
    DuckDB and Spark agree; see the conformance test for the engines themselves)."""
    frame = spark.createDataFrame([(value,)], "v string")
    cast = frame.select(try_cast("v", kind).alias("c")).collect()[0]["c"]
    refused = cast is None and value not in NULL_MARKERS
    assert is_bad(value, kind) == refused
