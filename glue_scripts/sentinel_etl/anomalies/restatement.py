"""A re-delivery re-scores its period: what changed since the anomalies already published for it.

new: first seen in this run, on the first day of its episode; ongoing: first seen in this run, a later day
of an episode; revised: published before with other figures (or withdrawn and back); withdrawn: published
before and no longer anomalous (kept, with the figures it had). An anomaly re-scored to the same figures
keeps its status and when it was first seen, so a re-run of the same delivery changes nothing.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

CENT = Decimal("0.01")


@dataclass(frozen=True)
class AnomalyRow:
    """One row of gold.cost_anomalies."""

    anomaly_id: str
    episode_id: str
    usage_date: date
    usage_account_id: str
    service_code: str
    service: str
    actual_cost: Decimal
    expected_cost: Decimal
    impact: Decimal
    score: float
    status: str
    first_seen_at: datetime
    drivers: str  # JSON: [{dimension, key, actual, expected, impact}]
    episode_start: date

    def same_figures(self, other: AnomalyRow) -> bool:
        return abs(self.actual_cost - other.actual_cost) < CENT and abs(self.expected_cost - other.expected_cost) < CENT


def merge(scored: list[AnomalyRow], published: list[AnomalyRow]) -> list[AnomalyRow]:
    """The period's rows after this run: `scored` (status and first_seen_at still to settle) against what
    was `published` before."""
    before = {row.anomaly_id: row for row in published}
    rows: list[AnomalyRow] = []
    for row in scored:
        old = before.pop(row.anomaly_id, None)
        if old is None:
            status = "new" if row.usage_date == row.episode_start else "ongoing"
            rows.append(dataclasses.replace(row, status=status))
        elif old.status != "withdrawn" and row.same_figures(old):
            rows.append(dataclasses.replace(row, status=old.status, first_seen_at=old.first_seen_at,
                                            actual_cost=old.actual_cost, expected_cost=old.expected_cost,
                                            impact=old.impact))
        else:
            rows.append(dataclasses.replace(row, status="revised", first_seen_at=old.first_seen_at))
    rows.extend(dataclasses.replace(old, status="withdrawn") for old in before.values())
    return sorted(rows, key=lambda r: (r.usage_date, r.usage_account_id, r.service_code))
