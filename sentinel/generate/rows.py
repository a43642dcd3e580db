"""Generate any row range of a billing period as canonical line items (pure, vectorised).

Every value is a hash of (seed, period, line, interval), so a row is the same whatever chunk it is
generated in. Money follows AWS's rules, so the Well-Architected amortized CASE gives sensible
numbers: on-demand usage is billed at list price (less an EDP discount in net unblended); reserved
usage (DiscountedUsage) is billed 0 with an effective cost; Savings Plans covered usage is billed
on demand and cancelled by a SavingsPlanNegation line; RIFee and SavingsPlanRecurringFee carry the
unused part of the commitment.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from sentinel.generate.catalog import (
    ALL_SKUS,
    GLOBAL_REGION,
    REGIONS,
    RI_FEE_SKUS,
    SKUS,
    SP_FEE_SKU,
    SUPPORT_SKU,
    TAG_KEYS,
)
from sentinel.generate.hashing import hash_keys, lognormal, pick, uniform, weighted
from sentinel.generate.ids import line_item_ids
from sentinel.generate.items import I64, MONEY_FIELDS, BillType, ItemType, LineItems, Term
from sentinel.generate.lookups import SP_RATE_PCT, SPOT_PCT, Desc, az_table, sku_region, tables
from sentinel.generate.money import MAX_ROW_UNITS, UNITS_PER_DOLLAR
from sentinel.generate.plan import MonthPlan, RunSpec
from sentinel.generate.resources import resource_ids, ri_arns, sp_arns
from sentinel.generate.tags import tag_matrix

SP_GROUP_SHARE = 0.08  # share of line pairs that are Savings Plans covered usage + negation
RI_SHARE = 0.35  # share of reservable lines covered by a reservation
SPOT_SHARE = 0.12
RI_EFFECTIVE_PCT = 62  # reserved effective cost as a percentage of on demand
RI_UPFRONT_PCT = 40  # part of the reserved effective cost that is amortized upfront fee
EDP_PCT = 3  # private pricing discount reflected in net unblended cost
RESTATED_SHARE = 0.03  # usage rows re-rated in a restated delivery
RESTATED_FACTOR = 1.05
CENT = UNITS_PER_DOLLAR // 100
RESOURCE_LIFETIME = 6  # months a resource line lives before it is replaced
MONTHLY_GROWTH = 0.03  # usage grows month over month

_KIND = {"hours": 0, "prorated": 1, "usage": 2}


@cache
def _sku_arrays() -> dict[str, np.ndarray]:
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


def generate_chunk(spec: RunSpec, plan: MonthPlan, start: int, stop: int) -> LineItems:
    """Rows [start, stop) of the period's delivery."""
    grid, base, total = plan.grid_rows, plan.base_rows, plan.total_rows
    if not 0 <= start < stop <= total:
        raise ValueError(f"row range [{start}, {stop}) outside [0, {total})")
    parts = []
    if start < grid:
        parts.append(_usage_rows(spec, plan, start, min(stop, grid)))
    if stop > grid and start < base:
        parts.append(_monthly_rows(spec, plan, max(start, grid), min(stop, base)))
    if stop > base:
        parts.append(_adjustment_rows(spec, plan, max(start, base), stop))
    return LineItems.concat(parts)


def _ids(spec: RunSpec, plan: MonthPlan, section: int, key: np.ndarray) -> pa.Array:
    parts = [hash_keys(spec.seed, f"line-item-id:{i}", plan.ordinal, section, key) for i in range(5)]
    return line_item_ids(parts)


