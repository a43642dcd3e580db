"""Text columns that depend only on (SKU, region[, kind]), precomputed once as Arrow arrays.

Rows carry small integer codes; a writer turns a code column into text with one `take`, which is
how millions of rows get realistic strings without a Python loop per row.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import IntEnum
from functools import cache

import numpy as np
import pyarrow as pa

from sentinel.generate.catalog import ALL_SKUS, GLOBAL_REGION, REGION_COUNT, REGIONS, SERVICES, Sku
from sentinel.generate.ids import stable_digest
from sentinel.generate.money import UNITS_PER_DOLLAR, units

SKU_COUNT = len(ALL_SKUS)
SPOT_PCT = 35  # spot price as a percentage of on demand
SP_RATE_PCT = 72  # Savings Plans rate as a percentage of on demand
_ALNUM = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


class Desc(IntEnum):
    """Which description text a row gets (not the same as its line item type)."""

    USAGE = 0
    SPOT = 1
    RESERVED = 2
    NEGATION = 3
    TAX = 4
    CREDIT = 5
    REFUND = 6
    FEE = 7
    RI_UPFRONT = 8
    RI_FEE = 9
    SP_FEE = 10


def sku_region(sku: np.ndarray, region: np.ndarray) -> np.ndarray:
    return np.asarray(sku * REGION_COUNT + region, dtype=np.int64)


def _rate_units(sku: Sku, region: int) -> int:
    pct = 100 if region == GLOBAL_REGION else REGIONS[region].price_pct
    return units(sku.price) * pct // 100


def _text(value: int) -> str:
    """Units as AWS's CSV number text ('0.096', '1.0E-6')."""
    d = Decimal(value) / UNITS_PER_DOLLAR
    if d == 0:
        return "0.0"
    return f"{float(d)!r}".upper().replace("E-0", "E-")


def _code(*parts: object, length: int = 16) -> str:
    digest = stable_digest(*parts)
    return "".join(_ALNUM[b % len(_ALNUM)] for b in digest[:length])


@dataclass(frozen=True)
class SkuRegionTables:
    rate_units: np.ndarray  # on-demand rate per unit, in units of 1e-10 USD
    usage_type: pa.Array
    region_code: pa.Array  # '' for global services
    region_text: pa.Array  # product/region: 'global' for global services
    location: pa.Array
    sku_code: pa.Array
    rate_code: pa.Array
    rate_id: pa.Array
    rate_text: pa.Array
    spot_rate_text: pa.Array
    sp_rate_text: pa.Array
    description: pa.Array  # indexed by Desc * SKU_COUNT * REGION_COUNT + sku_region


def _usage_type(sku: Sku, region: int) -> str:
    if sku.style == "global" or region == GLOBAL_REGION:
        return sku.usage
    r = REGIONS[region]
    if sku.usage == "AWS-Out-Bytes":  # inter-region transfer names both ends
        peer = REGIONS[(region + 5) % len(REGIONS)]
        return f"{r.prefix}-{peer.prefix}-AWS-Out-Bytes"
    return f"{r.usage_prefix(sku.style)}{sku.usage}"


