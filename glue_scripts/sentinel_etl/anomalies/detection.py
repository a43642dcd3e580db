"""Which days of a series are anomalous, and which flagged days belong together (episodes)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from sentinel_etl.anomalies.baseline import Expectation, expect
from sentinel_etl.anomalies.rules import DetectionRules


@dataclass(frozen=True)
class SeriesKey:
    usage_account_id: str
    service_code: str
    service: str


@dataclass(frozen=True)
class Flagged:
    series: SeriesKey
    expectation: Expectation
    episode_start: date

    @property
    def anomaly_id(self) -> str:
        return stable_id("anomaly", self.series, self.expectation.day)

    @property
    def episode_id(self) -> str:
        return stable_id("episode", self.series, self.episode_start)


def stable_id(kind: str, series: SeriesKey, day: date) -> str:
    """The same series and day give the same id in every run and on every engine."""
    text = f"{kind}|{series.usage_account_id}|{series.service_code}|{day.isoformat()}"
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def alert_line(e: Expectation, rules: DetectionRules) -> float:
    """The cost from which the day alerts: its score passes the threshold and its impact both floors."""
    floor = max(rules.min_impact, rules.min_relative_impact * abs(e.level))
    return e.expected + max(rules.threshold * e.spread, floor)


def is_flagged(e: Expectation, rules: DetectionRules) -> bool:
    """Increases only."""
    return e.actual >= alert_line(e, rules)


def flag_series(series: SeriesKey, costs: dict[date, float], days: Iterable[date],
                rules: DetectionRules) -> list[Flagged]:
    """The flagged days among `days` (in order), each with the first day of its episode: consecutive
    flagged days are one episode, so a level shift or a burst is one anomaly to act on, not one per day."""
    present = [d for d, cost in costs.items() if cost != 0]
    if not present:
        return []
    first_day = min(present)
    flagged: list[Flagged] = []
    previous: Flagged | None = None
    for day in sorted(days):
        if (day - first_day).days < rules.min_history_days:
            previous = None
            continue
        expectation = expect(costs, day, first_day, rules.window_days)
        if not is_flagged(expectation, rules):
            previous = None
            continue
        continues = previous is not None and previous.expectation.day == day - timedelta(days=1)
        start = previous.episode_start if continues and previous is not None else day
        previous = Flagged(series, expectation, start)
        flagged.append(previous)
    return flagged
