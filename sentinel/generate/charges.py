"""Monthly charges (tax, credits, refunds, fees, RIFee, SavingsPlanRecurringFee) and the service
credits a restated delivery adds. RIFee and SavingsPlanRecurringFee carry the unused part of their
commitment, which is what the amortized CASE keeps of them."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from sentinel.generate.catalog import GLOBAL_REGION, RI_FEE_SKUS, SP_FEE_SKU, SUPPORT_SKU
from sentinel.generate.hashing import hash_keys, pick, uniform, weighted
from sentinel.generate.items import BillType, ItemType, LineItems
from sentinel.generate.lookups import Desc, sku_region, tables
from sentinel.generate.plan import MonthPlan, RunSpec
from sentinel.generate.resources import ri_arns, sp_arns
from sentinel.generate.rowparts import CENT, arrow_if, assemble, cents, line_ids, no_az, sku_arrays


def monthly_rows(spec: RunSpec, plan: MonthPlan, start: int, stop: int) -> LineItems:
    seed, org = spec.seed, spec.organisation
    arrays = sku_arrays()
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
    taxes = cents(hash_keys(seed, "tax", key), 300 * step, 1.2)
    credits = -cents(hash_keys(seed, "credit", key), 500 * step, 1.0)
    refunds = -cents(hash_keys(seed, "refund", key), 200 * step, 1.0)
    support_fee = cents(hash_keys(seed, "support", key), 2500 * step, 0.6)
    upfront_fee = cents(hash_keys(seed, "upfront", key), 1500 * step, 0.7)
    count = (1 + pick(hash_keys(seed, "ri-count", key), 2)) * step
    rate = tables().rate_units[sku_region(sku, region)]
    ri_fee = rate * hours * count
    unused_pct = np.where(uniform(hash_keys(seed, "unused", key)) < 0.4, 0, pick(hash_keys(seed, "pct", key), 31))
    ri_upfront_bp = ri_fee * 70 // 100
    commitment = (1 + pick(hash_keys(seed, "commit", key), 3)) * step * CENT * hours
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
    return assemble(
        n,
        row=r, item_type=item,
        bill_type=np.select([upfront, item == ItemType.REFUND], [BillType.PURCHASE, BillType.REFUND],
                            BillType.ANNIVERSARY).astype(np.int8),
        term=np.zeros(n, np.int8), desc=desc.astype(np.int8),
        interval=np.full(n, plan.grid.count, np.int64), account=account, sku=sku, region=region,
        az=no_az(n),
        regionless=~with_region, has_usage_type=np.isin(item, [ItemType.FEE, ItemType.RI_FEE, ItemType.SP_FEE]),
        usage_amount=np.select([is_ri, is_sp, upfront | support], [reserved_units, float(hours), 1.0], 0.0),
        reserved_units=reserved_units, unused_units=reserved_units * unused_pct / 100,
        line_item_id=line_ids(spec, plan, 1, i),
        resource_id=null,
        ri_arn=arrow_if(is_ri | upfront, ri_arns(seed, payer_ids, sku, region, slot), null),
        sp_arn=arrow_if(is_sp, sp_arns(seed, payer_ids, slot % 2), null),
        **money,
    )


def adjustment_rows(spec: RunSpec, plan: MonthPlan, start: int, stop: int) -> LineItems:
    """Service credits and refunds that only a restated delivery carries."""
    seed, org = spec.seed, spec.organisation
    r = np.arange(start, stop, dtype=np.int64)
    i = r - plan.base_rows
    key = hash_keys(seed, "adjustment", plan.ordinal, i)
    refund = uniform(hash_keys(seed, "adjustment-type", key)) < 0.3
    unblended = -cents(hash_keys(seed, "adjustment-amount", key), 300 * plan.grid.step_hours, 1.0)
    n = len(r)
    return assemble(
        n,
        row=r, item_type=np.where(refund, ItemType.REFUND, ItemType.CREDIT).astype(np.int8),
        bill_type=np.where(refund, BillType.REFUND, BillType.ANNIVERSARY).astype(np.int8),
        term=np.zeros(n, np.int8), desc=np.where(refund, Desc.REFUND, Desc.CREDIT).astype(np.int8),
        interval=np.full(n, plan.grid.count, np.int64),
        account=weighted(hash_keys(seed, "account", key), org.weights),
        sku=weighted(hash_keys(seed, "product", key), sku_arrays()["weight"]),
        region=np.full(n, GLOBAL_REGION, np.int64), az=no_az(n),
        regionless=np.ones(n, bool), has_usage_type=np.zeros(n, bool), usage_amount=np.zeros(n),
        line_item_id=line_ids(spec, plan, 2, i),
        unblended=unblended, net_unblended=unblended, amortized=unblended,
    )
