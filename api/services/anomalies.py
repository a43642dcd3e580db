"""Anomalies as the API answers them: the list, and one with its drivers and its series against the band.

The band is the detector's own baseline (sentinel_etl.anomalies.baseline), recomputed for each day of the
series from gold.cost_daily, so the chart shows exactly what the day was compared with.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from functools import cache
from typing import Any

from sentinel_etl.anomalies.baseline import expect
from sentinel_etl.anomalies.detection import alert_line
from sentinel_etl.anomalies.rules import DetectionRules

from api.filters import CostFilters
from api.queries.anomalies import (
    AnomalySort,
    check_filters,
    episode_days_query,
    list_query,
    one_query,
    series_query,
)
from api.queries.columns import COST_ANOMALIES
from api.queries.periods import PeriodIndex
from api.schemas import Anomaly, AnomalyDetail, AnomalyDriver, AnomalyList, AnomalySeriesPoint
from api.services.shaping import date_range
from sentinel.engines.base import QueryEngine

DAYS_BEFORE, DAYS_AFTER = 21, 7  # the series shown around an anomaly: four weeks
HISTORY = 120  # days of history read to find the series' first day (the detector needs 14)


class AnomalyNotFound(LookupError):
    pass


@cache
def detection_rules() -> DetectionRules:
    """The rules the pipeline scored with (the same SENTINEL_ANOMALY_* settings)."""
    from sentinel.settings import Settings

    s = Settings()
    return DetectionRules(view=s.anomaly_view, threshold=s.anomaly_threshold, min_impact=s.anomaly_min_impact,
                          min_relative_impact=s.anomaly_min_relative_impact)


def anomalies(engine: QueryEngine, periods: PeriodIndex, f: CostFilters, rules: DetectionRules,
              statuses: tuple[str, ...], min_impact: float | None, sort: AnomalySort, limit: int) -> AnomalyList:
    check_filters(f)
    rows: list[dict[str, Any]] = []
    if engine.has_table(COST_ANOMALIES.name):
        rows = engine.execute(list_query(f, statuses, min_impact, sort, limit)).dicts()
    return AnomalyList(
        view=rules.view, range=date_range(f, periods), matched=int(rows[0]["matched"]) if rows else 0,
        open_impact=float(rows[0]["open_impact"] or 0) if rows else 0.0, anomalies=[anomaly_of(r) for r in rows])


def anomaly(engine: QueryEngine, anomaly_id: str, rules: DetectionRules) -> AnomalyDetail:
    rows = engine.execute(one_query(anomaly_id)).dicts() if engine.has_table(COST_ANOMALIES.name) else []
    if not rows:
        raise AnomalyNotFound(anomaly_id)
    found = anomaly_of(rows[0])
    start, end = found.usage_date - timedelta(days=DAYS_BEFORE), found.usage_date + timedelta(days=DAYS_AFTER)
    history, flagged = engine.execute_many([
        series_query(found.account, found.service_code, start - timedelta(days=HISTORY), end, rules.column),
        episode_days_query(found.account, found.service_code, start, end),
    ])
    costs = {_day(day): float(cost or 0) for day, cost in history.rows}
    flagged_days = {_day(day) for (day,) in flagged.rows}
    present = [d for d, cost in costs.items() if cost != 0]
    first = min(present) if present else found.usage_date
    last = max(costs) if costs else found.usage_date
    series = [_point(costs, day, first, flagged_days, rules)
              for day in (start + timedelta(days=i) for i in range((min(end, last) - start).days + 1))]
    return AnomalyDetail(view=rules.view, anomaly=found, series=series)


def _day(value: Any) -> date:
    return value if isinstance(value, date) and not hasattr(value, "hour") else value.date()


def _point(costs: dict[date, float], day: date, first: date, flagged: set[date],
           rules: DetectionRules) -> AnomalySeriesPoint:
    actual = costs.get(day, 0.0)
    if (day - first).days < rules.min_history_days:
        return AnomalySeriesPoint(usage_date=day, actual=actual, expected=None, low=None, high=None,
                                  flagged=day in flagged)
    e = expect(costs, day, first, rules.window_days)
    high = alert_line(e, rules)
    low = max(0.0, e.expected - rules.threshold * e.spread)
    return AnomalySeriesPoint(usage_date=day, actual=actual, expected=round(e.expected, 6), low=round(low, 6),
                              high=round(high, 6), flagged=day in flagged)


def anomaly_of(row: dict[str, Any]) -> Anomaly:
    return Anomaly(
        anomaly_id=row["anomaly_id"], episode_id=row["episode_id"], usage_date=_day(row["usage_date"]),
        billing_period=row["billing_period"], account=row["usage_account_id"], service_code=row["service_code"],
        service=row["service"], actual_cost=float(row["actual_cost"]), expected_cost=float(row["expected_cost"]),
        impact=float(row["impact"]), score=float(row["score"]), status=row["status"],
        first_seen_at=row["first_seen_at"], episode_start=_day(row["episode_start"]),
        drivers=[AnomalyDriver(**d) for d in json.loads(row["drivers"] or "[]")],
    )
