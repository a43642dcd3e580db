"""The four export formats Sentinel reads, recognised from their (snake_cased) columns."""

from __future__ import annotations

from enum import StrEnum

from sentinel_etl.errors import InputError


class SourceFormat(StrEnum):
    LEGACY_CUR_CSV = "legacy_cur_csv"
    LEGACY_CUR_PARQUET = "legacy_cur_parquet"
    CUR2 = "cur2"
    FOCUS = "focus"


# Columns without which a format cannot produce a correct silver row. FOCUS's hold from 1.0 to 1.4; the
# provider is not among them (ProviderName gave way to ServiceProviderName in 1.3; see normalize.py).
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


# FOCUS's supporting datasets (1.3: Contract Commitment; 1.4: Billing Period, Invoice Detail), by the
# columns only they have (snake_cased). Columns they share with cost and usage (BillingPeriodStart,
# InvoiceIssuerName, BilledCost, InvoiceDetailId since 1.4, ...) are left out, so they identify nothing.
OTHER_FOCUS_DATASETS: dict[str, frozenset[str]] = {
    "Contract Commitment": frozenset({
        "contract_commitment_id", "contract_commitment_category", "contract_commitment_type",
        "contract_commitment_cost", "contract_commitment_quantity", "contract_commitment_unit",
        "contract_commitment_description", "contract_commitment_period_start", "contract_commitment_period_end",
        "contract_id", "contract_period_start", "contract_period_end",
    }),
    "Billing Period": frozenset({"billing_period_created", "billing_period_last_updated", "billing_period_status"}),
    "Invoice Detail": frozenset({
        "invoice_detail_created", "invoice_detail_last_updated", "invoice_detail_description",
        "invoice_detail_grain", "invoice_issue_date", "invoice_issue_status", "payment_due_date", "payment_terms",
        "reference_invoice_id",
    }),
}
# Every cost-and-usage dataset since FOCUS 1.0 has it, and none of the supporting datasets does.
_COST_AND_USAGE_ONLY = "charge_period_start"


def other_focus_dataset(columns: list[str]) -> str | None:
    """The FOCUS supporting dataset ("Contract Commitment", "Billing Period", "Invoice Detail") that these
    snake_cased columns are, or None: cost and usage itself, or nothing FOCUS defines.

    Conservative, so a billing file is never set aside by mistake: two or more columns that only that
    dataset has, and no other dataset matching as well."""
    names = set(columns)
    if _COST_AND_USAGE_ONLY in names:
        return None
    matches = [name for name, own in OTHER_FOCUS_DATASETS.items() if len(names & own) >= 2]
    return matches[0] if len(matches) == 1 else None


def detect_format(columns: list[str], file: str, *, is_csv: bool, headers: list[str] | None = None) -> SourceFormat:
    """Pick the format from snake_cased column names, or explain why none fits.

    `headers` are the file's own names, in the same order, for messages (the snake_cased ones by default)."""
    names = set(columns)
    shown = headers if headers is not None else columns
    other = other_focus_dataset(columns)
    if other is not None:  # Invoice Detail has BilledCost: without this it would read as broken cost and usage
        raise InputError(file, f"a FOCUS {other} dataset, not cost and usage (Sentinel loads FOCUS cost and usage)")
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
            f"columns; found {', '.join(shown[:8])}{' ...' if len(shown) > 8 else ''}",
        )
    missing = [c for c in REQUIRED_COLUMNS[fmt] if c not in names]
    if missing:
        raise InputError(file, f"missing required {fmt.value} column", column=missing[0])
    return fmt
