"""The filters every data endpoint shares, and their translation into a WHERE clause with bound values.

Dates are usage dates (UTC days). `start` is inclusive and `end` is inclusive too: `start=2024-09-01&end=
2024-09-30` is September. Without dates the range is the calendar month of the newest usage in the catalog.
Filters on different dimensions are ANDed, values of one dimension are ORed. `tag=key=value` filters on a
tag; repeat it for more values of the same key. Tag filters are answered from gold.cost_by_tag_daily,
which has the dimensions provider, billing_period, account, service and region: a tag filter combined with
another dimension (operation, usage type, ...) or with a second tag key is rejected on the gold endpoints;
/line-items answers any combination from silver.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Annotated, Any

from fastapi.exceptions import RequestValidationError
from pydantic import StringConstraints

from api.queries.columns import Dimension, Table, View
from api.queries.periods import month_of
from sentinel.engines.base import Param, placeholders

EARLIEST = date(2000, 1, 1)  # before any cloud bill; keeps date arithmetic far from date.min/max
LATEST = date(2199, 12, 31)
# Printable text only: control characters never belong in a billing value.
SAFE_TEXT = r"^[^\x00-\x1f\x7f]*$"
FilterValue = Annotated[str, StringConstraints(max_length=256, pattern=SAFE_TEXT)]
TagKey = Annotated[str, StringConstraints(min_length=1, max_length=256, pattern=SAFE_TEXT)]
TagParam = Annotated[str, StringConstraints(min_length=3, max_length=513, pattern=r"^[^\x00-\x1f\x7f=]+=[^\x00-\x1f\x7f]+$")]


def invalid(field: str, message: str, value: Any = None, location: str = "query") -> RequestValidationError:
    """A 422 in FastAPI's own format, for rules a type annotation cannot express."""
    return RequestValidationError([{"type": "value_error", "loc": (location, field), "msg": message, "input": value}])


@dataclass(frozen=True)
class Sql:
    """A piece of Trino SQL and the values of its placeholders, in order."""

    text: str
    params: tuple[Param, ...] = ()

    @staticmethod
    def join(parts: Iterable[Sql], separator: str = " AND ") -> Sql:
        items = [p for p in parts if p.text]
        return Sql(separator.join(p.text for p in items), tuple(v for p in items for v in p.params))


@dataclass(frozen=True)
class TagFilter:
    key: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class CostFilters:
    start: date
    end: date  # inclusive
    view: View
    values: tuple[tuple[Dimension, tuple[str, ...]], ...] = ()
    tags: tuple[TagFilter, ...] = ()
    periods: tuple[str, str] = ("", "")  # billing_period bounds that hold the range (PeriodIndex.prune)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def dimensions(self) -> frozenset[Dimension]:
        return frozenset(d for d, _ in self.values)

    @property
    def tag_keys(self) -> frozenset[str]:
        return frozenset(t.key for t in self.tags)

    def without(self, dimension: Dimension | None) -> CostFilters:
        if dimension is None:
            return self
        if dimension is Dimension.tag:
            return replace(self, tags=())
        return replace(self, values=tuple((d, v) for d, v in self.values if d is not dimension))

    def key(self) -> tuple[Any, ...]:
        """Hashable identity for caching."""
        return (self.start, self.end, self.view, self.values, self.tags, self.periods)

    def fingerprint(self) -> str:
        document = json.dumps(
            [self.start.isoformat(), self.end.isoformat(), self.view.value,
             [[d.value, list(v)] for d, v in self.values], [[t.key, list(t.values)] for t in self.tags]],
            separators=(",", ":"),
        )
        return hashlib.sha256(document.encode()).hexdigest()[:16]


def in_list(column: str, values: Sequence[str], *, nullable: bool) -> Sql:
    condition = f"{column} IN ({placeholders(len(values))})"
    if nullable and "" in values:  # gold writes a missing value as '', silver keeps the null
        condition = f"({condition} OR {column} IS NULL)"
    return Sql(condition, tuple(values))


def where(
    f: CostFilters, table: Table, *, dates: tuple[date, date] | None = None,
    periods: tuple[str, str] | None = None, tags: bool = True,
) -> Sql:
    """The WHERE clause for one table: partition pruning first, then the range, then the filters.

    `dates`/`periods` override the filter's own range (summary's previous range, month-to-date)."""
    start, end = dates or (f.start, f.end)
    lo, hi = periods or f.periods
    parts = [Sql("billing_period BETWEEN ? AND ?", (lo, hi))]
    if table.date_column:
        parts.append(Sql(f"{table.date_column} BETWEEN ? AND ?", (start, end)))
    else:  # gold.cost_monthly: only used when whole periods are exactly the range (PeriodIndex.months_aligned)
        parts.append(Sql("billing_period BETWEEN ? AND ?", (month_of(start), month_of(end))))
    for dimension, values in f.values:
        parts.append(in_list(table.column(dimension), values, nullable=table.nullable))
    if tags and f.tags:
        if table.tags == "rows":
            (tag,) = f.tags  # one key: rows for different keys are different rows
            parts.append(Sql("tag_key = ?", (tag.key,)))
            parts.append(in_list("tag_value", tag.values, nullable=False))
        elif table.tags == "map":
            for tag in f.tags:
                parts.append(Sql("element_at(tags, ?) IN (" + placeholders(len(tag.values)) + ")",
                                 (tag.key, *tag.values)))
        else:
            raise ValueError(f"{table.name} has no tags")
    return Sql.join(parts)


def distinct_values(name: str, raw: list[str] | None, limit: int) -> tuple[str, ...]:
    if not raw:
        return ()
    unique = tuple(sorted(set(raw)))
    if len(unique) > limit:
        raise invalid(name, f"at most {limit} values", len(unique))
    return unique


def parse_tags(raw: list[str] | None, limit: int) -> tuple[TagFilter, ...]:
    by_key: dict[str, set[str]] = {}
    for item in raw or []:
        key, _, value = item.partition("=")
        if not key or not value:
            raise invalid("tag", "use tag=key=value", item)
        by_key.setdefault(key, set()).add(value)
    if sum(len(v) for v in by_key.values()) > limit:
        raise invalid("tag", f"at most {limit} tag values")
    return tuple(TagFilter(k, tuple(sorted(v))) for k, v in sorted(by_key.items()))


def check_range(start: date, end: date, cap: int, field: str = "end") -> None:
    if end < start:
        raise invalid(field, f"end ({end}) is before start ({start})", end.isoformat())
    if (end - start).days + 1 > cap:
        raise invalid(field, f"the range is longer than {cap} days", (end - start).days + 1)
