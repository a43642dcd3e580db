"""Column values derived from canonical line items, shared by every format writer.

Writers only choose names, types and null conventions; what a value *is* (an account id, a usage
type, a reservation's unused fee) is decided once here.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, cached_property
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from sentinel.generate.catalog import ALL_SKUS, COST_CATEGORIES, GLOBAL_REGION, TAG_KEYS
from sentinel.generate.hashing import hash_keys
from sentinel.generate.ids import hex_strings, stable_int
from sentinel.generate.items import (
    BILL_TYPE_NAMES,
    CHARGE_CATEGORIES,
    ITEM_TYPE_NAMES,
    TERM_NAMES,
    ItemType,
    LineItems,
    Mask,
    Term,
)
from sentinel.generate.lookups import SKU_COUNT, az_table, sku_columns, sku_region, tables
from sentinel.generate.money import to_float
from sentinel.generate.plan import MonthPlan, RunSpec
from sentinel.generate.tags import cost_category_matrix

_ITEM_TYPES = pa.array(ITEM_TYPE_NAMES, pa.string())
_CHARGE_CATEGORIES = pa.array(CHARGE_CATEGORIES, pa.string())
_TERMS = pa.array([t or None for t in TERM_NAMES], pa.string())
_BILL_TYPES = pa.array(BILL_TYPE_NAMES, pa.string())
_NORMALIZATION = np.array([s.normalization for s in ALL_SKUS])
_REGION_COUNT = len(tables().rate_units) // SKU_COUNT


@cache
def _rate_texts() -> pa.Array:
    """On-demand rates, spot rates, then '0.0' (reserved usage): one table for unblended_rate."""
    t = tables()
    return pa.concat_arrays([t.rate_text, t.spot_rate_text, pa.array(["0.0"], pa.string())])


def take(values: pa.Array, index: np.ndarray, valid: Mask | None = None) -> pa.Array:
    """values[index] as a dictionary array (null where `valid` is False). Rows only carry small
    indices; the CSV writer expands dictionary columns about 3x faster than plain strings, and
    Parquet writers decode them once."""
    return pa.DictionaryArray.from_arrays(np.asarray(index, dtype=np.int32), values,
                                          mask=None if valid is None else ~np.asarray(valid, dtype=bool))


def null_unless(valid: Mask, values: pa.Array) -> pa.Array:
    """values where `valid`, else null (keeps dictionary arrays dictionary-encoded)."""
    return pc.if_else(pa.array(valid), values, pa.nulls(len(values), values.type))


def constant(value: str | None, n: int) -> pa.Array:
    if value is None:
        return pa.nulls(n, pa.string())
    return pa.DictionaryArray.from_arrays(np.zeros(n, dtype=np.int32), pa.array([value], pa.string()))


def per_distinct(values: pa.Array, make: Callable[[str], str]) -> pa.Array:
    """make(v) for each row's v, computed once per distinct value (ARNs repeat a lot)."""
    encoded = values if pa.types.is_dictionary(values.type) else pc.dictionary_encode(values)
    dictionary = pa.array([None if v is None else make(v) for v in encoded.dictionary.to_pylist()], pa.string())
    return dictionary.take(encoded.indices)


