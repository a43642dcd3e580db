"""How query rows become response fields: group labels, money as JSON numbers, shares, the date range."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from api.filters import CostFilters
from api.queries.costs import Grouping
from api.queries.periods import PeriodIndex
from api.schemas import DateRange


def date_range(f: CostFilters, periods: PeriodIndex) -> DateRange:
    return span(f.start, f.end, periods)


def span(start: date, end: date, periods: PeriodIndex) -> DateRange:
    return DateRange(start=start, end=end, days=(end - start).days + 1, covered=periods.covers(start, end))


def label(key: str | None, group: Grouping, name: str | None = None) -> str:
    """What a person reads for a group: its name where it has one (an account's), else the value."""
    if key is None:
        return "Other"
    if key == "":
        if group.dimension is None:
            return "Total"
        return "(untagged)" if group.is_tag else "(none)"
    # Stray whitespace from a delivery (" org") is not part of the name a person reads; the key keeps it.
    return (name or "").strip() or key.strip() or f"({key!r} blank)"


def money(value: Any) -> float:
    return float(value) if value is not None else 0.0


def share(part: Decimal, total: Decimal) -> float | None:
    return float(part / total) if total else None
