"""Which billing periods a date range touches, from gold.period_summary.

Dates in the API are usage dates. A billing period can hold usage from outside its month (the FOCUS
sample bills a 2024-09-30 charge in 2024-10), so pruning cannot just take the months of the range: it
takes them plus every period whose usage span (first/last_usage_date) overlaps the range. The result is
exact and still prunes: a one-month range reads one or two partitions, never the whole history.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sentinel.engines.base import Query, QueryEngine

PERIOD_SUMMARY = Query(
    "SELECT billing_period, provider, source_format, delivery_ids, currency, line_item_count, "
    "first_usage_date, last_usage_date, unblended_cost, net_unblended_cost, amortized_cost, public_cost, "
    "materialized_at FROM gold.period_summary ORDER BY billing_period, provider",
    name="period_summary",
)


def month_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def month_start(day: date) -> date:
    return day.replace(day=1)


def month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier), clamped to the end of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    first = date(index // 12, index % 12 + 1, 1)
    return first.replace(day=min(day.day, month_end(first).day))


def parse_month(period: str) -> date:
    return date(int(period[:4]), int(period[5:7]), 1)


@dataclass(frozen=True)
class ProviderPeriod:
    billing_period: str
    provider: str
    source_formats: tuple[str, ...]
    delivery_ids: tuple[str, ...]
    currency: str | None
    line_items: int
    first_usage_date: date | None
    last_usage_date: date | None
    costs: dict[str, Decimal | None]
    materialized_at: datetime | None


@dataclass(frozen=True)
class PeriodIndex:
    rows: tuple[ProviderPeriod, ...]

    @classmethod
    def load(cls, engine: QueryEngine) -> PeriodIndex:
        if not engine.has_table("gold.period_summary"):
            return cls(())
        return cls(tuple(_provider_period(r) for r in engine.execute(PERIOD_SUMMARY).dicts()))

    @property
    def periods(self) -> list[str]:
        return sorted({r.billing_period for r in self.rows})

    def spans(self) -> dict[str, tuple[date, date]]:
        """Usage-date span per billing period (over its providers)."""
        spans: dict[str, tuple[date, date]] = {}
        for r in self.rows:
            if r.first_usage_date is None or r.last_usage_date is None:
                continue
            lo, hi = spans.get(r.billing_period, (r.first_usage_date, r.last_usage_date))
            spans[r.billing_period] = (min(lo, r.first_usage_date), max(hi, r.last_usage_date))
        return spans

    @property
    def latest_usage_date(self) -> date | None:
        ends = [hi for _, hi in self.spans().values()]
        return max(ends) if ends else None

    def covers(self, start: date, end: date) -> bool:
        """Every calendar month the range touches has a loaded billing period: its spend is known (a month
        without one is missing data, not zero)."""
        loaded = set(self.periods)
        return all(month in loaded for month in months_between(start, end))

    def default_range(self, today: date) -> tuple[date, date]:
        """The calendar month of the newest usage: the open month when data is current."""
        anchor = self.latest_usage_date or today
        return month_start(anchor), month_end(anchor)

    def prune(self, start: date, end: date) -> tuple[str, str]:
        """billing_period bounds (inclusive) that hold every row with usage_date in [start, end]."""
        lo, hi = month_of(start), month_of(end)
        for period, (first, last) in self.spans().items():
            if first <= end and last >= start:
                lo, hi = min(lo, period), max(hi, period)
        return lo, hi

    def months_aligned(self, start: date, end: date, *, each_month: bool = False) -> bool:
        """True when summing whole billing periods (gold.cost_monthly) gives exactly the usage-date
        range: the range is whole calendar months, each period inside it has its usage inside it (inside
        its own month, with each_month, for monthly buckets), and no period outside it has usage inside it."""
        if start != month_start(start) or end != month_end(end):
            return False
        lo, hi = month_of(start), month_of(end)
        for period, (first, last) in self.spans().items():
            inside = lo <= period <= hi
            if inside and each_month:
                own = parse_month(period)
                if first < own or last > month_end(own):
                    return False
            if inside and (first < start or last > end):
                return False
            if not inside and first <= end and last >= start:
                return False
        return True


def _split(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    text = str(value).strip("[]")  # the pipeline writes these as "a,b" (older runs as "[a,b]")
    return tuple(part.strip() for part in text.split(",") if part.strip())


def _provider_period(row: dict[str, Any]) -> ProviderPeriod:
    materialized = row.get("materialized_at")
    return ProviderPeriod(
        billing_period=str(row["billing_period"]),
        provider=str(row["provider"] or ""),
        source_formats=_split(row.get("source_format")),
        delivery_ids=_split(row.get("delivery_ids")),
        currency=row.get("currency"),
        line_items=int(row.get("line_item_count") or 0),
        first_usage_date=_as_date(row.get("first_usage_date")),
        last_usage_date=_as_date(row.get("last_usage_date")),
        costs={k: row.get(k) for k in ("unblended_cost", "net_unblended_cost", "amortized_cost", "public_cost")},
        materialized_at=materialized if isinstance(materialized, datetime) else None,
    )


def _as_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        return date.fromisoformat(value[:10])
    return None


def months_between(start: date, end: date) -> Iterable[str]:
    current = month_start(start)
    while current <= end:
        yield month_of(current)
        current = add_months(current, 1)


def bucket_labels(start: date, end: date, granularity: str) -> list[str]:
    """The buckets of a time series: each day (ISO date) or each month (YYYY-MM) of the range."""
    if granularity == "month":
        return list(months_between(start, end))
    return [(start + timedelta(days=i)).isoformat() for i in range((end - start).days + 1)]
