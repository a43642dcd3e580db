"""Microsoft (Azure) rows for a multi-cloud FOCUS dataset, like the public FOCUS sample's.

Daily rows for a few Azure services across subscriptions, negotiated at a discount from list
price; no commitments, so EffectiveCost equals BilledCost.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from sentinel.generate.catalog import ENVIRONMENTS, WORKLOADS
from sentinel.generate.hashing import hash_keys, lognormal, pick, uniform, weighted
from sentinel.generate.ids import hex_strings, stable_int, stable_uuid
from sentinel.generate.money import MAX_ROW_UNITS, exact_sum, to_float, units
from sentinel.generate.periods import BillingPeriod, IntervalGrid

PROVIDER = "Microsoft"
SHARE = 20  # one Microsoft row per 20 AWS rows
NEGOTIATED_PCT = 90


@dataclass(frozen=True)
class AzureMeter:
    service: str
    category: str
    resource_type: str  # provider/type, as in Azure resource ids
    meter: str
    unit: str
    price: str
    daily_quantity: float
    weight: float


METERS: tuple[AzureMeter, ...] = (
    AzureMeter("Virtual Machines", "Compute", "microsoft.compute/virtualmachines", "D4s v5", "1 Hour", "0.192",
               24.0, 6.0),
    AzureMeter("Storage Accounts", "Storage", "microsoft.storage/storageaccounts", "Hot LRS Data Stored",
               "1 GB/Month", "0.0184", 40.0, 3.0),
    AzureMeter("Azure SQL Database", "Databases", "microsoft.sql/servers", "vCore", "1 Hour", "0.5044", 48.0, 3.0),
    AzureMeter("Azure Kubernetes Service", "Compute", "microsoft.containerservice/managedclusters",
               "Standard Uptime SLA", "1 Hour", "0.1", 24.0, 2.0),
    AzureMeter("Bandwidth", "Networking", "microsoft.network/publicipaddresses", "Standard Data Transfer Out",
               "1 GB", "0.087", 30.0, 2.0),
    AzureMeter("Azure Monitor", "Management and Governance", "microsoft.operationalinsights/workspaces",
               "Pay-as-you-go Data Ingestion", "1 GB", "2.3", 2.0, 1.5),
    AzureMeter("Key Vault", "Security", "microsoft.keyvault/vaults", "Operations", "10K", "0.03", 5.0, 1.0),
)
REGIONS = (("eastus", "East US"), ("westeurope", "West Europe"), ("westus2", "West US 2"),
           ("northeurope", "North Europe"))
SUBSCRIPTIONS = 4


@dataclass(frozen=True)
class AzureAccount:
    billing_account_id: str
    subscription_ids: tuple[str, ...]
    subscription_names: tuple[str, ...]


@cache
def azure_account(seed: int) -> AzureAccount:
    billing = f"/providers/Microsoft.Billing/billingAccounts/{stable_int('azure-billing', seed, digits=8)}"
    subs = tuple(f"/subscriptions/{stable_uuid('azure-sub', seed, i)}" for i in range(SUBSCRIPTIONS))
    names = tuple(f"{ENVIRONMENTS[i % len(ENVIRONMENTS)]}-subscription" for i in range(SUBSCRIPTIONS))
    return AzureAccount(billing, subs, names)


def row_count(aws_rows: int) -> int:
    return max(1, aws_rows // SHARE)


@dataclass(frozen=True)
class AzureRows:
    """One chunk of Azure rows: FOCUS columns as Arrow arrays plus exact money sums."""

    columns: dict[str, pa.Array]
    billed: int
    effective: int
    listed: int

    @property
    def rows(self) -> int:
        return len(next(iter(self.columns.values())))


def azure_rows(seed: int, period: BillingPeriod, start: int, stop: int, scale: float = 1.0) -> AzureRows:
    """Rows [start, stop) of the period's Azure usage (daily granularity). `scale` sizes the estate
    so Azure stays a minor share of spend next to the AWS rows."""
    grid = IntervalGrid(period, "daily")
    account = azure_account(seed)
    r = np.arange(start, stop, dtype=np.int64)
    ordinal = period.year * 12 + period.month
    line = r // grid.count
    day = (r + pick(hash_keys(seed, "az-start", line), grid.count)) % grid.count
    meter = weighted(hash_keys(seed, "az-meter", line), [m.weight for m in METERS])
    region = weighted(hash_keys(seed, "az-region", line), [5, 3, 2, 1])
    sub = pick(hash_keys(seed, "az-sub", line), SUBSCRIPTIONS)
    price = np.array([units(m.price) for m in METERS], dtype=np.int64)[meter]
    base = np.array([m.daily_quantity for m in METERS])[meter]
    quantity = np.round(scale * base * lognormal(hash_keys(seed, "az-qty", line), 0.7)
                        * (0.6 + 0.8 * uniform(hash_keys(seed, "az-day", line, day, ordinal))), 6)
    listed = np.minimum(np.rint(price * quantity), MAX_ROW_UNITS).astype(np.int64)
    billed = listed * NEGOTIATED_PCT // 100

    def pick_text(values: list[str], index: np.ndarray) -> pa.Array:
        return pa.array(values, pa.string()).take(pa.array(index))

    subs = pick_text(list(account.subscription_ids), sub)
    name = pc.binary_join_element_wise(
        pick_text(list(WORKLOADS), pick(hash_keys(seed, "az-name", line), len(WORKLOADS))),
        hex_strings(hash_keys(seed, "az-hex", line), 6), "-")
    group = pick_text([f"rg-{w}" for w in WORKLOADS], pick(hash_keys(seed, "az-rg", line), len(WORKLOADS)))
    resource_type = pick_text([m.resource_type for m in METERS], meter)
    resource_id = pc.binary_join_element_wise(subs, "/resourcegroups/", group, "/providers/", resource_type, "/",
                                              name, "")
    env = pick_text(list(ENVIRONMENTS), pick(hash_keys(seed, "az-env", line), len(ENVIRONMENTS)))
    tags = pc.binary_join_element_wise('{"env": "', env, '", "application": "', group, '"}', "")
    meter_text = pick_text([m.meter for m in METERS], meter)
    n = len(r)

    def const(value: str) -> pa.Array:
        return pa.repeat(pa.scalar(value, pa.string()), n)

    def ms(moment_ms: np.ndarray) -> pa.Array:
        return pa.array(moment_ms, pa.timestamp("ms"))

    sku_id = pc.cast(pa.array(1_000_000 + meter * 7919 + region), pa.string())
    columns = {
        "AvailabilityZone": pa.nulls(n, pa.string()),
        "BilledCost": pa.array(to_float(billed)),
        "BillingAccountId": const(account.billing_account_id),
        "BillingAccountName": const("Sentinel Demo EA"),
        "BillingCurrency": const("USD"),
        "BillingPeriodEnd": ms(np.full(n, int(period.end.timestamp() * 1000))),
        "BillingPeriodStart": ms(np.full(n, int(period.start.timestamp() * 1000))),
        "ChargeCategory": const("Usage"),
        "ChargeClass": pa.nulls(n, pa.string()),
        "ChargeDescription": meter_text,
        "ChargeFrequency": const("Usage-Based"),
        "ChargePeriodEnd": ms(grid.end_ms[day]),
        "ChargePeriodStart": ms(grid.start_ms[day]),
        "ConsumedQuantity": pa.array(quantity),
        "ConsumedUnit": pick_text([m.unit for m in METERS], meter),
        "ContractedCost": pa.array(to_float(billed)),
        "ContractedUnitPrice": pa.array(to_float(price * NEGOTIATED_PCT // 100)),
        "EffectiveCost": pa.array(to_float(billed)),
        "InvoiceIssuerName": const("Microsoft"),
        "ListCost": pa.array(to_float(listed)),
        "ListUnitPrice": pa.array(to_float(price)),
        "PricingCategory": const("Standard"),
        "PricingQuantity": pa.array(quantity),
        "PricingUnit": pick_text([m.unit for m in METERS], meter),
        "ProviderName": const(PROVIDER),
        "PublisherName": const("Microsoft"),
        "RegionId": pick_text([c for c, _ in REGIONS], region),
        "RegionName": pick_text([nm for _, nm in REGIONS], region),
        "ResourceId": resource_id,
        "ResourceName": name,
        "ResourceType": pick_text([m.resource_type for m in METERS], meter),
        "ServiceCategory": pick_text([m.category for m in METERS], meter),
        "ServiceName": pick_text([m.service for m in METERS], meter),
        "SkuId": sku_id,
        "SkuPriceId": sku_id,
        "SubAccountId": subs,
        "SubAccountName": pick_text(list(account.subscription_names), sub),
        "Tags": tags,
    }
    return AzureRows(columns, exact_sum(billed), exact_sum(billed), exact_sum(listed))
