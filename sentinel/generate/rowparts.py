"""Building blocks shared by the row generators: SKU attribute arrays, line item ids, money
helpers and the assembly of a LineItems chunk with defaults."""

from __future__ import annotations

from functools import cache
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from sentinel.generate.catalog import ALL_SKUS, GLOBAL_REGION, REGIONS, SKUS, TAG_KEYS
from sentinel.generate.hashing import hash_keys, lognormal
from sentinel.generate.ids import line_item_ids
from sentinel.generate.items import I64, MONEY_FIELDS, LineItems
from sentinel.generate.lookups import az_table
from sentinel.generate.money import MAX_ROW_UNITS, UNITS_PER_DOLLAR
from sentinel.generate.plan import MonthPlan, RunSpec

CENT = UNITS_PER_DOLLAR // 100
_KIND = {"hours": 0, "prorated": 1, "usage": 2}


@cache
def sku_arrays() -> dict[str, np.ndarray]:
    return {
        "weight": np.array([s.weight for s in SKUS]),
        "sp_index": np.array([i for i, s in enumerate(SKUS) if s.sp]),
        "sp_weight": np.array([s.weight for s in SKUS if s.sp]),
        "ri": np.array([s.ri for s in ALL_SKUS]),
        "spot": np.array([s.spot for s in ALL_SKUS]),
        "global": np.array([s.style == "global" for s in ALL_SKUS]),
        "az": np.array([s.az for s in ALL_SKUS]),
        "kind": np.array([_KIND[s.kind] for s in ALL_SKUS]),
        "scale": np.array([s.scale for s in ALL_SKUS]),
        "region_weight": np.array([r.weight for r in REGIONS]),
    }


def line_ids(spec: RunSpec, plan: MonthPlan, section: int, key: np.ndarray) -> pa.Array:
    parts = [hash_keys(spec.seed, f"line-item-id:{i}", plan.ordinal, section, key) for i in range(5)]
    return line_item_ids(parts)


def signed_share(values: I64, pct: int) -> I64:
    """pct % of each value, truncated toward zero so that x and -x give opposite shares."""
    return np.asarray(np.sign(values) * (np.abs(values) * pct // 100), dtype=np.int64)


def az_index(seed: int, key: np.ndarray, sku: np.ndarray, region: np.ndarray) -> I64:
    _, offsets, counts = az_table()
    h = hash_keys(seed, "az", key)
    within = (h % counts[region].astype(np.uint64)).astype(np.int64)
    has_az = sku_arrays()["az"][sku] & (region != GLOBAL_REGION)
    return np.asarray(np.where(has_az, offsets[region] + within, offsets[GLOBAL_REGION]), dtype=np.int64)


def arrow_if(mask: np.ndarray, values: pa.Array, otherwise: pa.Array) -> pa.Array:
    return pc.if_else(pa.array(mask), values, otherwise)


def cents(h: np.ndarray, median_cents: float, sigma: float) -> I64:
    value = np.rint(median_cents * lognormal(h, sigma)).astype(np.int64) * CENT
    return np.minimum(np.maximum(value, CENT), MAX_ROW_UNITS)


def no_az(n: int) -> I64:
    """The AZ index of rows without an availability zone."""
    return np.full(n, az_table()[1][GLOBAL_REGION], np.int64)


def assemble(n: int, **given: Any) -> LineItems:
    """LineItems from the given columns; money defaults to 0, text to null, tags to absent."""
    null = pa.nulls(n, pa.string())
    defaults: dict[str, Any] = {name: np.zeros(n, np.int64) for name in MONEY_FIELDS}
    defaults.update(
        reserved_units=np.zeros(n), unused_units=np.zeros(n),
        tags=np.full((n, len(TAG_KEYS)), -1, np.int8),
        resource_id=null, ri_arn=null, sp_arn=null,
    )
    defaults.update(given)
    for name in ("line_item_id", "resource_id", "ri_arn", "sp_arn"):
        if pa.types.is_null(defaults[name].type):
            defaults[name] = defaults[name].cast(pa.string())
    for name in MONEY_FIELDS:
        defaults[name] = np.asarray(defaults[name], dtype=np.int64)
    return LineItems(**defaults)
