"""CUR 2.0 (AWS Data Exports) as Parquet: a fixed snake_case schema with `product`, `resource_tags`,
`cost_category` and `discount` as MAP(string, string) columns.

    <prefix>/<export>/data/BILLING_PERIOD=YYYY-MM/<export>-0000N.snappy.parquet
    <prefix>/<export>/metadata/BILLING_PERIOD=YYYY-MM/<export>-Manifest.json

The export overwrites a period on every refresh; a restated period gets a new executionId.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pyarrow as pa

from sentinel.generate.catalog import ALL_SKUS, COST_CATEGORIES, REGIONS, SERVICES, TAG_KEYS
from sentinel.generate.delivery import DeliveryContext, DeliveryWriter, FileWriter, clear_stale, write_json
from sentinel.generate.frame import Frame, null_unless
from sentinel.generate.keyvalues import MAP_TYPE, map_column, single_entry_map
from sentinel.generate.legacy_columns import COLUMNS, athena_name
from sentinel.generate.manifests import data_export_manifest, export_arn
from sentinel.generate.money import double_text
from sentinel.generate.output import ParquetFileWriter

PREFIX = "cur2"
EXPORT = "sentinel-cur2"
_LEGACY = {athena_name(c.header): c for c in COLUMNS}
_TYPES = {"string": pa.string(), "double": pa.float64(), "timestamp": pa.timestamp("ms")}
_PRODUCT_VALUES = ([SERVICES[s.service].name for s in ALL_SKUS], [r.code for r in REGIONS] + ["global"])
_BUSINESS_UNIT_FIRST_MONTH = 2

# CUR 2.0 columns taken over unchanged from the legacy definitions (same values, Athena names)
_FROM_LEGACY = (
    "bill_bill_type", "bill_billing_entity", "bill_billing_period_end_date", "bill_billing_period_start_date",
    "bill_invoice_id", "bill_invoicing_entity", "bill_payer_account_id",
    "identity_line_item_id", "identity_time_interval",
    "line_item_availability_zone", "line_item_blended_cost", "line_item_blended_rate", "line_item_currency_code",
    "line_item_legal_entity", "line_item_line_item_description", "line_item_line_item_type",
    "line_item_net_unblended_cost", "line_item_net_unblended_rate", "line_item_normalization_factor",
    "line_item_normalized_usage_amount", "line_item_operation", "line_item_product_code", "line_item_resource_id",
    "line_item_tax_type", "line_item_unblended_cost", "line_item_unblended_rate", "line_item_usage_account_id",
    "line_item_usage_amount", "line_item_usage_end_date", "line_item_usage_start_date", "line_item_usage_type",
    "pricing_currency", "pricing_lease_contract_length", "pricing_offering_class", "pricing_public_on_demand_cost",
    "pricing_public_on_demand_rate", "pricing_purchase_option", "pricing_rate_code", "pricing_rate_id",
    "pricing_term", "pricing_unit",
    "product_instance_type", "product_location", "product_location_type", "product_operation",
    "product_product_family", "product_region_code", "product_servicecode", "product_sku", "product_usagetype",
    "reservation_amortized_upfront_cost_for_usage", "reservation_amortized_upfront_fee_for_billing_period",
    "reservation_effective_cost", "reservation_end_time", "reservation_modification_status",
    "reservation_number_of_reservations", "reservation_recurring_fee_for_usage", "reservation_reservation_a_r_n",
    "reservation_start_time", "reservation_subscription_id", "reservation_total_reserved_units",
    "reservation_unused_amortized_upfront_fee_for_billing_period", "reservation_unused_quantity",
    "reservation_unused_recurring_fee",
    "savings_plan_amortized_upfront_commitment_for_billing_period", "savings_plan_end_time",
    "savings_plan_offering_type", "savings_plan_payment_option", "savings_plan_purchase_term",
    "savings_plan_recurring_commitment_for_billing_period", "savings_plan_savings_plan_a_r_n",
    "savings_plan_savings_plan_effective_cost", "savings_plan_savings_plan_rate", "savings_plan_start_time",
    "savings_plan_total_commitment_to_date", "savings_plan_used_commitment",
)


def _tag_key(name: str) -> str:
    """'user:CostCenter' -> 'user_cost_center', the key CUR 2.0 uses in resource_tags."""
    return athena_name(name)


def _resource_tags(f: Frame) -> pa.Array:
    return map_column(f.items.tags, [_tag_key(k) for k, _ in TAG_KEYS], [v for _, v in TAG_KEYS])


def _cost_category(f: Frame) -> pa.Array:
    codes = f.cost_category_codes.copy()
    if f.plan.index < _BUSINESS_UNIT_FIRST_MONTH:
        codes[:, 1] = -1
    return map_column(codes, [athena_name(k) for k, _ in COST_CATEGORIES], [v for _, v in COST_CATEGORIES])


def _product(f: Frame) -> pa.Array:
    region = np.where(f.has_region, f.items.region, -1)
    codes = np.stack([f.items.sku, region, f.items.sku], axis=1)
    values = (_PRODUCT_VALUES[0], _PRODUCT_VALUES[1], _PRODUCT_VALUES[0])
    return map_column(codes, ["product_name", "region", "servicename"], values)


def _discount_amount(f: Frame) -> pa.Array:
    """Negative EDP discount where net unblended differs from unblended, else null."""
    discount = f.items.net_unblended - f.items.unblended
    return f.money_units(discount, discount != 0)


_EXTRA: dict[str, tuple[pa.DataType, Callable[[Frame], pa.Array]]] = {
    "bill_payer_account_name": (pa.string(), lambda f: f.payer_account_name),
    "cost_category": (MAP_TYPE, _cost_category),
    "discount": (MAP_TYPE, lambda f: single_entry_map("edp_discount", double_text(_discount_amount(f)))),
    "discount_total_discount": (pa.float64(), _discount_amount),
    "line_item_usage_account_name": (pa.string(), lambda f: f.usage_account_name),
    "product": (MAP_TYPE, _product),
    "product_instance_family": (pa.string(), lambda f: f.sku_text("instance_family", f.items.has_usage_type)),
    "product_pricing_unit": (pa.string(), lambda f: f.unit),
    "resource_tags": (MAP_TYPE, _resource_tags),
    "savings_plan_region": (pa.string(), lambda f: null_unless(f.has_savings_plan, f.region_code)),
}

COLUMN_NAMES = tuple(sorted((*_FROM_LEGACY, *_EXTRA)))
SCHEMA = pa.schema([
    pa.field(name, _EXTRA[name][0] if name in _EXTRA else _TYPES[_LEGACY[name].kind]) for name in COLUMN_NAMES
])


def manifest_columns() -> list[dict[str, str]]:
    """Columns with the type names AWS's Data Exports manifests use."""
    names = {pa.string(): "string", pa.float64(): "double", pa.timestamp("ms"): "timestamp", MAP_TYPE: "map"}
    return [{"name": field.name, "type": names[field.type]} for field in SCHEMA]


