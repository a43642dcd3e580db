"""Small pure pieces: Athena names, exact money, periods, hashing, chunk-independent rows."""

from __future__ import annotations

import numpy as np
import pytest

from sentinel.generate.accounts import Organisation
from sentinel.generate.hashing import hash_keys, uniform
from sentinel.generate.items import ItemType
from sentinel.generate.legacy_columns import athena_name
from sentinel.generate.money import exact_sum, to_decimal, units
from sentinel.generate.periods import BillingPeriod
from sentinel.generate.plan import MonthPlan, RunSpec
from sentinel.generate.rows import generate_chunk


@pytest.mark.parametrize(("header", "name"), [
    ("lineItem/UnblendedCost", "line_item_unblended_cost"),
    ("reservation/ReservationARN", "reservation_reservation_a_r_n"),
    ("resourceTags/user:CostCenter", "resource_tags_user_cost_center"),
    ("resourceTags/aws:createdBy", "resource_tags_aws_created_by"),
    ("pricing/publicOnDemandCost", "pricing_public_on_demand_cost"),
    ("product/servicecode", "product_servicecode"),
    ("savingsPlan/SavingsPlanARN", "savings_plan_savings_plan_a_r_n"),
    ("costCategory/BusinessUnit", "cost_category_business_unit"),
])
def test_athena_names_follow_aws_integration(header: str, name: str) -> None:
    assert athena_name(header) == name


def test_exact_sum_does_not_overflow() -> None:
    values = np.full(1000, 9 * 10**15, dtype=np.int64)  # int64 sum would overflow
    assert exact_sum(values) == 9 * 10**18
    assert exact_sum(np.array([-3, 5, -(2**40)], dtype=np.int64)) == 2 - 2**40
    assert f"{to_decimal(-3):f}" == "-0.0000000003" and f"{to_decimal(12345 * 10**10):f}" == "12345.0000000000"
    assert units("0.0000166667") == 166667
    with pytest.raises(ValueError):
        units("0.00000000001")


def test_billing_periods() -> None:
    period = BillingPeriod.parse("2024-02")
    assert (period.date_range, period.hours, period.shift(11).label) == ("20240201-20240301", 29 * 24, "2025-01")
    with pytest.raises(ValueError):
        BillingPeriod.parse("2024-13")


def test_hashes_are_stable_and_uniform() -> None:
    keys = np.arange(100_000)
    u = uniform(hash_keys(7, "x", keys))
    assert abs(u.mean() - 0.5) < 0.01 and u.min() >= 0 and u.max() < 1
    assert (hash_keys(7, "x", keys[500:600]) == hash_keys(7, "x", keys)[500:600]).all()
    assert not (hash_keys(8, "x", keys) == hash_keys(7, "x", keys)).any()


def test_any_row_range_gives_the_same_rows() -> None:
    spec = RunSpec(5, Organisation(5, 7), "hourly")
    plan = MonthPlan.build(BillingPeriod(2024, 3), 1, 3000, 1, False, "hourly")
    whole = generate_chunk(spec, plan, 0, plan.total_rows)
    parts = [generate_chunk(spec, plan, a, min(a + 411, plan.total_rows)) for a in range(0, plan.total_rows, 411)]
    for name in ("unblended", "amortized", "public", "usage_amount", "interval", "sku", "account", "item_type"):
        assert (np.concatenate([getattr(p, name) for p in parts]) == getattr(whole, name)).all(), name
    ids = [x for p in parts for x in p.line_item_id.to_pylist()]
    assert ids == whole.line_item_id.to_pylist()


def test_savings_plan_negation_cancels_covered_usage_row_by_row() -> None:
    spec = RunSpec(5, Organisation(5, 7), "hourly")
    plan = MonthPlan.build(BillingPeriod(2024, 3), 0, 20_000, 0, False, "hourly")
    items = generate_chunk(spec, plan, 0, plan.total_rows)
    covered = items.item_type == ItemType.SP_COVERED
    negation = items.item_type == ItemType.SP_NEGATION
    assert covered.sum() == negation.sum() > 0
    assert (items.unblended[covered] == -items.unblended[negation]).all()
    assert (items.amortized[negation] == 0).all() and (items.sp_effective[covered] < items.unblended[covered]).all()
    reserved = items.item_type == ItemType.DISCOUNTED_USAGE
    assert (items.unblended[reserved] == 0).all() and (items.amortized[reserved] > 0).any()
