"""The four export formats Sentinel reads, recognised from their (snake_cased) columns."""

from __future__ import annotations

from enum import StrEnum

from sentinel_etl.errors import InputError


class SourceFormat(StrEnum):
    LEGACY_CUR_CSV = "legacy_cur_csv"
    LEGACY_CUR_PARQUET = "legacy_cur_parquet"
    CUR2 = "cur2"
    FOCUS = "focus"


# Columns without which a format cannot produce a correct silver row.
REQUIRED_COLUMNS: dict[SourceFormat, tuple[str, ...]] = {
    SourceFormat.LEGACY_CUR_CSV: (
        "bill_billing_period_start_date",
        "line_item_line_item_type",
        "line_item_usage_start_date",
        "line_item_unblended_cost",
    ),
    SourceFormat.LEGACY_CUR_PARQUET: (
        "bill_billing_period_start_date",
        "line_item_line_item_type",
        "line_item_usage_start_date",
        "line_item_unblended_cost",
    ),
    SourceFormat.CUR2: (
        "bill_billing_period_start_date",
        "line_item_line_item_type",
        "line_item_usage_start_date",
        "line_item_unblended_cost",
    ),
    SourceFormat.FOCUS: ("billing_period_start", "charge_period_start", "billed_cost"),
}

CUR2_MAP_COLUMNS = ("product", "resource_tags", "cost_category")


def detect_format(columns: list[str], file: str, *, is_csv: bool) -> SourceFormat:
    """Pick the format from snake_cased column names, or explain why none fits."""
    names = set(columns)
    if "billed_cost" in names or ("charge_period_start" in names and "billing_period_start" in names):
        fmt = SourceFormat.FOCUS
    elif "line_item_unblended_cost" in names or "line_item_line_item_type" in names:
        if is_csv:
            fmt = SourceFormat.LEGACY_CUR_CSV
        elif names & set(CUR2_MAP_COLUMNS):
            fmt = SourceFormat.CUR2
        else:
            fmt = SourceFormat.LEGACY_CUR_PARQUET
    else:
        raise InputError(
            file,
            "unrecognised billing format: expected legacy CUR (lineItem/UnblendedCost), CUR 2.0 "
            "(line_item_unblended_cost with product/resource_tags maps) or FOCUS (BilledCost, ChargePeriodStart) "
            f"columns; found {', '.join(columns[:8])}{' ...' if len(columns) > 8 else ''}",
        )
    missing = [c for c in REQUIRED_COLUMNS[fmt] if c not in names]
    if missing:
        raise InputError(file, f"missing required {fmt.value} column", column=missing[0])
    return fmt
