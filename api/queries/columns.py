"""The allow-lists: every identifier that may appear in generated SQL comes from here."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
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

    def __post_init__(self) -> None:
        for column in self.columns.values():
            check_identifier(column)

    def column(self, dimension: Dimension) -> str:
        return self.columns[dimension]


_GOLD_COMMON: dict[Dimension, str] = {
    Dimension.provider: "provider",
    Dimension.billing_period: "billing_period",
    Dimension.account: "usage_account_id",
    Dimension.service: "service",
    Dimension.region: "region",
}

COST_DAILY = Table("gold.cost_daily", "day", {
    **_GOLD_COMMON,
    Dimension.payer_account: "payer_account_id",
    Dimension.operation: "operation",
    Dimension.usage_type: "usage_type",
    Dimension.charge_category: "charge_category",
    Dimension.line_item_type: "line_item_type",
})
COST_MONTHLY = Table("gold.cost_monthly", "month", {
    **_GOLD_COMMON,
    Dimension.payer_account: "payer_account_id",
    Dimension.charge_category: "charge_category",
}, date_column=None)
COST_BY_TAG = Table("gold.cost_by_tag_daily", "day", dict(_GOLD_COMMON), tags="rows")
LINE_ITEMS = Table("silver.line_items", "line", {
    **_GOLD_COMMON,
    Dimension.service: "service_name",
    Dimension.payer_account: "payer_account_id",
    Dimension.operation: "operation",
    Dimension.usage_type: "usage_type",
    Dimension.charge_category: "charge_category",
    Dimension.line_item_type: "line_item_type",
}, nullable=True, tags="map")

GOLD_TABLES = (COST_DAILY, COST_MONTHLY, COST_BY_TAG)
# What a tag filter or a tag group-by can be combined with (gold.cost_by_tag_daily's columns).
TAG_DIMENSIONS: frozenset[Dimension] = frozenset(COST_BY_TAG.columns)
MONTHLY_DIMENSIONS: frozenset[Dimension] = frozenset(COST_MONTHLY.columns)


def money(view: View) -> str:
    return check_identifier(MONEY_COLUMNS[view])
