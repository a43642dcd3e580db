"""One money-totals type for every layer: a row count and exact sums at DECIMAL(38,10), and one comparison.

Every figure Sentinel sums is a DECIMAL(38,10) value, so totals are exact and compare by equality; they
travel as decimal text (never floats) wherever they are recorded and read back.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Context, Decimal, Inexact, InvalidOperation, Overflow

# The money columns of silver and gold, one per cost view (docs/schema.md, "Money").
MONEY_COLUMNS = ("unblended_cost", "net_unblended_cost", "amortized_cost", "public_cost")

# DECIMAL(38,10): 38 digits, 10 of them after the point.
INTEGER_DIGITS, SCALE_DIGITS = 28, 10
SCALE = Decimal(1).scaleb(-SCALE_DIGITS)
# Python's default context keeps 28 digits and rounds silently; DECIMAL(38,10) sums need 38 and more as
# they grow. Every operation here is exact or raises.
EXACT = Context(prec=76, traps=[Inexact, InvalidOperation, Overflow])


def to_money(value: object) -> Decimal:
    """An engine's sum (decimal text, Decimal, int) at DECIMAL(38,10)'s scale; NULL or '' is 0."""
    return Decimal(0) if value in (None, "") else Decimal(str(value)).quantize(SCALE, context=EXACT)


@dataclass(frozen=True)
class MoneyTotals:
    rows: int = 0
    unblended: Decimal = Decimal(0)
    amortized: Decimal | None = Decimal(0)  # None: not known (raw files read without the CUR CASE logic)
    public: Decimal = Decimal(0)
    net_unblended: Decimal | None = None  # known where it is computed (the generator), not summed by the checks

    def __add__(self, other: MoneyTotals) -> MoneyTotals:
        return MoneyTotals(self.rows + other.rows, EXACT.add(self.unblended, other.unblended),
                           _add_known(self.amortized, other.amortized), EXACT.add(self.public, other.public),
                           _add_known(self.net_unblended, other.net_unblended))

    def as_dict(self) -> dict[str, int | str | None]:
        """For metadata: money as exact decimal text, so reading it back loses nothing."""
        values: dict[str, int | str | None] = {
            "rows": self.rows, "unblended": str(self.unblended),
            "amortized": None if self.amortized is None else str(self.amortized), "public": str(self.public)}
        if self.net_unblended is not None:
            values["net_unblended"] = str(self.net_unblended)
        return values

    @classmethod
    def from_dict(cls, values: dict[str, object]) -> MoneyTotals:
        amortized, net = values.get("amortized"), values.get("net_unblended")
        return cls(int(str(values.get("rows") or 0)), to_money(values.get("unblended")),
                   None if amortized is None else to_money(amortized), to_money(values.get("public")),
                   None if net is None else to_money(net))


def _add_known(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    return None if a is None or b is None else EXACT.add(a, b)


def differences(expected: MoneyTotals, actual: MoneyTotals, name: str = "") -> list[str]:
    """Every figure that differs at all, named `<name> <figure>` (a figure unknown on a side is skipped)."""
    prefix = f"{name} " if name else ""
    problems = [f"{prefix}rows {actual.rows} != {expected.rows}"] if actual.rows != expected.rows else []
    for figure in ("unblended", "net_unblended", "amortized", "public"):
        want, got = getattr(expected, figure), getattr(actual, figure)
        if want is not None and got is not None and want != got:
            problems.append(f"{prefix}{figure} {got} != {want} (by {EXACT.subtract(got, want)})")
    return problems
