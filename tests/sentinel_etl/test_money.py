"""One money-totals type: exact sums, exact comparison, and a lossless trip through metadata."""

from __future__ import annotations

import json
from decimal import Decimal

from sentinel_etl.money import MoneyTotals, differences


def test_a_difference_in_the_tenth_place_is_reported() -> None:
    raw = MoneyTotals(rows=2, unblended=Decimal("1.0000000000"))
    assert differences(raw, MoneyTotals(rows=2, unblended=Decimal("1.00"))) == []
    assert differences(raw, MoneyTotals(rows=2, unblended=Decimal("0.9999999999")), "silver vs raw:") == [
        "silver vs raw: unblended 0.9999999999 != 1.0000000000 (by -1E-10)"]
    assert differences(raw, MoneyTotals(rows=3, unblended=Decimal(1))) == ["rows 3 != 2"]


def test_an_unknown_figure_is_not_compared_and_stays_unknown_when_added() -> None:
    raw = MoneyTotals(rows=1, unblended=Decimal(1), amortized=None)
    silver = MoneyTotals(rows=1, unblended=Decimal(1), amortized=Decimal(9))
    assert differences(raw, silver) == []
    assert (raw + silver).amortized is None and (silver + silver).amortized == Decimal(18)


def test_metadata_keeps_every_digit_of_a_large_bill() -> None:
    """28 digits before the point and 10 after: a float would keep 17 significant digits."""
    big = MoneyTotals(rows=12_000_000, unblended=Decimal("123456789012345678.0123456789"),
                      amortized=Decimal("-0.0000000001"), public=Decimal("98765432109876543210.5"))
    again = MoneyTotals.from_dict(json.loads(json.dumps(big.as_dict())))
    assert again == big and differences(big, again) == []


def test_net_unblended_is_compared_where_both_sides_know_it() -> None:
    generated = MoneyTotals(rows=1, unblended=Decimal(2), net_unblended=Decimal("1.5"))
    assert differences(generated, MoneyTotals(rows=1, unblended=Decimal(2))) == []  # the lake's checks do not sum it
    assert differences(generated, MoneyTotals(rows=1, unblended=Decimal(2), net_unblended=Decimal(2))) == [
        "net_unblended 2 != 1.5 (by 0.5)"]
    assert (generated + generated).net_unblended == Decimal(3)
    assert (generated + MoneyTotals()).net_unblended is None
    assert MoneyTotals.from_dict(json.loads(json.dumps(generated.as_dict()))) == generated
    assert "net_unblended" not in MoneyTotals().as_dict()  # metadata written before keeps its shape
