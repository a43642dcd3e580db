"""Legacy CUR columns (`lineItem/UnblendedCost` style), their Athena names, and month-to-month drift.

The legacy schema is not fixed: AWS adds a column when a product attribute, tag or cost category
first appears and drops it when it is gone. Each column here says in which months (index from the
first generated month) it is present, so the files of different months have different headers.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from sentinel.generate.catalog import ALL_SKUS, COST_CATEGORIES, TAG_KEYS
from sentinel.generate.frame import Frame, constant, null_unless
from sentinel.generate.items import ItemType
from sentinel.generate.periods import iso
from sentinel.generate.tags import NEW_TAG_FIRST_MONTH

Kind = Literal["string", "double", "timestamp"]
# Manifest column types, as AWS's legacy manifests spell them
MANIFEST_TYPES = {"string": "String", "double": "OptionalBigDecimal", "timestamp": "DateTime"}


@dataclass(frozen=True)
class Column:
    header: str  # category/Name
    kind: Kind
    build: Callable[[Frame], pa.Array]
    text: Callable[[Frame], pa.Array] | None = None  # CSV text of timestamp columns
    present: Callable[[int], bool] = lambda month: True
    manifest_type: str | None = None

    @property
    def category(self) -> str:
        return self.header.split("/", 1)[0]

    @property
    def name(self) -> str:
        return self.header.split("/", 1)[1]


def athena_name(header: str) -> str:
    """AWS's Athena-integration name of a legacy header: 'lineItem/UnblendedCost' ->
    'line_item_unblended_cost', 'reservation/ReservationARN' -> 'reservation_reservation_a_r_n',
    'resourceTags/user:CostCenter' -> 'resource_tags_user_cost_center'."""
    spaced = re.sub(r"(?<!^)(?=[A-Z])", "_", header.replace("/", "_").replace(":", "_"))
    return re.sub(r"_+", "_", re.sub(r"[^a-z0-9_]", "_", spaced.lower())).strip("_")


def _const(value: str | None, when: Callable[[Frame], np.ndarray] | None = None) -> Callable[[Frame], pa.Array]:
    def build(f: Frame) -> pa.Array:
        out = constant(value, f.n)
        return out if when is None else null_unless(when(f), out)
    return build


def _masked(build: Callable[[Frame], pa.Array], when: Callable[[Frame], np.ndarray]) -> Callable[[Frame], pa.Array]:
    def masked(f: Frame) -> pa.Array:
        return null_unless(when(f), build(f))
    return masked


def _period_text(end: bool) -> Callable[[Frame], pa.Array]:
    def build(f: Frame) -> pa.Array:
        return constant(iso(f.plan.period.end if end else f.plan.period.start), f.n)
    return build


def _net_month(month: int) -> bool:
    """Net unblended columns appear only in some months (when a discount applied)."""
    return month % 2 == 1


def _reservation(f: Frame) -> np.ndarray:
    return f.has_reservation


def _ri_fee(f: Frame) -> np.ndarray:
    return f.is_ri_fee


def _savings_plan(f: Frame) -> np.ndarray:
    return f.has_savings_plan


_S3 = np.array([s.service == "AmazonS3" for s in ALL_SKUS])


def _s3(f: Frame) -> np.ndarray:
    return np.asarray(_S3[f.items.sku])


def _tag_column(j: int) -> Column:
    name = TAG_KEYS[j][0]
    first = NEW_TAG_FIRST_MONTH if name == "user:Project" else 0
    return Column(f"resourceTags/{name}", "string", lambda f: f.tag(j), present=lambda m: m >= first)


def _cost_category_column(j: int) -> Column:
    name = COST_CATEGORIES[j][0]
    first = 2 if name == "BusinessUnit" else 0  # a cost category created in the third month
    return Column(f"costCategory/{name}", "string", lambda f: f.cost_category(j), present=lambda m: m >= first)


def _reservation_count(f: Frame) -> pa.Array:
    count = np.where(f.is_ri_fee, f.items.reserved_units / f.plan.period.hours, 0).astype(np.int64)
    return pc.cast(pa.array(count), pa.string())


_REGIONAL = lambda f: f.has_region  # noqa: E731

COLUMNS: tuple[Column, ...] = (
    Column("identity/LineItemId", "string", lambda f: f.items.line_item_id),
    Column("identity/TimeInterval", "string", lambda f: f.time_interval, manifest_type="Interval"),
    Column("bill/InvoiceId", "string", lambda f: f.invoice_id),
    Column("bill/InvoicingEntity", "string", lambda f: f.invoicing_entity),
    Column("bill/BillingEntity", "string", _const("AWS")),
    Column("bill/BillType", "string", lambda f: f.bill_type),
    Column("bill/PayerAccountId", "string", lambda f: f.payer_account_id),
    Column("bill/BillingPeriodStartDate", "timestamp", lambda f: f.period_bound(False), _period_text(False)),
    Column("bill/BillingPeriodEndDate", "timestamp", lambda f: f.period_bound(True), _period_text(True)),
    Column("lineItem/UsageAccountId", "string", lambda f: f.usage_account_id),
    Column("lineItem/LineItemType", "string", lambda f: f.line_item_type),
    Column("lineItem/UsageStartDate", "timestamp", lambda f: f.usage_start, lambda f: f.usage_start_text),
    Column("lineItem/UsageEndDate", "timestamp", lambda f: f.usage_end, lambda f: f.usage_end_text),
    Column("lineItem/ProductCode", "string", lambda f: f.product_code),
    Column("lineItem/UsageType", "string", lambda f: f.usage_type),
    Column("lineItem/Operation", "string", lambda f: f.operation),
    Column("lineItem/AvailabilityZone", "string", lambda f: f.availability_zone),
    Column("lineItem/ResourceId", "string", lambda f: f.items.resource_id),
    Column("lineItem/UsageAmount", "double", lambda f: f.usage_amount, manifest_type="BigDecimal"),
    Column("lineItem/NormalizationFactor", "double", lambda f: f.normalization_factor),
    Column("lineItem/NormalizedUsageAmount", "double", lambda f: f.normalized_usage_amount),
    Column("lineItem/CurrencyCode", "string", _const("USD")),
    Column("lineItem/UnblendedRate", "string", lambda f: f.unblended_rate),
    Column("lineItem/UnblendedCost", "double", lambda f: f.money("unblended"), manifest_type="BigDecimal"),
    Column("lineItem/BlendedRate", "string", lambda f: f.unblended_rate),
    Column("lineItem/BlendedCost", "double", lambda f: f.money("unblended"), manifest_type="BigDecimal"),
    Column("lineItem/NetUnblendedRate", "string", lambda f: f.unblended_rate, present=_net_month),
    Column("lineItem/NetUnblendedCost", "double", lambda f: f.money("net_unblended"), present=_net_month),
    Column("lineItem/LineItemDescription", "string", lambda f: f.description),
    Column("lineItem/TaxType", "string", lambda f: f.tax_type),
    Column("lineItem/LegalEntity", "string", lambda f: f.invoicing_entity),
    Column("product/ProductName", "string", lambda f: f.sku_text("product_name")),
    Column("product/durability", "string", _const("99.999999999%", _s3), present=lambda m: m == 0),
    Column("product/instanceType", "string", lambda f: f.sku_text("instance_type", f.items.has_usage_type)),
    Column("product/instanceTypeFamily", "string", lambda f: f.sku_text("instance_family", f.items.has_usage_type)),
    Column("product/location", "string", lambda f: f.location),
    Column("product/locationType", "string", _const("AWS Region", _REGIONAL)),
    Column("product/operation", "string", lambda f: f.operation),
    Column("product/productFamily", "string", lambda f: f.sku_text("family", f.items.has_usage_type)),
    Column("product/region", "string", lambda f: f.product_region),
    Column("product/regionCode", "string", lambda f: f.region_code, present=lambda m: m >= 1),
    Column("product/servicecode", "string", lambda f: f.product_code),
    Column("product/servicename", "string", lambda f: f.sku_text("product_name")),
    Column("product/sku", "string", lambda f: f.product_sku),
    Column("product/usagetype", "string", lambda f: f.usage_type),
    Column("pricing/LeaseContractLength", "string", _const("1yr", _reservation)),
    Column("pricing/OfferingClass", "string", _const("standard", _reservation)),
    Column("pricing/PurchaseOption", "string", _const("Partial Upfront", _reservation)),
    Column("pricing/RateCode", "string", lambda f: f.region_text("rate_code", f.is_usage)),
    Column("pricing/RateId", "string", lambda f: f.region_text("rate_id", f.is_usage)),
    Column("pricing/currency", "string", _const("USD", lambda f: f.is_usage)),
    Column("pricing/publicOnDemandCost", "double", lambda f: f.money("public"), manifest_type="BigDecimal"),
    Column("pricing/publicOnDemandRate", "string", lambda f: f.public_rate),
    Column("pricing/term", "string", lambda f: f.term),
    Column("pricing/unit", "string", lambda f: f.unit),
    Column("reservation/AmortizedUpfrontCostForUsage", "double",
           lambda f: f.money("ri_upfront_for_usage", f.has_reservation)),
    Column("reservation/AmortizedUpfrontFeeForBillingPeriod", "double",
           lambda f: f.money("ri_upfront_fee_bp", f.is_ri_fee)),
    Column("reservation/EffectiveCost", "double", lambda f: f.money("ri_effective", f.has_reservation)),
    Column("reservation/EndTime", "string", _masked(lambda f: f.commitment_end, _reservation)),
    Column("reservation/ModificationStatus", "string", _const("Original", _reservation)),
    Column("reservation/NumberOfReservations", "string", _masked(_reservation_count, _ri_fee)),
    Column("reservation/RecurringFeeForUsage", "double",
           lambda f: f.money("ri_recurring_for_usage", f.has_reservation)),
    Column("reservation/ReservationARN", "string", lambda f: f.items.ri_arn),
    Column("reservation/StartTime", "string", _masked(lambda f: f.commitment_start, _reservation)),
    Column("reservation/SubscriptionId", "string", lambda f: f.subscription_id),
    Column("reservation/TotalReservedUnits", "string", _masked(lambda f: pc.cast(
        pa.array(f.items.reserved_units), pa.string()), _ri_fee)),
    Column("reservation/UnusedAmortizedUpfrontFeeForBillingPeriod", "double",
           lambda f: f.money("ri_unused_upfront_fee_bp", f.is_ri_fee)),
    Column("reservation/UnusedQuantity", "double", _masked(lambda f: pa.array(f.items.unused_units), _ri_fee)),
    Column("reservation/UnusedRecurringFee", "double", lambda f: f.money("ri_unused_recurring", f.is_ri_fee)),
    Column("savingsPlan/AmortizedUpfrontCommitmentForBillingPeriod", "double",
           _masked(lambda f: pa.array(np.zeros(f.n)), lambda f: f.items.is_type(ItemType.SP_FEE))),
    Column("savingsPlan/EndTime", "string", _masked(lambda f: f.commitment_end, _savings_plan)),
    Column("savingsPlan/OfferingType", "string", _const("ComputeSavingsPlans", _savings_plan)),
    Column("savingsPlan/PaymentOption", "string", _const("No Upfront", _savings_plan)),
    Column("savingsPlan/PurchaseTerm", "string", _const("1yr", _savings_plan)),
    Column("savingsPlan/RecurringCommitmentForBillingPeriod", "double",
           lambda f: f.money("sp_recurring_commitment", f.items.is_type(ItemType.SP_FEE))),
    Column("savingsPlan/SavingsPlanARN", "string", lambda f: f.items.sp_arn),
    Column("savingsPlan/SavingsPlanEffectiveCost", "double", lambda f: f.money("sp_effective", f.has_savings_plan)),
    Column("savingsPlan/SavingsPlanRate", "string",
           lambda f: f.region_text("sp_rate_text", f.items.is_type(ItemType.SP_COVERED))),
    Column("savingsPlan/StartTime", "string", _masked(lambda f: f.commitment_start, _savings_plan)),
    Column("savingsPlan/TotalCommitmentToDate", "double",
           lambda f: f.money("sp_total_commitment", f.has_savings_plan)),
    Column("savingsPlan/UsedCommitment", "double", lambda f: f.money("sp_used_commitment", f.has_savings_plan)),
    *sorted((_tag_column(j) for j in range(len(TAG_KEYS))), key=lambda c: c.header.lower()),
    *sorted((_cost_category_column(j) for j in range(len(COST_CATEGORIES))), key=lambda c: c.header.lower()),
)


def columns_for(month_index: int) -> list[Column]:
    """The legacy columns delivered in a month."""
    return [c for c in COLUMNS if c.present(month_index)]


def manifest_columns(columns: list[Column]) -> list[dict[str, str]]:
    return [{"category": c.category, "name": c.name,
             "type": c.manifest_type or MANIFEST_TYPES[c.kind]} for c in columns]
