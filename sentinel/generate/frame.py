"""Column values derived from canonical line items, shared by every format writer.

Writers only choose names, types and null conventions; what a value *is* (an account id, a usage
type, a reservation's unused fee) is decided once here.
"""

from __future__ import annotations

from functools import cached_property

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from sentinel.generate.catalog import ALL_SKUS, COST_CATEGORIES, TAG_KEYS
from sentinel.generate.ids import stable_int
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


def take(values: pa.Array, index: np.ndarray, valid: Mask | None = None) -> pa.Array:
    """values[index], null where `valid` is False."""
    out = values.take(pa.array(index))
    if valid is not None:
        out = pc.if_else(pa.array(valid), out, pa.nulls(len(out), out.type))
    return out


def constant(value: str | None, n: int) -> pa.Array:
    return pa.nulls(n, pa.string()) if value is None else pa.array(np.full(n, value, dtype=object), pa.string())


class Frame:
    """Derived columns of one chunk. Money is returned as float64 dollars (exact to 1e-10, see
    money.py) with nulls where the column does not apply to the row."""

    def __init__(self, items: LineItems, plan: MonthPlan, spec: RunSpec) -> None:
        self.items = items
        self.plan = plan
        self.spec = spec
        self.n = len(items)

    # --- masks -------------------------------------------------------------------------------
    @cached_property
    def is_usage(self) -> Mask:
        return self.items.is_type(ItemType.USAGE, ItemType.DISCOUNTED_USAGE, ItemType.SP_COVERED,
                                  ItemType.SP_NEGATION)

    @cached_property
    def has_reservation(self) -> Mask:
        return self.items.is_type(ItemType.DISCOUNTED_USAGE, ItemType.RI_FEE) | np.asarray(
            self.items.ri_arn.is_valid())

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
        text = pc.if_else(pc.equal(self.invoicing_entity, "Amazon Web Services EMEA SARL"), "VAT", "Sales Tax")
        return pc.if_else(pa.array(self.items.is_type(ItemType.TAX)), text, pa.nulls(self.n, pa.string()))

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
    def product_code(self) -> pa.Array:
        return self.sku_text("service")

    @cached_property
    def usage_type(self) -> pa.Array:
        return self.region_text("usage_type", self.items.has_usage_type)

    @cached_property
    def operation(self) -> pa.Array:
        return self.sku_text("operation", self.items.has_usage_type)

    @cached_property
    def availability_zone(self) -> pa.Array:
        names = az_table()[0]
        return pc.if_else(pc.equal(take(names, self.items.az), ""), pa.nulls(self.n, pa.string()),
                          take(names, self.items.az))

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
        rate = self.region_text("rate_text")
        rate = pc.if_else(pa.array(self.items.term == Term.SPOT), self.region_text("spot_rate_text"), rate)
        rate = pc.if_else(pa.array(self.items.is_type(ItemType.DISCOUNTED_USAGE)), "0.0", rate)
        return pc.if_else(pa.array(self.is_usage | self.is_ri_fee), rate, pa.nulls(self.n, pa.string()))

    @cached_property
    def public_rate(self) -> pa.Array:
        return self.region_text("rate_text", self.is_usage & ~self.items.is_type(ItemType.SP_NEGATION))

    @cached_property
    def term(self) -> pa.Array:
        return take(_TERMS, self.items.term)

    # --- product -------------------------------------------------------------------------------
    @cached_property
    def region_code(self) -> pa.Array:
        code = self.region_text("region_code", self.has_region)
        return pc.if_else(pc.equal(code, ""), pa.nulls(self.n, pa.string()), code)

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
        values = to_float(getattr(self.items, name))
        return pa.array(values, mask=None if valid is None else ~valid)

    # --- commitments ---------------------------------------------------------------------------
    @cached_property
    def reservation_text(self) -> dict[str, pa.Array]:
        """Reservation attributes that are text in AWS's files (counts, dates, ids)."""
        valid = self.has_reservation
        year = self.plan.period.year
        units = pa.array(np.where(self.is_ri_fee, self.items.reserved_units, 0.0))
        hours = float(self.plan.period.hours)
        count = pc.divide(units, hours)
        return {
            "start": constant(f"{year - 1}-{self.plan.period.month:02d}-01T00:00:00.000Z", self.n),
            "end": constant(f"{year}-{self.plan.period.month:02d}-01T00:00:00.000Z", self.n),
            "subscription": pc.utf8_slice_codeunits(pc.replace_substring_regex(self.items.ri_arn, "[^0-9]", ""),
                                                    0, 10),
            "total_units": pc.cast(units, pa.string()),
            "units_per": pc.cast(pa.array(np.full(self.n, hours)), pa.string()),
            "count": pc.cast(pc.cast(count, pa.int64()), pa.string()),
            "modification": constant("Original", self.n),
            "valid": pa.array(valid),
        }

    # --- tags and cost categories --------------------------------------------------------------
    def tag(self, j: int) -> pa.Array:
        idx = self.items.tags[:, j].astype(np.int64)
        values = pa.array(list(TAG_KEYS[j][1]), pa.string())
        return take(values, np.maximum(idx, 0), idx >= 0)

    @cached_property
    def _cost_categories(self) -> np.ndarray:
        return cost_category_matrix(self.items.tags, self.items.account, self.spec.organisation)

    def cost_category(self, j: int) -> pa.Array:
        values = pa.array(list(COST_CATEGORIES[j][1]), pa.string())
        return take(values, self._cost_categories[:, j].astype(np.int64))
