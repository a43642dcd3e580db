"""Expected totals: exact sums (integer units of 1e-10 USD) of what each delivery contains.

They are summed from the canonical line items, not read back from the written files, so a test that
sums the files with SQL checks the writers and the pipeline independently of the generator's maths.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from sentinel.generate.items import LineItems
from sentinel.generate.money import decimal_text, exact_sum


@dataclass
class Totals:
    rows: int = 0
    unblended: int = 0
    net_unblended: int = 0
    amortized: int = 0
    public: int = 0

    def add(self, items: LineItems) -> None:
        self.add_sums(len(items), exact_sum(items.unblended), exact_sum(items.net_unblended),
                      exact_sum(items.amortized), exact_sum(items.public))

    def add_sums(self, rows: int, unblended: int, net_unblended: int, amortized: int, public: int) -> None:
        self.rows += rows
        self.unblended += unblended
        self.net_unblended += net_unblended
        self.amortized += amortized
        self.public += public

    def to_json(self, with_net: bool) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "unblended_cost": decimal_text(self.unblended),
            "net_unblended_cost": decimal_text(self.net_unblended) if with_net else None,
            "amortized_cost": decimal_text(self.amortized),
            "public_cost": decimal_text(self.public),
        }


@dataclass
class DeliveryTotals:
    """Totals of one delivery, overall and per provider (FOCUS carries several providers)."""

    with_net: bool
    total: Totals = field(default_factory=Totals)
    providers: dict[str, Totals] = field(default_factory=dict)

    def add(self, items: LineItems, provider: str = "AWS") -> None:
        self.total.add(items)
        self.providers.setdefault(provider, Totals()).add(items)

    def add_sums(self, provider: str, rows: int, billed: int, effective: int, listed: int) -> None:
        """Rows of another provider (no net unblended: it counts as equal to billed)."""
        self.total.add_sums(rows, billed, billed, effective, listed)
        self.providers.setdefault(provider, Totals()).add_sums(rows, billed, billed, effective, listed)

    def to_json(self) -> dict[str, Any]:
        out = self.total.to_json(self.with_net)
        out["providers"] = {name: t.to_json(self.with_net) for name, t in sorted(self.providers.items())}
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
