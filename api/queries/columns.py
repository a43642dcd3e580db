"""The allow-lists: every identifier that may appear in generated SQL comes from here."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

from sentinel.engines.base import check_identifier


class View(StrEnum):
    """Which money column to sum (docs/schema.md, "Money")."""

    unblended = "unblended"
    net_unblended = "net_unblended"
    amortized = "amortized"
    public = "public"


# Each view sums the money column named after it (the columns are sentinel_etl.money.MONEY_COLUMNS).
MONEY_COLUMNS: Mapping[View, str] = {view: f"{view.value}_cost" for view in View}


class Dimension(StrEnum):
    provider = "provider"
    billing_period = "billing_period"
    account = "account"
    payer_account = "payer_account"
    service = "service"
    region = "region"
    operation = "operation"
    usage_type = "usage_type"
    charge_category = "charge_category"
    line_item_type = "line_item_type"
    resource = "resource"  # silver only: too many values for gold
    tag = "tag"  # grouped by the values of one tag key (tag_key=...)


DIMENSION_LABELS: Mapping[Dimension, str] = {
    Dimension.provider: "Provider",
    Dimension.billing_period: "Billing period",
    Dimension.account: "Usage account",
    Dimension.payer_account: "Payer account",
    Dimension.service: "Service",
    Dimension.region: "Region",
    Dimension.operation: "Operation",
    Dimension.usage_type: "Usage type",
    Dimension.charge_category: "Charge category",
    Dimension.line_item_type: "Line item type",
    Dimension.resource: "Resource",
    Dimension.tag: "Tag",
}

# Dimensions that are also filters (`?service=...`); tags filter through `tag=key=value`.
FILTER_DIMENSIONS: tuple[Dimension, ...] = tuple(d for d in Dimension if d is not Dimension.tag)

Grain = Literal["day", "month", "line"]


@dataclass(frozen=True)
class Table:
    name: str
    grain: Grain
    columns: Mapping[Dimension, str]
    # silver keeps nulls where gold writes '' (docs/schema.md: "Group columns are never null in gold")
    nullable: bool = False
    date_column: str | None = "usage_date"
    tags: Literal["rows", "map"] | None = None
    # The name shown for a dimension's value where the table has one (an account's name for its id).
    names: Mapping[Dimension, str] = field(default_factory=dict)
    # Line items per group: gold rows carry their count, silver rows are one line item each.
    count: str = "sum(line_item_count)"

    def __post_init__(self) -> None:
        for column in (*self.columns.values(), *self.names.values()):
            check_identifier(column)

    def column(self, dimension: Dimension) -> str:
        return self.columns[dimension]

    def name_expr(self, dimension: Dimension | None) -> str:
        """An aggregate giving the group's name ('' where the dimension has none)."""
        column = self.names.get(dimension) if dimension is not None else None
        return f"coalesce(max({column}), '')" if column else "''"


_GOLD_COMMON: dict[Dimension, str] = {
    Dimension.provider: "provider",
    Dimension.billing_period: "billing_period",
    Dimension.account: "usage_account_id",
    Dimension.service: "service",
    Dimension.region: "region",
}

_ACCOUNT_NAMES: dict[Dimension, str] = {
    Dimension.account: "usage_account_name",
    Dimension.payer_account: "payer_account_name",
}

COST_DAILY = Table("gold.cost_daily", "day", {
    **_GOLD_COMMON,
    Dimension.payer_account: "payer_account_id",
    Dimension.operation: "operation",
    Dimension.usage_type: "usage_type",
    Dimension.charge_category: "charge_category",
    Dimension.line_item_type: "line_item_type",
}, names=_ACCOUNT_NAMES)
COST_MONTHLY = Table("gold.cost_monthly", "month", {
    **_GOLD_COMMON,
    Dimension.payer_account: "payer_account_id",
    Dimension.charge_category: "charge_category",
}, date_column=None, names=_ACCOUNT_NAMES)
COST_BY_TAG = Table("gold.cost_by_tag_daily", "day", dict(_GOLD_COMMON), tags="rows",
                    names={Dimension.account: "usage_account_name"})
LINE_ITEMS = Table("silver.line_items", "line", {
    **_GOLD_COMMON,
    Dimension.service: "service_name",
    Dimension.payer_account: "payer_account_id",
    Dimension.operation: "operation",
    Dimension.usage_type: "usage_type",
    Dimension.charge_category: "charge_category",
    Dimension.line_item_type: "line_item_type",
    Dimension.resource: "resource_id",
}, nullable=True, tags="map", names=_ACCOUNT_NAMES, count="count(*)")

# One row per anomalous series-day (sentinel_etl.anomalies): filtered on its series and period only.
COST_ANOMALIES = Table("gold.cost_anomalies", "day", {
    Dimension.billing_period: "billing_period",
    Dimension.account: "usage_account_id",
    Dimension.service: "service",
})

GOLD_TABLES = (COST_DAILY, COST_MONTHLY, COST_BY_TAG)
# What a tag filter or a tag group-by can be combined with (gold.cost_by_tag_daily's columns).
TAG_DIMENSIONS: frozenset[Dimension] = frozenset(COST_BY_TAG.columns)
MONTHLY_DIMENSIONS: frozenset[Dimension] = frozenset(COST_MONTHLY.columns)
# Dimensions only silver has (a resource filter or group-by is answered from silver.line_items).
SILVER_DIMENSIONS: frozenset[Dimension] = frozenset(LINE_ITEMS.columns) - frozenset(COST_DAILY.columns)


def money(view: View) -> str:
    return check_identifier(MONEY_COLUMNS[view])
