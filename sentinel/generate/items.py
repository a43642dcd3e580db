"""The canonical line items every format is written from: one chunk of rows as numpy columns."""

from __future__ import annotations

from dataclasses import dataclass, fields
from enum import IntEnum

import numpy as np
import numpy.typing as npt
import pyarrow as pa

I64 = npt.NDArray[np.int64]
F64 = npt.NDArray[np.float64]
I8 = npt.NDArray[np.int8]
Mask = npt.NDArray[np.bool_]


class ItemType(IntEnum):
    USAGE = 0
    DISCOUNTED_USAGE = 1
    SP_COVERED = 2
    SP_NEGATION = 3
    TAX = 4
    CREDIT = 5
    REFUND = 6
    FEE = 7
    RI_FEE = 8
    SP_FEE = 9


ITEM_TYPE_NAMES = (
    "Usage", "DiscountedUsage", "SavingsPlanCoveredUsage", "SavingsPlanNegation", "Tax", "Credit", "Refund",
    "Fee", "RIFee", "SavingsPlanRecurringFee",
)
# FOCUS ChargeCategory, as docs/schema.md derives it from the line item type
CHARGE_CATEGORIES = ("Usage", "Usage", "Usage", "Usage", "Tax", "Credit", "Credit", "Purchase", "Purchase", "Purchase")


class Term(IntEnum):
    NONE = 0
    ON_DEMAND = 1
    RESERVED = 2
    SPOT = 3


TERM_NAMES = ("", "OnDemand", "Reserved", "Spot")


class BillType(IntEnum):
    ANNIVERSARY = 0
    PURCHASE = 1
    REFUND = 2


BILL_TYPE_NAMES = ("Anniversary", "Purchase", "Refund")

MONEY_FIELDS = (
    "unblended",
    "net_unblended",
    "public",
    "amortized",
    "ri_effective",
    "ri_upfront_for_usage",
    "ri_recurring_for_usage",
    "ri_upfront_fee_bp",
    "ri_unused_upfront_fee_bp",
    "ri_unused_recurring",
    "sp_effective",
    "sp_total_commitment",
    "sp_used_commitment",
    "sp_recurring_commitment",
)


def _dense(values: pa.Array) -> pa.Array:
    return values.cast(pa.string()) if pa.types.is_dictionary(values.type) else values


@dataclass(frozen=True)
class LineItems:
    """A chunk of canonical rows. Money columns are int64 units of 1e-10 USD (see money.py);
    code columns index the catalog and lookup tables; text that varies per resource is Arrow."""

    row: I64  # row number within the delivery
    item_type: I8
    bill_type: I8
    term: I8
    desc: I8  # lookups.Desc
    interval: I64  # IntervalGrid index; grid.count means the whole period
    account: I64
    sku: I64
    region: I64
    az: I64  # index into lookups.az_table()
    regionless: Mask  # taxes, credits and account-level fees have no product region
    has_usage_type: Mask
    usage_amount: F64
    reserved_units: F64  # RIFee: units reserved; RIFee/usage: units unused in unused_units
    unused_units: F64
    tags: npt.NDArray[np.int8]  # (n, len(TAG_KEYS)): value index, -1 when the tag is absent
    line_item_id: pa.Array
    resource_id: pa.Array
    ri_arn: pa.Array
    sp_arn: pa.Array
    unblended: I64
    net_unblended: I64
    public: I64
    amortized: I64
    ri_effective: I64
    ri_upfront_for_usage: I64
    ri_recurring_for_usage: I64
    ri_upfront_fee_bp: I64
    ri_unused_upfront_fee_bp: I64
    ri_unused_recurring: I64
    sp_effective: I64
    sp_total_commitment: I64
    sp_used_commitment: I64
    sp_recurring_commitment: I64

    def __len__(self) -> int:
        return len(self.row)

    def is_type(self, *types: ItemType) -> Mask:
        return np.isin(self.item_type, np.array([int(t) for t in types], dtype=np.int8))

    def slice(self, start: int, stop: int) -> LineItems:
        if start == 0 and stop == len(self):
            return self
        values = {}
        for f in fields(self):
            v = getattr(self, f.name)
            values[f.name] = v.slice(start, stop - start) if isinstance(v, pa.Array) else v[start:stop]
        return LineItems(**values)

    def take(self, index: I64) -> LineItems:
        """The rows at `index` (used to drop rows a format does not carry)."""
        values = {}
        for f in fields(self):
            v = getattr(self, f.name)
            values[f.name] = v.take(pa.array(index)) if isinstance(v, pa.Array) else v[index]
        return LineItems(**values)

    @staticmethod
    def concat(parts: list[LineItems]) -> LineItems:
        if len(parts) == 1:
            return parts[0]
        values = {}
        for f in fields(LineItems):
            vs = [getattr(p, f.name) for p in parts]
            if isinstance(vs[0], pa.Array):  # decode: the parts' dictionaries differ
                values[f.name] = pa.concat_arrays([_dense(v) for v in vs])
            else:
                values[f.name] = np.concatenate(vs)
        return LineItems(**values)
