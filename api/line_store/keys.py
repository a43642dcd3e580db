"""Sort and filter keys of the audit-log copies, computed the same way when a copy is built and served."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal, localcontext

import numpy as np
import pyarrow as pa

from api.columnar import text_codes, unscaled_int64
from api.queries.line_item_columns import SortKey

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
INT_LIMIT = 2**62  # keys are negated for descending order: stay clear of int64's edge
MONEY_COLUMNS = ("unblended_cost", "net_unblended_cost", "amortized_cost", "public_cost")
TEXT_SORTS = {
    SortKey.service: "service_name", SortKey.account: "usage_account_id", SortKey.region: "region",
    SortKey.resource_id: "resource_id", SortKey.usage_type: "usage_type", SortKey.operation: "operation",
}
TEXT_SORT_COLUMNS = tuple(TEXT_SORTS.values())
# Each of these has its key order stored in the copy (ORDER_PREFIX + column), computed when it is built.
ORDERED_COLUMNS = (*MONEY_COLUMNS, "usage_amount", *TEXT_SORT_COLUMNS)
ORDER_PREFIX = "_order_"
KEY_PREFIX = "_key_"  # money as exact unscaled int64


class Unsupported(ValueError):
    """The column holds values the copy cannot order exactly like SQL (the engine answers instead)."""


@dataclass(frozen=True, eq=False)
class Coded:
    """A text column as ranks in byte order, null read as '' (the pages' coalesce(column, ''))."""

    codes: np.ndarray
    labels: list[str]  # sorted; codes index it

    def allowed(self, values: tuple[str, ...]) -> np.ndarray:
        """Which codes are in values (`column IN (...)`, or null when '' is among them)."""
        mask = np.zeros(len(self.labels), dtype=bool)
        for value in values:
            at = bisect_left(self.labels, value)
            if at < len(self.labels) and self.labels[at] == value:
                mask[at] = True
        return mask

    def bound(self, value: str, ascending: bool) -> int:
        """The code bound of `key >= value` (ascending) or `key <= value` (descending)."""
        return bisect_left(self.labels, value) if ascending else bisect_right(self.labels, value) - 1


def encode_text(array: pa.Array) -> Coded:
    codes, labels = text_codes(array)
    return Coded(codes, labels)


def exact_money(array: pa.Array) -> np.ndarray:
    """coalesce(column, 0) as unscaled int64, within 62 bits (descending order negates it)."""
    found = unscaled_int64(array)
    if found is None or np.abs(found[0]).max(initial=0) >= INT_LIMIT:
        raise Unsupported("money that is not a decimal within 62 bits")
    return found[0]


def float_keys(array: pa.Array) -> np.ndarray:
    """coalesce(column, 0) as float64."""
    values = array.cast(pa.float64()).fill_null(0.0).to_numpy(zero_copy_only=False)
    if np.isnan(values).any():
        raise Unsupported("NaN, which SQL orders apart")
    return values


def sort_keys(name: str, array: pa.Array) -> np.ndarray:
    """The values a column's rows are ordered by (text as ranks in byte order)."""
    if name in MONEY_COLUMNS:
        return exact_money(array)
    if name == "usage_amount":
        return float_keys(array)
    return encode_text(array).codes


def decimal_bound(value: Decimal, scale: int, ascending: bool) -> int:
    """The unscaled bound of `key >= value` (ascending) or `key <= value` (descending), clamped."""
    with localcontext() as context:
        context.prec = 200
        scaled = value.scaleb(scale).to_integral_value(rounding=ROUND_CEILING if ascending else ROUND_FLOOR)
    return max(-INT_LIMIT, min(INT_LIMIT, int(scaled)))


def micros(value: datetime) -> int:
    aware = value if value.tzinfo else value.replace(tzinfo=UTC)
    delta = aware - EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds
