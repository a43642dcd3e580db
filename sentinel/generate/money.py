"""Money as int64 counts of 1e-10 dollars: exact sums, and exact DECIMAL(38,10) round trips.

Every row amount stays below MAX_ROW_UNITS ($90,000): a value with at most 15 significant digits
survives float64 and its shortest text form exactly, so DOUBLE columns and CSV text both cast back
to the same DECIMAL(38,10) value.
"""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

UNITS_PER_DOLLAR = 10**10
MAX_ROW_UNITS = 90_000 * UNITS_PER_DOLLAR
_SCALE = Decimal(1).scaleb(-10)

Units = npt.NDArray[np.int64]


def units(price: str) -> int:
    """Exact units of a decimal price string ('0.096' -> 960000000)."""
    value = Decimal(price).scaleb(10)
    if value != value.to_integral_value():
        raise ValueError(f"{price} has more than 10 decimal places")
    return int(value)


def exact_sum(values: Units) -> int:
    """Exact integer sum of an int64 array: sum the high and low 32-bit halves separately so
    no partial sum can overflow int64, whatever the row count."""
    if values.size == 0:
        return 0
    hi = int((values >> 32).sum(dtype=np.int64))
    lo = int((values & 0xFFFFFFFF).sum(dtype=np.int64))
    return (hi << 32) + lo


def to_decimal(total: int) -> Decimal:
    return (Decimal(total) * _SCALE).quantize(_SCALE)


def to_float(values: Units) -> npt.NDArray[np.float64]:
    return values.astype(np.float64) / float(UNITS_PER_DOLLAR)


def double_text(values: pa.Array) -> pa.Array:
    """Numbers as text the way AWS's CSV shows them ('21.6', '1.81E-8'): Arrow's shortest
    round-trip form with an upper-case exponent."""
    return pc.ascii_upper(pc.cast(values, pa.string()))
