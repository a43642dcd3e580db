"""Anomalies from gold.cost_anomalies, and the daily usage series behind one (gold.cost_daily)."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from api.filters import CostFilters, Sql, invalid, where
from api.queries.columns import COST_ANOMALIES, COST_DAILY, Dimension
from sentinel.engines.base import Query, placeholders

ANOMALY_COLUMNS = ("anomaly_id", "episode_id", "usage_date", "billing_period", "usage_account_id", "service_code",
                   "service", "actual_cost", "expected_cost", "impact", "score", "status", "first_seen_at",
                   "drivers", "episode_start")
# What an anomaly can be filtered on: its own columns (the series is an account and a service).
ANOMALY_FILTERS = frozenset(COST_ANOMALIES.columns)
STATUSES = ("new", "ongoing", "revised", "withdrawn")


class AnomalySort(StrEnum):
    impact = "impact"
    date = "date"


def check_filters(f: CostFilters) -> None:
    extra = sorted(d.value for d in f.dimensions - ANOMALY_FILTERS)
    if extra or f.tags:
        names = ", ".join(sorted(d.value for d in ANOMALY_FILTERS))
        raise invalid(extra[0] if extra else "tag", f"anomalies filter on {names} and the date range only")


def list_query(f: CostFilters, statuses: tuple[str, ...], min_impact: float | None, sort: AnomalySort,
               limit: int) -> Query:
    parts = [where(f, COST_ANOMALIES, tags=False)]
    if statuses:
        parts.append(Sql(f"status IN ({placeholders(len(statuses))})", statuses))
    if min_impact is not None:
        parts.append(Sql("impact >= ?", (min_impact,)))
    condition = Sql.join(parts)
    order = "impact DESC, usage_date DESC" if sort is AnomalySort.impact else "usage_date DESC, impact DESC"
    sql = (f"SELECT {', '.join(ANOMALY_COLUMNS)}, count(*) OVER () AS matched, "
           f"sum(CASE WHEN status <> 'withdrawn' THEN impact ELSE 0 END) OVER () AS open_impact "
           f"FROM {COST_ANOMALIES.name} WHERE {condition.text} ORDER BY {order}, anomaly_id LIMIT {int(limit)}")
    return Query(sql, condition.params, name="anomalies")


def one_query(anomaly_id: str) -> Query:
    return Query(f"SELECT {', '.join(ANOMALY_COLUMNS)} FROM {COST_ANOMALIES.name} WHERE anomaly_id = ?",
                 (anomaly_id,), name="anomaly")


def episode_days_query(account: str, service_code: str, start: date, end: date) -> Query:
    """The flagged days of a series in a range (withdrawn ones are not flagged any more)."""
    return Query(
        f"SELECT usage_date FROM {COST_ANOMALIES.name} WHERE usage_account_id = ? AND service_code = ? "
        "AND usage_date BETWEEN ? AND ? AND status <> 'withdrawn'", (account, service_code, start, end),
        name="anomaly-days")


def series_query(account: str, service_code: str, start: date, end: date, column: str) -> Query:
    """A series' daily usage cost: usage only, no Savings Plans negation (as the detector sees it)."""
    return Query(
        f"SELECT usage_date, sum({column}) FROM {COST_DAILY.name} "
        f"WHERE {COST_DAILY.column(Dimension.account)} = ? AND service_code = ? AND usage_date BETWEEN ? AND ? "
        "AND charge_category = 'Usage' AND line_item_type <> 'SavingsPlanNegation' GROUP BY usage_date",
        (account, service_code, start, end), name="anomaly-series")
