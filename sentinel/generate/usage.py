"""Metered usage rows: resource lines that each emit consecutive hourly (or daily) line items.

Money follows AWS's rules, so the Well-Architected amortized CASE gives sensible numbers: on-demand
usage is billed at list price (less an EDP discount in net unblended cost), reserved usage
(DiscountedUsage) is billed 0 and carries an effective cost, and Savings Plans covered usage is billed
on demand and cancelled row by row by a SavingsPlanNegation line.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa

from sentinel.generate.catalog import GLOBAL_REGION
from sentinel.generate.hashing import hash_keys, lognormal, pick, uniform, weighted
from sentinel.generate.items import F64, ItemType, LineItems, Term
from sentinel.generate.lookups import SP_RATE_PCT, SPOT_PCT, Desc, sku_region, tables
from sentinel.generate.money import MAX_ROW_UNITS
from sentinel.generate.plan import MonthPlan, RunSpec
from sentinel.generate.resources import resource_ids, ri_arns, sp_arns
from sentinel.generate.rowparts import arrow_if, assemble, az_index, line_ids, signed_share, sku_arrays
from sentinel.generate.tags import tag_matrix

SP_GROUP_SHARE = 0.08  # share of line pairs that are Savings Plans covered usage + negation
RI_SHARE = 0.35  # share of reservable lines covered by a reservation
SPOT_SHARE = 0.12
RI_EFFECTIVE_PCT = 62  # reserved effective cost as a percentage of on demand
RI_UPFRONT_PCT = 40  # part of the reserved effective cost that is amortized upfront fee
EDP_PCT = 3  # private pricing discount reflected in net unblended cost
RESTATED_SHARE = 0.03  # usage rows re-rated in a restated delivery
RESTATED_FACTOR = 1.05
RESOURCE_LIFETIME = 6  # months a resource line lives before it is replaced
MONTHLY_GROWTH = 0.03  # metered usage grows month over month


def usage_rows(spec: RunSpec, plan: MonthPlan, start: int, stop: int) -> LineItems:
    seed, org, grid = spec.seed, spec.organisation, plan.grid
    arrays = sku_arrays()
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
    # (A steady fleet keeps its resources: its series do not step at month boundaries.)
    generation = (np.zeros(len(group), dtype=np.int64) if plan.shape == "steady" else
                  (plan.ordinal + pick(hash_keys(seed, "phase", group), RESOURCE_LIFETIME)) // RESOURCE_LIFETIME)
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
        "line_item_id": line_ids(spec, plan, 0, lines),
        "resource_id": resource_ids(seed, attr, sku, region, account_ids),
        "ri_arn": arrow_if(reserved, ri_arns(seed, payer_ids, sku, region, pick(attr, 3)), null),
        "sp_arn": arrow_if(is_sp, sp_arns(seed, payer_ids, pick(attr, 2)), null),
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
    if spec.series is not None:  # weekly rhythm, series-day noise and injected anomalies
        day = plan.period.start.date().toordinal() + interval * grid.step_hours // 24
        amount = amount * spec.series.factors(day, account[at], sku_r)
    # metered usage grows month over month (an instance still runs one hour per hour)
    grown = np.where(kind == 0, amount, amount * (1.0 + MONTHLY_GROWTH * plan.index))
    usage_amount: F64 = np.asarray(np.round(grown, 10), dtype=np.float64)
    rate = tables().rate_units[sku_region(sku_r, region_r)].astype(np.float64)
    if plan.version > 0:  # a restatement corrects the price of some usage
        corrected = uniform(hash_keys(seed, "restate", h_row)) < RESTATED_SHARE
        rate = rate * np.where(corrected, RESTATED_FACTOR, 1.0).astype(np.float64)
    on_demand = np.minimum(np.rint(rate * usage_amount), MAX_ROW_UNITS).astype(np.int64)
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
        "net_unblended": unblended - signed_share(unblended, EDP_PCT),
        "public": np.where(is_negation, 0, on_demand),
        "amortized": np.select([is_reserved, is_covered, is_negation], [ri_effective, sp_effective, 0], unblended),
        "ri_effective": ri_effective,
        "ri_upfront_for_usage": ri_upfront,
        "ri_recurring_for_usage": ri_effective - ri_upfront,
        "sp_effective": sp_effective,
    }
    return assemble(
        len(r),
        row=r, item_type=item_r, bill_type=np.zeros(len(r), np.int8), term=term[at], desc=desc[at],
        interval=interval, account=account[at], sku=sku_r, region=region_r,
        az=az_index(seed, attr, sku, region)[at], regionless=np.zeros(len(r), bool), has_usage_type=np.ones(len(r), bool),
        usage_amount=usage_amount, tags=tags[at],
        # one entry per resource line, indexed by row: ids repeat every hour at no cost
        **{name: pa.DictionaryArray.from_arrays(at.astype(np.int32), arr) for name, arr in line_arrays.items()},
        **money,
    )
