"""One export per bill: which delivery silver takes each bill from, when several exports carry it.

A bill is one payer's billing period from one provider. Several exports can carry the same bill (a legacy
CUR report beside a CUR 2.0 export during a migration, a FOCUS export beside either): summing them would
count the money twice, so each bill is taken from exactly one export, by a stated preference, or from the
export the user pins for that payer. The others stay in raw and are reported beside the chosen one.
Pure: the job gives it each delivery's bills and their totals (from one scan) and gets back the choice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sentinel_etl.money import MoneyTotals

# Formats by preference for AWS bills (FOCUS is the only format for other providers, so it is always taken
# there): CUR 2.0 is the current export, the legacy Parquet report is typed, FOCUS has no net cost.
DEFAULT_PREFERENCE = ("cur2", "legacy_cur_parquet", "legacy_cur_csv", "focus")


@dataclass(frozen=True, order=True)
class Bill:
    provider: str
    payer: str

    def __str__(self) -> str:
        return f"{self.provider} payer {self.payer or '(none)'}"


@dataclass(frozen=True)
class Candidate:
    """One delivery offered to silver (the newest of its export) and the bills it holds."""

    delivery_id: str
    export_name: str
    format: str
    bills: dict[Bill, MoneyTotals]


@dataclass(frozen=True)
class BillChoice:
    bill: Bill
    chosen: Candidate
    set_aside: list[Candidate] = field(default_factory=list)
    reason: str = "preferred format"

    def as_dict(self) -> dict[str, object]:
        def entry(candidate: Candidate) -> dict[str, object]:
            totals = candidate.bills[self.bill]
            return {"export": candidate.export_name, "delivery_id": candidate.delivery_id,
                    "format": candidate.format, "rows": totals.rows, "unblended_cost": str(totals.unblended),
                    "amortized_cost": str(totals.amortized)}

        return {"provider": self.bill.provider, "payer": self.bill.payer, "reason": self.reason,
                "chosen": entry(self.chosen), "set_aside": [entry(c) for c in self.set_aside]}

    def disagreements(self) -> list[str]:
        """Set-aside exports whose billed total differs from the chosen one's by a cent or more."""
        chosen = self.chosen.bills[self.bill].unblended
        problems = []
        for other in self.set_aside:
            theirs = other.bills[self.bill].unblended
            if abs(theirs - chosen) >= Decimal("0.01"):
                problems.append(f"{self.bill}: {self.chosen.export_name} ({self.chosen.format}) bills {chosen:.2f}, "
                                f"{other.export_name} ({other.format}) bills {theirs:.2f}")
        return problems


def parse_pins(text: str) -> dict[str, str]:
    """`payer=export[,payer=export...]`: the export to take a payer's bills from, whatever the preference."""
    pins: dict[str, str] = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        payer, separator, export = item.partition("=")
        if not separator or not payer.strip() or not export.strip():
            raise ValueError(f"export pin {item!r} is not payer=export")
        pins[payer.strip()] = export.strip()
    return pins


def choose_exports(candidates: list[Candidate], preference: tuple[str, ...] = DEFAULT_PREFERENCE,
                   pins: dict[str, str] | None = None) -> list[BillChoice]:
    """For every bill any candidate holds: the pinned export, else the most preferred format, then the
    export name (so the choice never depends on the order deliveries arrived in)."""
    pins = pins or {}
    rank = {name: index for index, name in enumerate(preference)}
    choices = []
    for bill in sorted({bill for candidate in candidates for bill in candidate.bills}):
        holders = [c for c in candidates if bill in c.bills]
        pinned = pins.get(bill.payer)

        def order(candidate: Candidate, pinned: str | None = pinned) -> tuple[bool, int, str]:
            return candidate.export_name != pinned, rank.get(candidate.format, len(rank)), candidate.export_name

        holders.sort(key=order)
        chosen = holders[0]
        reason = "pinned" if pinned == chosen.export_name else (
            "only export" if len(holders) == 1 else "preferred format")
        choices.append(BillChoice(bill, chosen, holders[1:], reason))
    return choices
