"""The jobs' own reconciliation: sums at DECIMAL(38,10) compare exactly."""

from __future__ import annotations

from decimal import Decimal

from sentinel_etl.raw_profile import PeriodTotals
from sentinel_etl.reconcile import differences


def test_a_difference_in_the_tenth_place_is_reported() -> None:
    raw = PeriodTotals(rows=2, unblended=Decimal("1.0000000000"), amortized=Decimal(1), public=Decimal(1))
    same = PeriodTotals(rows=2, unblended=Decimal("1.00"), amortized=Decimal(1), public=Decimal(1))
    off = PeriodTotals(rows=2, unblended=Decimal("0.9999999999"), amortized=Decimal(1), public=Decimal(1))
    assert differences(raw, same) == []
    assert differences(raw, off) == ["unblended 0.9999999999 != 1.0000000000 (by -1E-10)"]
