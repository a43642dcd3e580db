"""Expected totals: exact sums (sentinel_etl.money.MoneyTotals) of what each delivery contains.

They are summed from the canonical line items, not read back from the written files, so a test that
sums the files with SQL checks the writers and the pipeline independently of the generator's maths.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from sentinel_etl.money import MoneyTotals, to_money

from sentinel.generate.items import LineItems
from sentinel.generate.money import exact_sum, to_decimal

# Every figure known, from zero: the generator knows net unblended too (None would mean "not known").
NOTHING = MoneyTotals(net_unblended=Decimal(0))


def _totals(rows: int, unblended: int, net_unblended: int, amortized: int, public: int) -> MoneyTotals:
    """Integer sums in 1e-10 USD as exact DECIMAL(38,10) totals."""
    return MoneyTotals(rows, to_decimal(unblended), to_decimal(amortized), to_decimal(public),
                       to_decimal(net_unblended))


def totals_json(totals: MoneyTotals, with_net: bool) -> dict[str, Any]:
    """The figures as expected_totals.json writes them: fixed 10-decimal text."""
    def text(value: Decimal | None) -> str:
        return f"{to_money(value):f}"

    return {
        "rows": totals.rows,
        "unblended_cost": text(totals.unblended),
        "net_unblended_cost": text(totals.net_unblended) if with_net else None,
        "amortized_cost": text(totals.amortized),
        "public_cost": text(totals.public),
    }


@dataclass
class DeliveryTotals:
    """Totals of one delivery, overall and per provider (FOCUS carries several providers)."""

    with_net: bool
    total: MoneyTotals = NOTHING
    providers: dict[str, MoneyTotals] = field(default_factory=dict)

    def _add(self, provider: str, totals: MoneyTotals) -> None:
        self.total = self.total + totals
        self.providers[provider] = self.providers.get(provider, NOTHING) + totals

    def add(self, items: LineItems, provider: str = "AWS") -> None:
        self._add(provider, _totals(len(items), exact_sum(items.unblended), exact_sum(items.net_unblended),
                                    exact_sum(items.amortized), exact_sum(items.public)))

    def add_sums(self, provider: str, rows: int, billed: int, effective: int, listed: int) -> None:
        """Rows of another provider (no net unblended: it counts as equal to billed)."""
        self._add(provider, _totals(rows, billed, billed, effective, listed))

    def to_json(self) -> dict[str, Any]:
        out = totals_json(self.total, self.with_net)
        out["providers"] = {name: totals_json(t, self.with_net) for name, t in sorted(self.providers.items())}
        return out


def write_expected(path: Path, document: dict[str, Any]) -> None:
    path.write_text(json.dumps(document, indent=2, sort_keys=False) + "\n")


def render_table(document: dict[str, Any], console: Console) -> None:
    """Print the current delivery of each (format, period) as a table."""
    table = Table(title="Expected totals (current deliveries)")
    for name in ("format", "period", "rows", "unblended", "net unblended", "amortized", "public on-demand"):
        table.add_column(name, justify="right" if name not in ("format", "period") else "left", overflow="fold")
    for fmt, periods in document["formats"].items():
        for period, entry in periods.items():
            t = entry["totals"]
            table.add_row(fmt, period, f"{t['rows']:,}", t["unblended_cost"], t["net_unblended_cost"] or "-",
                          t["amortized_cost"], t["public_cost"])
    console.print(table)