def _describe(kind: Desc, sku: Sku, rate: int, code: str) -> str:
    service = SERVICES[sku.service]
    if kind in (Desc.USAGE, Desc.SPOT):
        rate_text = _text(rate * SPOT_PCT // 100 if kind == Desc.SPOT else rate)
        text = sku.description.replace("{rate}", rate_text)
        return text.replace("On Demand", "Spot") if kind == Desc.SPOT else text
    if kind == Desc.RESERVED:
        return f"{sku.instance_type or sku.usage} reserved instance applied"
    if kind == Desc.NEGATION:
        return f"SavingsPlanNegation used by UsageSku : {code}"
    if kind == Desc.TAX:
        return f"Tax for product code {sku.service}"
    if kind == Desc.CREDIT:
        return f"AWS Promotional Credit - {service.name}"
    if kind == Desc.REFUND:
        return f"Refund for service disruption - {service.name}"
    if kind == Desc.RI_UPFRONT:
        return f"Sign up charge for subscription: {int.from_bytes(stable_digest(code)[:3], 'big')}, planId: 2195439"
    if kind == Desc.RI_FEE:
        return sku.description.replace("{rate}", _text(rate).rstrip("0").rstrip("."))
    return sku.description


@cache
def tables() -> SkuRegionTables:
    combos = [(s, r) for s in range(SKU_COUNT) for r in range(REGION_COUNT)]
    rates = [_rate_units(ALL_SKUS[s], r) for s, r in combos]
    codes = [_code("sku", ALL_SKUS[s].service, ALL_SKUS[s].usage, ALL_SKUS[s].operation, r) for s, r in combos]
    region_code = ["" if r == GLOBAL_REGION else REGIONS[r].code for _, r in combos]
    descriptions = [
        _describe(kind, ALL_SKUS[s], rate, code)
        for kind in Desc
        for (s, _), rate, code in zip(combos, rates, codes, strict=True)
    ]
    return SkuRegionTables(
        rate_units=np.array(rates, dtype=np.int64),
        usage_type=pa.array([_usage_type(ALL_SKUS[s], r) for s, r in combos], pa.string()),
        region_code=pa.array(region_code, pa.string()),
        region_text=pa.array([c or "global" for c in region_code], pa.string()),
        location=pa.array(["Global" if r == GLOBAL_REGION else REGIONS[r].name for _, r in combos], pa.string()),
        sku_code=pa.array(codes, pa.string()),
        rate_code=pa.array([f"{c}.JRTCKXETXF.6YS6EN2CT7" for c in codes], pa.string()),
        rate_id=pa.array([str(int.from_bytes(stable_digest("rate", c)[:4], "big") % 900_000_000 + 10_000_000)
                          for c in codes], pa.string()),
        rate_text=pa.array([_text(v) for v in rates], pa.string()),
        spot_rate_text=pa.array([_text(v * SPOT_PCT // 100) for v in rates], pa.string()),
        sp_rate_text=pa.array([_text(v * SP_RATE_PCT // 100) for v in rates], pa.string()),
        description=pa.array(descriptions, pa.string()),
    )


def _instance_family(instance_type: str) -> str | None:
    """'m5.large' -> 'm5', 'db.r5.large' -> 'r5'."""
    if not instance_type:
        return None
    parts = instance_type.split(".")
    return parts[1] if parts[0] in ("db", "cache", "ml") else parts[0]


@cache
def sku_columns() -> dict[str, pa.Array]:
    """Per-SKU text (indexed by SKU): product code, names, operation, unit, family, instance type."""
    return {
        "service": pa.array([s.service for s in ALL_SKUS], pa.string()),
        "product_name": pa.array([SERVICES[s.service].name for s in ALL_SKUS], pa.string()),
        "category": pa.array([SERVICES[s.service].category for s in ALL_SKUS], pa.string()),
        "operation": pa.array([s.operation for s in ALL_SKUS], pa.string()),
        "unit": pa.array([s.unit for s in ALL_SKUS], pa.string()),
        "family": pa.array([s.family for s in ALL_SKUS], pa.string()),
        "instance_type": pa.array([s.instance_type or None for s in ALL_SKUS], pa.string()),
        "instance_family": pa.array([_instance_family(s.instance_type) for s in ALL_SKUS], pa.string()),
    }


@cache
def az_table() -> tuple[pa.Array, np.ndarray, np.ndarray]:
    """All AZ names, each region's offset into them, and each region's AZ count."""
    names: list[str] = []
    offsets, counts = [], []
    for region in REGIONS:
        offsets.append(len(names))
        counts.append(len(region.azs))
        names.extend(f"{region.code}{letter}" for letter in region.azs)
    offsets.append(len(names))
    counts.append(1)
    names.append("")  # global services have no AZ
    return pa.array(names, pa.string()), np.array(offsets, dtype=np.int64), np.array(counts, dtype=np.int64)