def _signed_share(values: I64, pct: int) -> I64:
    """pct % of each value, truncated toward zero so that x and -x give opposite shares."""
    return np.asarray(np.sign(values) * (np.abs(values) * pct // 100), dtype=np.int64)


def _az(seed: int, key: np.ndarray, sku: np.ndarray, region: np.ndarray) -> I64:
    _, offsets, counts = az_table()
    h = hash_keys(seed, "az", key)
    within = (h % counts[region].astype(np.uint64)).astype(np.int64)
    has_az = _sku_arrays()["az"][sku] & (region != GLOBAL_REGION)
    return np.asarray(np.where(has_az, offsets[region] + within, offsets[GLOBAL_REGION]), dtype=np.int64)


def _usage_rows(spec: RunSpec, plan: MonthPlan, start: int, stop: int) -> LineItems:
    seed, org, grid = spec.seed, spec.organisation, plan.grid
    arrays = _sku_arrays()
    k = plan.rows_per_line
    r = np.arange(start, stop, dtype=np.int64)
    line = r // k
    first = int(line[0])
    lines = np.arange(first, int(line[-1]) + 1, dtype=np.int64)
    at = line - first  # row -> position in `lines`

    # Lines come in pairs; a pair may be one Savings Plans covered line and its negation line,
    # which share every attribute and usage amount.
    group = lines // 2
    complete = (2 * group + 2) * k <= plan.grid_rows
    is_sp = complete & (uniform(hash_keys(seed, "sp-group", group)) < SP_GROUP_SHARE)
    # A line keeps its resource for RESOURCE_LIFETIME months (staggered), then a new one replaces it.
    generation = (plan.ordinal + pick(hash_keys(seed, "phase", group), RESOURCE_LIFETIME)) // RESOURCE_LIFETIME
    attr = np.where(is_sp, hash_keys(seed, "attr-group", group, generation),
                    hash_keys(seed, "attr-line", lines, generation))
    negation = is_sp & (lines % 2 == 1)

    sku = np.where(is_sp, arrays["sp_index"][weighted(hash_keys(seed, "sku-sp", attr), arrays["sp_weight"])],
                   weighted(hash_keys(seed, "sku", attr), arrays["weight"]))
    reserved = ~is_sp & arrays["ri"][sku] & (uniform(hash_keys(seed, "ri", attr)) < RI_SHARE)
    spot = ~is_sp & ~reserved & arrays["spot"][sku] & (uniform(hash_keys(seed, "spot", attr)) < SPOT_SHARE)
    item = np.full(len(lines), ItemType.USAGE, dtype=np.int8)
    item[reserved] = ItemType.DISCOUNTED_USAGE
    item[is_sp] = ItemType.SP_COVERED
    item[negation] = ItemType.SP_NEGATION
    term = np.where(reserved, Term.RESERVED, np.where(spot, Term.SPOT, Term.ON_DEMAND)).astype(np.int8)
    desc = np.where(reserved, Desc.RESERVED, np.where(spot, Desc.SPOT, np.where(negation, Desc.NEGATION,
                                                                                   Desc.USAGE))).astype(np.int8)

    account = weighted(hash_keys(seed, "account", attr), org.weights)
    region = np.where(arrays["global"][sku], GLOBAL_REGION,
                      weighted(hash_keys(seed, "region", attr), arrays["region_weight"]))
    account_ids = org.id_array.take(pa.array(account))
    payer_ids = org.id_array.take(pa.array(org.payer_of[account]))
    null = pa.nulls(len(lines), pa.string())
    line_arrays: dict[str, Any] = {
        "line_item_id": _ids(spec, plan, 0, lines),
        "resource_id": resource_ids(seed, attr, sku, region, account_ids),
        "ri_arn": _where(reserved, ri_arns(seed, payer_ids, sku, region, pick(attr, 3)), null),
        "sp_arn": _where(is_sp, sp_arns(seed, payer_ids, pick(attr, 2)), null),
    }
    tags = tag_matrix(seed, attr, account, org, plan.index)

    # per row
    sku_r, region_r, item_r = sku[at], region[at], item[at]
    interval = (pick(hash_keys(seed, "start", attr), grid.count)[at] + r % k) % grid.count
    h_row = hash_keys(seed, "row", attr[at], interval, plan.ordinal)
    noise = uniform(h_row)
    hours = float(grid.step_hours)
    kind, scale = arrays["kind"][sku_r], arrays["scale"][sku]
    instances = np.maximum(1.0, np.rint(scale * lognormal(hash_keys(seed, "instances", attr), 0.5)))[at]
    quantity = (scale * lognormal(hash_keys(seed, "quantity", attr), 0.9))[at]
    amount = np.select(
        [kind == 0, kind == 1],
        [instances * hours * np.where(noise < 0.04, 0.5, 1.0), quantity * hours / plan.period.hours],
        quantity * hours * (0.4 + 1.2 * noise),
    )
    # metered usage grows month over month (an instance still runs one hour per hour)
    grown = np.where(kind == 0, amount, amount * (1.0 + MONTHLY_GROWTH * plan.index))
    amount = np.round(np.asarray(grown, dtype=np.float64), 10)
    rate = tables().rate_units[sku_region(sku_r, region_r)].astype(np.float64)
    if plan.version > 0:  # a restatement corrects the price of some usage
        rate = rate * np.where(uniform(hash_keys(seed, "restate", h_row)) < RESTATED_SHARE, RESTATED_FACTOR, 1.0)
    on_demand = np.minimum(np.rint(rate * amount), MAX_ROW_UNITS).astype(np.int64)
    is_reserved = item_r == ItemType.DISCOUNTED_USAGE
    is_covered = item_r == ItemType.SP_COVERED
    is_negation = item_r == ItemType.SP_NEGATION
    unblended = np.select([is_reserved, is_negation, term[at] == Term.SPOT],
                          [0, -on_demand, on_demand * SPOT_PCT // 100], on_demand).astype(np.int64)
    ri_effective = np.where(is_reserved, on_demand * RI_EFFECTIVE_PCT // 100, 0)
    ri_upfront = ri_effective * RI_UPFRONT_PCT // 100
    sp_effective = np.where(is_covered, on_demand * SP_RATE_PCT // 100, 0)
    money = {
        "unblended": unblended,
        "net_unblended": unblended - _signed_share(unblended, EDP_PCT),
        "public": np.where(is_negation, 0, on_demand),
        "amortized": np.select([is_reserved, is_covered, is_negation], [ri_effective, sp_effective, 0], unblended),
        "ri_effective": ri_effective,
        "ri_upfront_for_usage": ri_upfront,
        "ri_recurring_for_usage": ri_effective - ri_upfront,
        "sp_effective": sp_effective,
    }
    return _assemble(
        len(r),
        row=r, item_type=item_r, bill_type=np.zeros(len(r), np.int8), term=term[at], desc=desc[at],
        interval=interval, account=account[at], sku=sku_r, region=region_r,
        az=_az(seed, attr, sku, region)[at], regionless=np.zeros(len(r), bool), has_usage_type=np.ones(len(r), bool),
        usage_amount=amount, tags=tags[at],
        # one entry per resource line, indexed by row: ids repeat every hour at no cost
        **{name: pa.DictionaryArray.from_arrays(at.astype(np.int32), arr) for name, arr in line_arrays.items()},
        **money,
    )


def _where(mask: np.ndarray, values: pa.Array, otherwise: pa.Array) -> pa.Array:
    return pc.if_else(pa.array(mask), values, otherwise)


def _cents(h: np.ndarray, median_cents: float, sigma: float) -> I64:
    value = np.rint(median_cents * lognormal(h, sigma)).astype(np.int64) * CENT
    return np.minimum(np.maximum(value, CENT), MAX_ROW_UNITS)


def _monthly_rows(spec: RunSpec, plan: MonthPlan, start: int, stop: int) -> LineItems:
    seed, org = spec.seed, spec.organisation
    arrays = _sku_arrays()
    r = np.arange(start, stop, dtype=np.int64)
    i = r - plan.grid_rows
    key = hash_keys(seed, "monthly", plan.ordinal, i)
    kinds = np.array([ItemType.TAX, ItemType.CREDIT, ItemType.REFUND, ItemType.FEE, ItemType.RI_FEE,
                      ItemType.SP_FEE], dtype=np.int8)
    item = kinds[weighted(hash_keys(seed, "monthly-type", key), [40, 12, 5, 14, 6, 14])]
    u = uniform(hash_keys(seed, "fee-kind", key))
    # the first monthly rows are one of each kind (an upfront and a support fee), so every period
    # has every line item type whatever its size
    forced = np.array([ItemType.TAX, ItemType.CREDIT, ItemType.REFUND, ItemType.FEE, ItemType.FEE,
                       ItemType.RI_FEE, ItemType.SP_FEE], dtype=np.int8)
    first = i < len(forced)
    item = np.where(first, forced[np.minimum(i, len(forced) - 1)], item).astype(np.int8)
    u = np.select([i == 3, i == 4], [0.0, 1.0], u)
    upfront = (item == ItemType.FEE) & (u < 0.5)
    support = (item == ItemType.FEE) & ~upfront
    ri_fee_sku = np.array(RI_FEE_SKUS)[pick(hash_keys(seed, "ri-sku", key), len(RI_FEE_SKUS))]
    usage_sku = weighted(hash_keys(seed, "product", key), arrays["weight"])
    sku = np.select([support, upfront | (item == ItemType.RI_FEE), item == ItemType.SP_FEE],
                    [SUPPORT_SKU, ri_fee_sku, SP_FEE_SKU], usage_sku)
    with_region = upfront | (item == ItemType.RI_FEE)
    region = np.where(with_region, weighted(hash_keys(seed, "region", key), arrays["region_weight"]), GLOBAL_REGION)
    account = weighted(hash_keys(seed, "account", key), org.weights)
    payer_ids = org.id_array.take(pa.array(org.payer_of[account]))
    hours = plan.period.hours

    # Charges scale with the usage one row stands for (a daily row is 24 hourly ones), so monthly
    # charges keep a realistic share of the bill (tax ~6%, support ~10%) at any row count.
    step = plan.grid.step_hours
    taxes = _cents(hash_keys(seed, "tax", key), 500 * step, 1.2)
    credits = -_cents(hash_keys(seed, "credit", key), 500 * step, 1.0)
    refunds = -_cents(hash_keys(seed, "refund", key), 200 * step, 1.0)
    support_fee = _cents(hash_keys(seed, "support", key), 2500 * step, 0.6)
    upfront_fee = _cents(hash_keys(seed, "upfront", key), 1500 * step, 0.7)
    count = (1 + pick(hash_keys(seed, "ri-count", key), 2)) * step
    rate = tables().rate_units[sku_region(sku, region)]
    ri_fee = rate * hours * count
    unused_pct = np.where(uniform(hash_keys(seed, "unused", key)) < 0.4, 0, pick(hash_keys(seed, "pct", key), 31))
    ri_upfront_bp = ri_fee * 70 // 100
    commitment = (1 + pick(hash_keys(seed, "commit", key), 8)) * step * CENT * hours
    used = commitment * (70 + pick(hash_keys(seed, "used", key), 31)) // 100

    is_ri, is_sp = item == ItemType.RI_FEE, item == ItemType.SP_FEE
    unblended = np.select(
        [item == ItemType.TAX, item == ItemType.CREDIT, item == ItemType.REFUND, support, upfront, is_ri],
        [taxes, credits, refunds, support_fee, upfront_fee, ri_fee], commitment,
    ).astype(np.int64)
    unused_upfront = np.where(is_ri, ri_upfront_bp * unused_pct // 100, 0)
    unused_recurring = np.where(is_ri, ri_fee * unused_pct // 100, 0)
    money = {
        "unblended": unblended,
        "net_unblended": unblended,
        "amortized": np.select([upfront, is_ri, is_sp], [0, unused_upfront + unused_recurring, commitment - used],
                               unblended),
        "ri_upfront_fee_bp": np.where(is_ri, ri_upfront_bp, 0),
        "ri_unused_upfront_fee_bp": unused_upfront,
        "ri_unused_recurring": unused_recurring,
        "sp_total_commitment": np.where(is_sp, commitment, 0),
        "sp_used_commitment": np.where(is_sp, used, 0),
        "sp_recurring_commitment": np.where(is_sp, commitment, 0),
    }
    reserved_units = np.where(is_ri, float(hours) * count, 0.0)
    desc = np.select([item == ItemType.TAX, item == ItemType.CREDIT, item == ItemType.REFUND, support, upfront, is_ri],
                     [Desc.TAX, Desc.CREDIT, Desc.REFUND, Desc.FEE, Desc.RI_UPFRONT, Desc.RI_FEE], Desc.SP_FEE)
    n = len(r)
    null = pa.nulls(n, pa.string())
    slot = pick(hash_keys(seed, "slot", key), 3)
    return _assemble(
        n,
        row=r, item_type=item,
        bill_type=np.select([upfront, item == ItemType.REFUND], [BillType.PURCHASE, BillType.REFUND],
                            BillType.ANNIVERSARY).astype(np.int8),
        term=np.zeros(n, np.int8), desc=desc.astype(np.int8),
        interval=np.full(n, plan.grid.count, np.int64), account=account, sku=sku, region=region,
        az=np.full(n, az_table()[1][GLOBAL_REGION], np.int64),
        regionless=~with_region, has_usage_type=np.isin(item, [ItemType.FEE, ItemType.RI_FEE, ItemType.SP_FEE]),
        usage_amount=np.select([is_ri, is_sp, upfront | support], [reserved_units, float(hours), 1.0], 0.0),
        reserved_units=reserved_units, unused_units=reserved_units * unused_pct / 100,
        line_item_id=_ids(spec, plan, 1, i),
        resource_id=null,
        ri_arn=_where(is_ri | upfront, ri_arns(seed, payer_ids, sku, region, slot), null),
        sp_arn=_where(is_sp, sp_arns(seed, payer_ids, slot % 2), null),
        **money,
    )


def _adjustment_rows(spec: RunSpec, plan: MonthPlan, start: int, stop: int) -> LineItems:
    """Service credits and refunds that only a restated delivery carries."""
    seed, org = spec.seed, spec.organisation
    r = np.arange(start, stop, dtype=np.int64)
    i = r - plan.base_rows
    key = hash_keys(seed, "adjustment", plan.ordinal, i)
    refund = uniform(hash_keys(seed, "adjustment-type", key)) < 0.3
    unblended = -_cents(hash_keys(seed, "adjustment-amount", key), 300 * plan.grid.step_hours, 1.0)
    n = len(r)
    return _assemble(
        n,
        row=r, item_type=np.where(refund, ItemType.REFUND, ItemType.CREDIT).astype(np.int8),
        bill_type=np.where(refund, BillType.REFUND, BillType.ANNIVERSARY).astype(np.int8),
        term=np.zeros(n, np.int8), desc=np.where(refund, Desc.REFUND, Desc.CREDIT).astype(np.int8),
        interval=np.full(n, plan.grid.count, np.int64),
        account=weighted(hash_keys(seed, "account", key), org.weights),
        sku=weighted(hash_keys(seed, "product", key), _sku_arrays()["weight"]),
        region=np.full(n, GLOBAL_REGION, np.int64), az=np.full(n, az_table()[1][GLOBAL_REGION], np.int64),
        regionless=np.ones(n, bool), has_usage_type=np.zeros(n, bool), usage_amount=np.zeros(n),
        line_item_id=_ids(spec, plan, 2, i),
        unblended=unblended, net_unblended=unblended, amortized=unblended,
    )


def _assemble(n: int, **given: Any) -> LineItems:
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
