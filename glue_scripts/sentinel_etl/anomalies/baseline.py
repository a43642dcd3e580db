"""The expected cost of a day and how far from it the day is, from the series' own recent past.

Level L: the median of the window's days (28 by default; days without cost count as zero). Day-of-week
factor w: the median, over the window's days of the same kind (Saturday and Sunday, or a workday), of
cost / L, since weekends cost less; two kinds rather than seven, so each factor rests on 8 or 20 days,
not 4. The
expected cost is L × w. Spread S: the larger of 1.4826 × the median absolute deviation of the window's
residuals (cost − L × w of its kind of day) and their 80th percentile absolute deviation ÷ 1.2816 (both
are σ for normal noise; the second keeps the heavier tails of real cost series, while a spike or shift
must fill a fifth of the window before it widens the spread), and the distance from their median to their
90th percentile ÷ 1.2816 (cost noise is skewed upwards: a volatile series' ordinary high days must not
alert, and a burst that filled a tenth of the window makes the next weeks less sensitive, not noisy); for an intermittent series (no cost on most days of the window) the scaled
MAD of its days with cost, so its occasional days are not each a surprise. A past spike moves neither the
level nor the spread much: medians ignore up to half the window.
The score is (actual − expected) / S. The series' typical cost, which the relative impact floor is
measured against, is the mean of the window without its highest tenth of days. Medians ignore up to half the window being odd, which is why a level shift stops
alerting once it has lasted half the window: it has become the level.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date, timedelta

MAD_TO_SIGMA = 1.4826  # the MAD of normal noise times this is its standard deviation
P80_TO_SIGMA = 1 / 1.2816  # 80% of normal noise lies within 1.2816 σ of its median
P90_TO_SIGMA = 1 / 1.2816  # and 90% below 1.2816 σ above it
MIN_SPREAD_SHARE = 0.02  # a flat series still has a spread: 2% of its level (and a cent)


@dataclass(frozen=True)
class Expectation:
    day: date
    actual: float
    expected: float
    spread: float
    level: float  # the series' typical daily cost (for the relative impact floor)

    @property
    def impact(self) -> float:
        return self.actual - self.expected

    @property
    def score(self) -> float:
        return self.impact / self.spread


def expect(costs: dict[date, float], day: date, first_day: date, window_days: int) -> Expectation:
    """The expectation for `day` from the `window_days` before it (none before `first_day`, the series'
    first day with cost)."""
    start = max(first_day, day - timedelta(days=window_days))
    window = [start + timedelta(days=i) for i in range((day - start).days)]
    values = [costs.get(d, 0.0) for d in window]
    level = statistics.median(values)
    factors = _weekday_factors(window, costs, level)
    expected = level * factors.get(_kind(day), 1.0)
    residuals = [costs.get(d, 0.0) - level * factors.get(_kind(d), 1.0) for d in window]
    centre = statistics.median(residuals)
    deviations = sorted(abs(r - centre) for r in residuals)
    mad = statistics.median(deviations)
    p80 = deviations[min(len(deviations) - 1, int(0.8 * len(deviations)))]
    upper = sorted(residuals)[min(len(residuals) - 1, int(0.9 * len(residuals)))] - centre
    with_cost = [v for v in values if v != 0]
    if len(with_cost) < len(values) / 2 and len(with_cost) >= 2:  # intermittent: spread of its days with cost
        typical_day = statistics.median(with_cost)
        mad = max(mad, statistics.median(abs(v - typical_day) for v in with_cost), typical_day / 2)
    spread = max(MAD_TO_SIGMA * mad, P80_TO_SIGMA * p80, P90_TO_SIGMA * upper, MIN_SPREAD_SHARE * abs(level), 0.01)
    typical = sorted(values)[: max(1, len(values) - len(values) // 10)]
    return Expectation(day, costs.get(day, 0.0), expected, spread, max(level, sum(typical) / len(typical)))



def _kind(day: date) -> bool:
    return day.weekday() >= 5  # Saturday, Sunday


def _weekday_factors(window: list[date], costs: dict[date, float], level: float) -> dict[bool, float]:
    if level <= 0:
        return {}
    by_weekday: dict[bool, list[float]] = {}
    for d in window:
        by_weekday.setdefault(_kind(d), []).append(costs.get(d, 0.0) / level)
    return {weekday: statistics.median(ratios) for weekday, ratios in by_weekday.items()}