class Cur2Delivery(DeliveryWriter):
    format = "cur2"

    def __init__(self, ctx: DeliveryContext) -> None:
        super().__init__(ctx, with_net=True)
        partition = f"BILLING_PERIOD={ctx.plan.period.label}"
        self.export_dir = ctx.out / PREFIX / EXPORT
        self.data_dir = self.export_dir / "data" / partition
        self.manifest_path = self.export_dir / "metadata" / partition / f"{EXPORT}-Manifest.json"
        clear_stale(self.data_dir, rf"{EXPORT}-\d+\.snappy\.parquet")

    def open_file(self, number: int) -> FileWriter:
        return ParquetFileWriter(self.data_dir / f"{EXPORT}-{number:05d}.snappy.parquet", SCHEMA)

    def table(self, frame: Frame) -> pa.Table:
        arrays = [_EXTRA[name][1](frame) if name in _EXTRA else _LEGACY[name].build(frame) for name in COLUMN_NAMES]
        return pa.Table.from_arrays(arrays, names=SCHEMA.names)

    def finish(self, files: list[Path]) -> Path:
        payer = self.ctx.spec.organisation.ids[0]
        document = data_export_manifest(
            execution_id=self.delivery_id, export_arn=export_arn(payer, EXPORT, self.ctx.export_seed),
            export_name=EXPORT, period=self.ctx.plan.period, bucket=self.ctx.bucket,
            data_files=[self.ctx.uri(f) for f in files], columns=manifest_columns(), file_format="PARQUET",
            compression="PARQUET", table="COST_AND_USAGE_REPORT",
        )
        write_json(self.manifest_path, document)
        return self.manifest_path
