"""The audit log's columns and sort keys, shared by its statements (api.queries.line_items) and the API's models."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from api.queries.columns import View, money

Kind = Literal["str", "ts", "dec", "float"]


class SortKey(StrEnum):
    usage_start = "usage_start"
    cost = "cost"
    usage_amount = "usage_amount"
    service = "service"
    account = "account"
    region = "region"
    resource_id = "resource_id"
    usage_type = "usage_type"
    operation = "operation"


class Order(StrEnum):
    asc = "asc"
    desc = "desc"


def sort_expr(sort: SortKey, view: View) -> tuple[str, Kind]:
    exprs: dict[SortKey, tuple[str, Kind]] = {
        SortKey.usage_start: ("usage_start", "ts"),
        SortKey.cost: (f"coalesce({money(view)}, 0)", "dec"),
        SortKey.usage_amount: ("coalesce(usage_amount, 0)", "float"),
        SortKey.service: ("coalesce(service_name, '')", "str"),
        SortKey.account: ("coalesce(usage_account_id, '')", "str"),
        SortKey.region: ("coalesce(region, '')", "str"),
        SortKey.resource_id: ("coalesce(resource_id, '')", "str"),
        SortKey.usage_type: ("coalesce(usage_type, '')", "str"),
        SortKey.operation: ("coalesce(operation, '')", "str"),
    }
    return exprs[sort]


# usage_start, unblended_cost and source_file are never null in silver (its Pandera schema).
TIEBREAK: tuple[tuple[str, Kind], ...] = (
    ("source_file", "str"),
    ("coalesce(line_item_id, '')", "str"),
    ("usage_start", "ts"),
    ("coalesce(usage_end, usage_start)", "ts"),
    ("coalesce(usage_account_id, '')", "str"),
    ("coalesce(resource_id, '')", "str"),
    ("coalesce(usage_type, '')", "str"),
    ("coalesce(operation, '')", "str"),
    ("coalesce(line_item_type, '')", "str"),
    ("unblended_cost", "dec"),
    ("coalesce(usage_amount, 0)", "float"),
    ("coalesce(public_cost, 0)", "dec"),
)


def columns(view: View) -> list[tuple[str, str]]:
    """(output name, Trino expression) of a line item, in CSV column order."""
    return [
        ("billing_period", "billing_period"),
        ("provider", "provider"),
        ("usage_date", "usage_date"),
        ("usage_start", "usage_start"),
        ("usage_end", "usage_end"),
        ("payer_account_id", "payer_account_id"),
        ("usage_account_id", "usage_account_id"),
        ("usage_account_name", "usage_account_name"),
        ("service", "service_name"),
        ("service_code", "service_code"),
        ("region", "region"),
        ("availability_zone", "availability_zone"),
        ("operation", "operation"),
        ("usage_type", "usage_type"),
        ("line_item_type", "line_item_type"),
        ("charge_category", "charge_category"),
        ("resource_id", "resource_id"),
        ("usage_amount", "usage_amount"),
        ("usage_unit", "usage_unit"),
        ("pricing_term", "pricing_term"),
        ("currency", "currency"),
        ("cost", money(view)),
        ("unblended_cost", "unblended_cost"),
        ("net_unblended_cost", "net_unblended_cost"),
        ("amortized_cost", "amortized_cost"),
        ("public_cost", "public_cost"),
        ("tags", "json_format(CAST(tags AS JSON))"),
        ("line_item_id", "line_item_id"),
        ("source_file", "source_file"),
        ("delivery_id", "delivery_id"),
        ("invoice_id", "invoice_id"),
    ]
