"""Billing periods and the text forms of their timestamps and intervals."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cached_property
from typing import Literal

import numpy as np
import pyarrow as pa

Granularity = Literal["hourly", "daily"]


@dataclass(frozen=True)
class BillingPeriod:
    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> BillingPeriod:
        """'2024-01' -> BillingPeriod(2024, 1)."""
        try:
            year, month = (int(part) for part in text.split("-"))
        except ValueError as exc:
            raise ValueError(f"expected YYYY-MM, got {text!r}") from exc
        if not 1 <= month <= 12 or not 2000 <= year <= 2100:
            raise ValueError(f"expected YYYY-MM, got {text!r}")
        return cls(year, month)

    def shift(self, months: int) -> BillingPeriod:
        index = self.year * 12 + self.month - 1 + months
        return BillingPeriod(index // 12, index % 12 + 1)

    @property
    def label(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def start(self) -> datetime:
        return datetime(self.year, self.month, 1, tzinfo=UTC)

    @property
    def end(self) -> datetime:
        return self.shift(1).start

    @property
    def date_range(self) -> str:
        """AWS's legacy CUR folder name: '20240101-20240201'."""
        return f"{self.start:%Y%m%d}-{self.end:%Y%m%d}"

    @property
    def hours(self) -> int:
        return int((self.end - self.start).total_seconds() // 3600)


def iso(moment: datetime) -> str:
    """'2024-01-01T00:00:00Z', the form of lineItem/UsageStartDate."""
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def manifest_time(moment: datetime) -> str:
    """'20240101T000000.000Z', the form of a legacy CUR manifest's billingPeriod."""
    return moment.strftime("%Y%m%dT%H%M%S.000Z")


@dataclass(frozen=True)
class IntervalGrid:
    """The usage intervals of one period: index i < count is one hour (or day); index `count` is the
    whole period, used by monthly charges (fees, taxes, credits)."""

    period: BillingPeriod
    granularity: Granularity
    hours: int | None = None  # usage delivered so far, for a delivery in the middle of the month

    @property
    def step_hours(self) -> int:
        return 1 if self.granularity == "hourly" else 24

    @property
    def count(self) -> int:
        return (self.period.hours if self.hours is None else self.hours) // self.step_hours

    @cached_property
    def _bounds(self) -> list[datetime]:
        step = timedelta(hours=self.step_hours)
        return [self.period.start + i * step for i in range(self.count + 1)]

    @cached_property
    def start_text(self) -> pa.StringArray:
        return pa.array([iso(b) for b in self._bounds[:-1]] + [iso(self.period.start)], pa.string())

    @cached_property
    def end_text(self) -> pa.StringArray:
        return pa.array([iso(b) for b in self._bounds[1:]] + [iso(self.period.end)], pa.string())

    @cached_property
    def interval_text(self) -> pa.StringArray:
        starts, ends = self.start_text.to_pylist(), self.end_text.to_pylist()
        return pa.array([f"{s}/{e}" for s, e in zip(starts, ends, strict=True)], pa.string())

    @cached_property
    def start_ms(self) -> np.ndarray:
        base = int(self.period.start.timestamp() * 1000)
        step = self.step_hours * 3_600_000
        return np.append(base + step * np.arange(self.count, dtype=np.int64), base)

    @cached_property
    def end_ms(self) -> np.ndarray:
        end = int(self.period.end.timestamp() * 1000)
        return np.append(self.start_ms[:-1] + self.step_hours * 3_600_000, end)
