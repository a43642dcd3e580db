"""How a billing period's rows are laid out, so any row range can be generated on its own.

Rows [0, grid_rows) are metered usage: each resource line emits `rows_per_line` consecutive
intervals, so (line item id, time interval) is unique and a line item id repeats every hour, as in
AWS's CUR. Rows [grid_rows, base_rows) are monthly charges (tax, credits, fees). A restated delivery
re-rates some usage and appends `extra_rows` service credits.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from sentinel.generate.accounts import Organisation
from sentinel.generate.anomalies import SeriesPlan
from sentinel.generate.periods import BillingPeriod, Granularity, IntervalGrid

MIN_ROWS = 50
# "default": resources that run for hours (about sqrt(rows)/4 line items each), as in AWS's sample;
# "high-cardinality": a resource per line item, so most daily groups of gold are distinct;
# "steady": every resource line runs the whole month, as a fleet does, so daily series are smooth.
Shape = Literal["default", "high-cardinality", "steady"]
SHAPES: tuple[Shape, ...] = ("default", "high-cardinality", "steady")


@dataclass(frozen=True)
class RunSpec:
    seed: int
    organisation: Organisation
    granularity: Granularity
    series: SeriesPlan | None = None  # realistic daily series with injected anomalies (--anomalies)


def monthly_rows(rows: int) -> int:
    """How many of a month's rows are monthly charges (tax, credits, fees)."""
    return min(max(12, rows // 200), 20_000, rows // 4)


@dataclass(frozen=True)
class MonthPlan:
    period: BillingPeriod
    index: int  # months since the first generated period (drives schema drift)
    base_rows: int
    version: int  # 0 = first delivery; 1 = restated re-delivery
    is_open: bool  # the newest period has no invoice yet
    grid: IntervalGrid
    shape: Shape = "default"

    @classmethod
    def build(cls, period: BillingPeriod, index: int, rows: int, version: int, is_open: bool,
              granularity: Granularity, delivered_hours: int | None = None, shape: Shape = "default") -> MonthPlan:
        """`delivered_hours`: the open period's usage so far (a delivery in the middle of the month)."""
        if rows < MIN_ROWS:
            raise ValueError(f"rows per month must be at least {MIN_ROWS}")
        if shape not in SHAPES:
            raise ValueError(f"shape must be one of {', '.join(SHAPES)}")
        return cls(period, index, rows, version, is_open, IntervalGrid(period, granularity, delivered_hours), shape)

    @property
    def ordinal(self) -> int:
        """A number identifying the period in hashes (months since year 0)."""
        return self.period.year * 12 + self.period.month

    @property
    def monthly_rows(self) -> int:
        return monthly_rows(self.base_rows)

    @property
    def grid_rows(self) -> int:
        return self.base_rows - self.monthly_rows

    @property
    def rows_per_line(self) -> int:
        """Intervals per resource line: about sqrt(grid rows) / 4 (AWS's public sample has ~80 rows per
        line item id at 124k rows), at most the whole period."""
        if self.shape == "high-cardinality":
            return 1
        if self.shape == "steady":
            return self.grid.count
        return max(1, min(self.grid.count, math.isqrt(self.grid_rows) // 4))

    @property
    def extra_rows(self) -> int:
        return max(3, self.base_rows // 1000) if self.version > 0 else 0

    @property
    def total_rows(self) -> int:
        return self.base_rows + self.extra_rows
