"""Charge semantics: FOCUS charge categories and the amortized cost of a CUR line item."""

from __future__ import annotations

from pyspark.sql import Column
from pyspark.sql import functions as F

from sentinel_etl.columns import MONEY, Source, money, text

CHARGE_CATEGORY_BY_LINE_ITEM_TYPE: dict[str, str] = {
    "Usage": "Usage",
    "DiscountedUsage": "Usage",
    "SavingsPlanCoveredUsage": "Usage",
    "SavingsPlanNegation": "Usage",
    "Fee": "Purchase",
    "RIFee": "Purchase",
    "SavingsPlanRecurringFee": "Purchase",
    "SavingsPlanUpfrontFee": "Purchase",
    "Tax": "Tax",
    "Credit": "Credit",
    "Refund": "Credit",
    "Discount": "Credit",
    "BundledDiscount": "Credit",
    "EdpDiscount": "Credit",
    "PrivateRateDiscount": "Credit",
    "DistributorDiscount": "Credit",
}


def charge_category(line_item_type: Column) -> Column:
    # One IN list per category rather than one branch per type: a third of the comparisons per row.
    by_category: dict[str, list[str]] = {}
    for item_type, category in CHARGE_CATEGORY_BY_LINE_ITEM_TYPE.items():
        by_category.setdefault(category, []).append(item_type)
    (first, types), *rest = by_category.items()
    expression = F.when(line_item_type.isin(types), F.lit(first))
    for category, types in rest:
        expression = expression.when(line_item_type.isin(types), F.lit(category))
    return expression.otherwise(F.lit("Adjustment"))


# The columns amortized_cost reads for some line item types only (below, column → those types). Every
# other row never reads them, so a value there that is not a number changes nothing (the raw profile
# counts it as a warning). Every other money column is read on every row.
AMORTIZED_ONLY_INPUTS: dict[str, tuple[str, ...]] = {
    "savings_plan_savings_plan_effective_cost": ("SavingsPlanCoveredUsage",),
    "savings_plan_total_commitment_to_date": ("SavingsPlanRecurringFee",),
    "savings_plan_used_commitment": ("SavingsPlanRecurringFee",),
    "reservation_effective_cost": ("DiscountedUsage",),
    "reservation_unused_amortized_upfront_fee_for_billing_period": ("RIFee",),
    "reservation_unused_recurring_fee": ("RIFee",),
}


def amortized_cost(src: Source) -> Column:
    """The Well-Architected / Cloud Intelligence Dashboards amortized CASE, column for column.

    Missing columns are NULL, exactly as the SQL would see them in an export without that feature.
    """
    line_item_type = F.col("line_item_line_item_type")
    unblended = money(src, "line_item_unblended_cost")
    reservation_arn = text(src, "reservation_reservation_a_r_n")
    return (
        F.when(line_item_type == "SavingsPlanCoveredUsage", money(src, "savings_plan_savings_plan_effective_cost"))
        .when(
            line_item_type == "SavingsPlanRecurringFee",
            money(src, "savings_plan_total_commitment_to_date") - money(src, "savings_plan_used_commitment"),
        )
        .when(line_item_type == "SavingsPlanNegation", F.lit(0).cast(MONEY))
        .when(line_item_type == "SavingsPlanUpfrontFee", F.lit(0).cast(MONEY))
        .when(line_item_type == "DiscountedUsage", money(src, "reservation_effective_cost"))
        .when(
            line_item_type == "RIFee",
            money(src, "reservation_unused_amortized_upfront_fee_for_billing_period")
            + money(src, "reservation_unused_recurring_fee"),
        )
        .when(
            line_item_type == "Fee",
            F.when(F.coalesce(reservation_arn, F.lit("")) != "", F.lit(0).cast(MONEY)).otherwise(unblended),
        )
        .otherwise(unblended)
        .cast(MONEY)
    )
