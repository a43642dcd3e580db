"""FOCUS 1.0 with AWS columns, as AWS Data Exports delivers it (Parquet, or gzip CSV), optionally
with another provider's rows in the same files like the public multi-cloud FOCUS sample, or with FOCUS
1.3's provider columns instead (`version="1.3"`).

    <prefix>/<export>/data/BILLING_PERIOD=YYYY-MM/<export>-0000N.snappy.parquet   (or .csv.gz)
    <prefix>/<export>/metadata/BILLING_PERIOD=YYYY-MM/<export>-Manifest.json

FOCUS has no SavingsPlanNegation rows: covered usage is billed 0 instead, so BilledCost sums to the
same invoice total as CUR's unblended cost, and EffectiveCost to the amortized cost.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Literal

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from sentinel.generate.catalog import COST_CATEGORIES, TAG_KEYS
from sentinel.generate.delivery import DeliveryContext, DeliveryWriter, FileWriter, clear_stale, write_json
from sentinel.generate.frame import Frame, constant, null_unless, take
from sentinel.generate.items import ItemType, LineItems, Term
from sentinel.generate.keyvalues import json_column
from sentinel.generate.manifests import data_export_manifest, export_arn
from sentinel.generate.microsoft import PROVIDER as MICROSOFT
from sentinel.generate.microsoft import azure_rows, row_count
from sentinel.generate.money import double_text
from sentinel.generate.output import GzipCsvWriter, ParquetFileWriter

PREFIX = "focus"
EXPORT = "sentinel-focus"
PROVIDERS = ("AWS", MICROSOFT)
_TS = pa.timestamp("ms")
_F = pa.float64()
_S = pa.string()

FocusVersion = Literal["1.0", "1.3"]
FOCUS_VERSIONS: tuple[FocusVersion, ...] = ("1.0", "1.3")


def _tag_name(header: str) -> str:
    """FOCUS tag keys drop the 'user:' prefix of user-defined tags; AWS tags keep 'aws:'."""
    return header.removeprefix("user:")


def _masked(values: pa.Array, valid: np.ndarray) -> pa.Array:
    return null_unless(valid, values)


def _commitment(f: Frame) -> dict[str, pa.Array]:
    columns: dict[str, pa.Array] = f.memo("focus-commitment", lambda: _commitment_columns(f))
    return columns


def _commitment_columns(f: Frame) -> dict[str, pa.Array]:
    ri = f.has_reservation
    sp = f.has_savings_plan
    used = f.items.is_type(ItemType.DISCOUNTED_USAGE, ItemType.SP_COVERED)
    unused = f.items.is_type(ItemType.RI_FEE, ItemType.SP_FEE)
    n = f.n
    return {
        "CommitmentDiscountCategory": _masked(pc.if_else(pa.array(ri), "Usage", "Spend"), ri | sp),
        "CommitmentDiscountId": pc.coalesce(f.items.ri_arn.cast(_S), f.items.sp_arn.cast(_S)),
        "CommitmentDiscountName": pa.nulls(n, _S),
        "CommitmentDiscountStatus": _masked(pc.if_else(pa.array(used), "Used", "Unused"), used | unused),
        "CommitmentDiscountType": _masked(pc.if_else(pa.array(ri), "Reserved Instance", "Savings Plan"), ri | sp),
    }


def _pricing_category(f: Frame) -> pa.Array:
    committed = f.items.is_type(ItemType.DISCOUNTED_USAGE, ItemType.SP_COVERED)
    category = np.where(committed, 2, np.where(f.items.term == Term.SPOT, 1, 0))
    return take(pa.array(["Standard", "Dynamic", "Committed"], _S), category, f.is_usage)


def _frequency(f: Frame) -> pa.Array:
    code = np.select([f.is_usage, f.items.is_type(ItemType.RI_FEE, ItemType.SP_FEE)], [0, 1], 2)
    return take(pa.array(["Usage-Based", "Recurring", "One-Time"], _S), code)


def _contracted_cost(f: Frame) -> pa.Array:
    """Usage at the negotiated (EDP) price; other charges as billed."""
    usage = f.items.public - np.sign(f.items.public) * (np.abs(f.items.public) * 3 // 100)
    return f.money_units(np.where(f.is_usage, usage, f.items.unblended))


def _tags(f: Frame) -> pa.Array:
    return json_column(f.items.tags, [_tag_name(k) for k, _ in TAG_KEYS], [v for _, v in TAG_KEYS])


def _cost_categories(f: Frame) -> pa.Array:
    return json_column(f.cost_category_codes, [k for k, _ in COST_CATEGORIES], [v for _, v in COST_CATEGORIES])


COLUMNS: dict[str, tuple[pa.DataType, Callable[[Frame], pa.Array]]] = {
    "AvailabilityZone": (_S, lambda f: f.availability_zone),
    "BilledCost": (_F, lambda f: f.money("unblended")),
    "BillingAccountId": (_S, lambda f: f.payer_account_id),
    "BillingAccountName": (_S, lambda f: f.payer_account_name),
    "BillingCurrency": (_S, lambda f: constant("USD", f.n)),
    "BillingPeriodEnd": (_TS, lambda f: f.period_bound(True)),
    "BillingPeriodStart": (_TS, lambda f: f.period_bound(False)),
    "ChargeCategory": (_S, lambda f: f.charge_category),
    "ChargeClass": (_S, lambda f: pa.nulls(f.n, _S)),
    "ChargeDescription": (_S, lambda f: f.description),
    "ChargeFrequency": (_S, _frequency),
    "ChargePeriodEnd": (_TS, lambda f: f.usage_end),
    "ChargePeriodStart": (_TS, lambda f: f.usage_start),
    "CommitmentDiscountCategory": (_S, lambda f: _commitment(f)["CommitmentDiscountCategory"]),
    "CommitmentDiscountId": (_S, lambda f: _commitment(f)["CommitmentDiscountId"]),
    "CommitmentDiscountName": (_S, lambda f: _commitment(f)["CommitmentDiscountName"]),
    "CommitmentDiscountStatus": (_S, lambda f: _commitment(f)["CommitmentDiscountStatus"]),
    "CommitmentDiscountType": (_S, lambda f: _commitment(f)["CommitmentDiscountType"]),
    "ConsumedQuantity": (_F, lambda f: _masked(f.usage_amount, f.is_usage)),
    "ConsumedUnit": (_S, lambda f: _masked(f.unit, f.is_usage)),
    "ContractedCost": (_F, _contracted_cost),
    "ContractedUnitPrice": (_F, lambda f: f.money_units(f.rate_units * 97 // 100, f.is_usage)),
    "EffectiveCost": (_F, lambda f: f.money("amortized")),
    "InvoiceIssuerName": (_S, lambda f: f.invoicing_entity),
    "ListCost": (_F, lambda f: f.money("public")),
    "ListUnitPrice": (_F, lambda f: f.money_units(f.rate_units, f.is_usage)),
    "PricingCategory": (_S, _pricing_category),
    "PricingQuantity": (_F, lambda f: _masked(f.usage_amount, f.is_usage | f.is_ri_fee)),
    "PricingUnit": (_S, lambda f: f.unit),
    "ProviderName": (_S, lambda f: constant("AWS", f.n)),
    "PublisherName": (_S, lambda f: constant("Amazon Web Services, Inc.", f.n)),
    "RegionId": (_S, lambda f: f.region_code),
    "RegionName": (_S, lambda f: _masked(f.location, np.asarray(f.region_code.is_valid()))),
    "ResourceId": (_S, lambda f: f.items.resource_id),
    "ResourceName": (_S, lambda f: pa.nulls(f.n, _S)),
    "ResourceType": (_S, lambda f: pa.nulls(f.n, _S)),
    "ServiceCategory": (_S, lambda f: f.sku_text("category")),
    "ServiceName": (_S, lambda f: f.sku_text("product_name")),
    "SkuId": (_S, lambda f: f.product_sku),
    "SkuPriceId": (_S, lambda f: f.region_text("rate_code", f.is_usage)),
    "SubAccountId": (_S, lambda f: f.usage_account_id),
    "SubAccountName": (_S, lambda f: f.usage_account_name),
    "Tags": (_S, _tags),
    "x_CostCategories": (_S, _cost_categories),
    "x_Operation": (_S, lambda f: f.operation),
    "x_ServiceCode": (_S, lambda f: f.product_code),
    "x_UsageType": (_S, lambda f: f.usage_type),
}
SCHEMA = pa.schema([pa.field(name, dtype) for name, (dtype, _) in COLUMNS.items()])

# FOCUS 1.3 names the provider ServiceProviderName and the infrastructure under it HostProviderName. It
# deprecates ProviderName and PublisherName; they are left out, as 1.4 data may leave them out: the case a
# reader must handle. Microsoft rows take both new names from their ProviderName.
_DEPRECATED_IN_1_3 = ("ProviderName", "PublisherName")
_RENAMED_IN_1_3 = {"ServiceProviderName": "ProviderName", "HostProviderName": "ProviderName"}
COLUMNS_1_3: dict[str, tuple[pa.DataType, Callable[[Frame], pa.Array]]] = dict(sorted(
    [(name, spec) for name, spec in COLUMNS.items() if name not in _DEPRECATED_IN_1_3]
    + [(name, (_S, lambda f: constant("AWS", f.n))) for name in _RENAMED_IN_1_3]
))


def columns_of_version(version: FocusVersion) -> dict[str, tuple[pa.DataType, Callable[[Frame], pa.Array]]]:
    return COLUMNS_1_3 if version == "1.3" else COLUMNS


def schema_of_version(version: FocusVersion) -> pa.Schema:
    return pa.schema([pa.field(name, dtype) for name, (dtype, _) in columns_of_version(version).items()])


def to_focus_items(items: LineItems) -> LineItems:
    """FOCUS semantics of AWS rows: no negation rows, Savings Plans covered usage billed 0."""
    keep = np.flatnonzero(items.item_type != ItemType.SP_NEGATION)
    kept = items.take(keep) if len(keep) < len(items) else items
    covered = kept.item_type == ItemType.SP_COVERED
    if not covered.any():
        return kept
    return replace(kept, unblended=np.where(covered, 0, kept.unblended),
                   net_unblended=np.where(covered, 0, kept.net_unblended))


def manifest_columns(schema: pa.Schema = SCHEMA) -> list[dict[str, str]]:
    names = {_S: "string", _F: "double", _TS: "timestamp"}
    return [{"name": field.name, "type": names[field.type]} for field in schema]


def csv_table(table: pa.Table) -> pa.Table:
    """FOCUS as CSV text: numbers as shortest text, timestamps as ISO 8601 UTC."""
    arrays = []
    for field, column in zip(table.schema, table.columns, strict=True):
        if field.type == _F:
            arrays.append(double_text(column))
        elif field.type == _TS:
            arrays.append(pc.strftime(column, format="%Y-%m-%dT%H:%M:%SZ"))
        else:
            arrays.append(column)
    return pa.Table.from_arrays(arrays, names=table.column_names)


class _CsvFile(GzipCsvWriter):
    def write(self, table: pa.Table) -> None:
        super().write(csv_table(table))


class FocusDelivery(DeliveryWriter):
    format = "focus"

    def __init__(self, ctx: DeliveryContext, csv: bool = False, providers: tuple[str, ...] = PROVIDERS,
                 version: FocusVersion = "1.0") -> None:
        super().__init__(ctx, with_net=False)
        self.csv = csv
        self.providers = providers
        self.version = version
        self.columns = columns_of_version(version)
        self.schema = schema_of_version(version)
        partition = f"BILLING_PERIOD={ctx.plan.period.label}"
        self.export_dir = ctx.out / PREFIX / EXPORT
        self.data_dir = self.export_dir / "data" / partition
        self.manifest_path = self.export_dir / "metadata" / partition / f"{EXPORT}-Manifest.json"
        clear_stale(self.data_dir, rf"{EXPORT}-\d+\.(snappy\.parquet|csv\.gz)")

    def select(self, items: LineItems) -> LineItems:
        return to_focus_items(items) if "AWS" in self.providers else items.slice(0, 0)

    def open_file(self, number: int) -> FileWriter:
        if self.csv:
            return _CsvFile(self.data_dir / f"{EXPORT}-{number:05d}.csv.gz")
        return ParquetFileWriter(self.data_dir / f"{EXPORT}-{number:05d}.snappy.parquet", self.schema)

    def table(self, frame: Frame) -> pa.Table:
        return pa.Table.from_arrays([build(frame) for _, build in self.columns.values()], names=self.schema.names)

    def write_other_providers(self, chunk_rows: int) -> None:
        """Append the other providers' rows for the period, chunk by chunk."""
        if MICROSOFT not in self.providers:
            return
        total = row_count(self.ctx.plan.base_rows)
        for start in range(0, total, chunk_rows):
            chunk = azure_rows(self.ctx.spec.seed, self.ctx.plan.period, start, min(start + chunk_rows, total),
                               scale=self.ctx.plan.grid.step_hours / 48)
            n = chunk.rows
            columns = {
                name: chunk.columns.get(_RENAMED_IN_1_3.get(name, name), pa.nulls(n, dtype))
                for name, (dtype, _) in self.columns.items()
            }
            self.write_table(pa.Table.from_pydict(columns, schema=self.schema))
            self.totals.add_sums(MICROSOFT, n, chunk.billed, chunk.effective, chunk.listed)

    def finish(self, files: list[Path]) -> Path:
        payer = self.ctx.spec.organisation.ids[0]
        document = data_export_manifest(
            execution_id=self.delivery_id, export_arn=export_arn(payer, EXPORT, self.ctx.export_seed),
            export_name=EXPORT, period=self.ctx.plan.period, bucket=self.ctx.bucket,
            data_files=[self.ctx.uri(f) for f in files], columns=manifest_columns(self.schema),
            file_format="TEXT_OR_CSV" if self.csv else "PARQUET", compression="GZIP" if self.csv else "PARQUET",
            table=f"FOCUS_{self.version.replace('.', '_')}_AWS",
        )
        write_json(self.manifest_path, document)
        return self.manifest_path