class Frame:
    """Derived columns of one chunk. Money is returned as float64 dollars (exact to 1e-10, see
    money.py) with nulls where the column does not apply to the row."""

    def __init__(self, items: LineItems, plan: MonthPlan, spec: RunSpec) -> None:
        self.items = items
        self.plan = plan
        self.spec = spec
        self.n = len(items)
        self._memo: dict[str, Any] = {}

    def memo(self, key: str, make: Callable[[], Any]) -> Any:
        """Compute a value once per chunk (for writers that derive several columns from it)."""
        if key not in self._memo:
            self._memo[key] = make()
        return self._memo[key]

    # --- masks -------------------------------------------------------------------------------
    @cached_property
    def is_usage(self) -> Mask:
        return self.items.is_type(ItemType.USAGE, ItemType.DISCOUNTED_USAGE, ItemType.SP_COVERED,
                                  ItemType.SP_NEGATION)

    @cached_property
    def has_reservation(self) -> Mask:
        valid = np.asarray(self.items.ri_arn.is_valid(), dtype=bool)
        return np.asarray(self.items.is_type(ItemType.DISCOUNTED_USAGE, ItemType.RI_FEE) | valid, dtype=bool)

    @cached_property
    def is_ri_fee(self) -> Mask:
        return self.items.is_type(ItemType.RI_FEE)

    @cached_property
    def has_savings_plan(self) -> Mask:
        return self.items.is_type(ItemType.SP_COVERED, ItemType.SP_NEGATION, ItemType.SP_FEE)

    @cached_property
    def has_region(self) -> Mask:
        return ~self.items.regionless

    # --- bill ----------------------------------------------------------------------------------
    @cached_property
    def _payer(self) -> np.ndarray:
        return self.spec.organisation.payer_of[self.items.account]

    @cached_property
    def payer_account_id(self) -> pa.Array:
        return take(self.spec.organisation.id_array, self._payer)

    @cached_property
    def payer_account_name(self) -> pa.Array:
        return take(self.spec.organisation.name_array, self._payer)

    @cached_property
    def usage_account_id(self) -> pa.Array:
        return take(self.spec.organisation.id_array, self.items.account)

    @cached_property
    def usage_account_name(self) -> pa.Array:
        return take(self.spec.organisation.name_array, self.items.account)

    @cached_property
    def invoice_id(self) -> pa.Array:
        """Null until the period is invoiced (AWS leaves it blank in the open month)."""
        org = self.spec.organisation
        if self.plan.is_open:
            return pa.nulls(self.n, pa.string())
        ids = pa.array([stable_int("invoice", self.spec.seed, org.ids[p], self.plan.period.label, digits=10)
                        for p in range(org.payers)], pa.string())
        return take(ids, self._payer)

    @cached_property
    def invoicing_entity(self) -> pa.Array:
        org = self.spec.organisation
        return take(pa.array([org.invoicing_entity(p) for p in range(org.payers)], pa.string()), self._payer)

    @cached_property
    def bill_type(self) -> pa.Array:
        return take(_BILL_TYPES, self.items.bill_type)

    @cached_property
    def tax_type(self) -> pa.Array:
        org = self.spec.organisation
        kinds = pa.array(["VAT" if "EMEA" in org.invoicing_entity(p) else "Sales Tax" for p in range(org.payers)],
                         pa.string())
        return take(kinds, self._payer, self.items.is_type(ItemType.TAX))

    # --- time ----------------------------------------------------------------------------------
    @cached_property
    def time_interval(self) -> pa.Array:
        return take(self.plan.grid.interval_text, self.items.interval)

    @cached_property
    def usage_start_text(self) -> pa.Array:
        return take(self.plan.grid.start_text, self.items.interval)

    @cached_property
    def usage_end_text(self) -> pa.Array:
        return take(self.plan.grid.end_text, self.items.interval)

    @cached_property
    def usage_start(self) -> pa.Array:
        return pa.array(self.plan.grid.start_ms[self.items.interval], pa.timestamp("ms"))

    @cached_property
    def usage_end(self) -> pa.Array:
        return pa.array(self.plan.grid.end_ms[self.items.interval], pa.timestamp("ms"))

    def period_bound(self, end: bool) -> pa.Array:
        moment = self.plan.period.end if end else self.plan.period.start
        return pa.array(np.full(self.n, int(moment.timestamp() * 1000), dtype=np.int64), pa.timestamp("ms"))

    # --- line item -----------------------------------------------------------------------------
    @cached_property
    def line_item_type(self) -> pa.Array:
        return take(_ITEM_TYPES, self.items.item_type)

    @cached_property
    def charge_category(self) -> pa.Array:
        return take(_CHARGE_CATEGORIES, self.items.item_type)

    def sku_text(self, column: str, valid: Mask | None = None) -> pa.Array:
        return take(sku_columns()[column], self.items.sku, valid)

    @cached_property
    def _sr(self) -> np.ndarray:
        return sku_region(self.items.sku, self.items.region)

    def region_text(self, column: str, valid: Mask | None = None) -> pa.Array:
        """A (SKU, region) lookup table column from lookups.tables()."""
        return take(getattr(tables(), column), self._sr, valid)

    @cached_property
    def rate_units(self) -> np.ndarray:
        """On-demand rate per unit (units of 1e-10 USD)."""
        return np.asarray(tables().rate_units[self._sr], dtype=np.int64)

    @cached_property
    def product_code(self) -> pa.Array:
        return self.sku_text("service")

    @cached_property
    def usage_type(self) -> pa.Array:
        base = self.region_text("usage_type", self.items.has_usage_type)
        if self.plan.shape != "high-cardinality":
            return base
        # Many usage types ('USE1-BoxUsage:m5.large.3f'): one per pair of lines, so a Savings Plans covered
        # line and its negation (rows 2k and 2k+1 there) keep sharing theirs.
        variant = hex_strings(hash_keys(self.spec.seed, "usage-variant", self.items.row // 2), 2)
        return pc.binary_join_element_wise(pc.cast(base, pa.string()), variant, ".")

    @cached_property
    def operation(self) -> pa.Array:
        return self.sku_text("operation", self.items.has_usage_type)

    @cached_property
    def availability_zone(self) -> pa.Array:
        names, offsets, _ = az_table()
        return take(names, self.items.az, self.items.az != offsets[-1])

    @cached_property
    def description(self) -> pa.Array:
        index = self.items.desc.astype(np.int64) * SKU_COUNT * _REGION_COUNT + self._sr
        return take(tables().description, index)

    @cached_property
    def unit(self) -> pa.Array:
        return self.sku_text("unit", self.is_usage | self.items.is_type(ItemType.RI_FEE))

    @cached_property
    def normalization_factor(self) -> pa.Array:
        nf = _NORMALIZATION[self.items.sku]
        valid = (nf > 0) & self.items.is_type(ItemType.USAGE, ItemType.DISCOUNTED_USAGE, ItemType.RI_FEE)
        return pa.array(nf, mask=~valid)

    @cached_property
    def normalized_usage_amount(self) -> pa.Array:
        nf = _NORMALIZATION[self.items.sku]
        return pc.multiply(pa.array(self.items.usage_amount), self.normalization_factor) if nf.any() else \
            pa.nulls(self.n, pa.float64())

    @cached_property
    def usage_amount(self) -> pa.Array:
        return pa.array(self.items.usage_amount)

    @cached_property
    def unblended_rate(self) -> pa.Array:
        """The rate as text; spot rows at the spot price, reserved usage at 0, charges blank."""
        t = tables()
        size = len(t.rate_units)
        index = np.select([self.items.is_type(ItemType.DISCOUNTED_USAGE), self.items.term == Term.SPOT],
                          [2 * size, size + self._sr], self._sr)
        return take(_rate_texts(), index, self.is_usage | self.is_ri_fee)

    @cached_property
    def public_rate(self) -> pa.Array:
        return self.region_text("rate_text", self.is_usage & ~self.items.is_type(ItemType.SP_NEGATION))

    @cached_property
    def term(self) -> pa.Array:
        return take(_TERMS, self.items.term)

    # --- product -------------------------------------------------------------------------------
    @cached_property
    def region_code(self) -> pa.Array:
        return self.region_text("region_code", self.has_region & (self.items.region != GLOBAL_REGION))

    @cached_property
    def product_region(self) -> pa.Array:
        return self.region_text("region_text", self.has_region)

    @cached_property
    def location(self) -> pa.Array:
        return self.region_text("location", self.has_region)

    @cached_property
    def product_sku(self) -> pa.Array:
        return self.region_text("sku_code", self.items.has_usage_type)

    # --- money ---------------------------------------------------------------------------------
    def money(self, name: str, valid: Mask | None = None) -> pa.Array:
        return self.money_units(getattr(self.items, name), valid)

    @staticmethod
    def money_units(values: np.ndarray, valid: Mask | None = None) -> pa.Array:
        return pa.array(to_float(values), mask=None if valid is None else ~valid)

    # --- commitments ---------------------------------------------------------------------------
    @cached_property
    def commitment_start(self) -> pa.Array:
        """Reservations and Savings Plans started a year before the period (text, as AWS has it)."""
        start = self.plan.period.start
        return constant(f"{start.year - 1}-{start.month:02d}-01T00:00:00.000Z", self.n)

    @cached_property
    def commitment_end(self) -> pa.Array:
        start = self.plan.period.start
        return constant(f"{start.year + 1}-{start.month:02d}-01T00:00:00.000Z", self.n)

    @cached_property
    def subscription_id(self) -> pa.Array:
        return per_distinct(self.items.ri_arn, lambda arn: stable_int("subscription", arn, digits=10))

    # --- tags and cost categories --------------------------------------------------------------
    def tag(self, j: int) -> pa.Array:
        idx = self.items.tags[:, j].astype(np.int64)
        values = pa.array(list(TAG_KEYS[j][1]), pa.string())
        return take(values, np.maximum(idx, 0), idx >= 0)

    @cached_property
    def cost_category_codes(self) -> np.ndarray:
        return cost_category_matrix(self.items.tags, self.items.account, self.spec.organisation)

    def cost_category(self, j: int) -> pa.Array:
        values = pa.array(list(COST_CATEGORIES[j][1]), pa.string())
        return take(values, self.cost_category_codes[:, j].astype(np.int64))
