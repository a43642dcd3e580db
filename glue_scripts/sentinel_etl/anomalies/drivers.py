"""What drove an anomaly: the usage types, regions and resources whose cost on the day rose most over
their own median of the baseline window (days without cost count as zero)."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date, timedelta

TOP_DRIVERS = 3  # per dimension


@dataclass(frozen=True)
class Driver:
    dimension: str  # usage_type | region | resource
    key: str
    actual: float
    expected: float

    @property
    def impact(self) -> float:
        return self.actual - self.expected

    def as_json(self) -> dict[str, object]:
        return {"dimension": self.dimension, "key": self.key, "actual": round(self.actual, 6),
                "expected": round(self.expected, 6), "impact": round(self.impact, 6)}


# dimension -> key -> day -> cost, for one series
Breakdown = dict[str, dict[str, dict[date, float]]]


def top_drivers(breakdown: Breakdown, day: date, window_start: date) -> list[Driver]:
    """The keys of each dimension with the largest positive impact on `day`, biggest first."""
    window = [window_start + timedelta(days=i) for i in range((day - window_start).days)]
    drivers: list[Driver] = []
    for dimension, keys in breakdown.items():
        ranked = []
        for key, costs in keys.items():
            expected = statistics.median([costs.get(d, 0.0) for d in window]) if window else 0.0
            driver = Driver(dimension, key, costs.get(day, 0.0), expected)
            if driver.impact > 0:
                ranked.append(driver)
        ranked.sort(key=lambda d: (-d.impact, d.key))
        drivers.extend(ranked[:TOP_DRIVERS])
    return drivers
