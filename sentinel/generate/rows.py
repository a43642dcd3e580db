"""Generate any row range of a billing period as canonical line items (pure, vectorised).

Every value is a hash of (seed, period, line, interval), so a row is the same whatever chunk it is
generated in: chunks can be any size, in any order, for any number of formats at once.
"""

from __future__ import annotations

from sentinel.generate.charges import adjustment_rows, monthly_rows
from sentinel.generate.items import LineItems
from sentinel.generate.plan import MonthPlan, RunSpec
from sentinel.generate.usage import usage_rows


def generate_chunk(spec: RunSpec, plan: MonthPlan, start: int, stop: int) -> LineItems:
    """Rows [start, stop) of the period's delivery."""
    grid, base, total = plan.grid_rows, plan.base_rows, plan.total_rows
    if not 0 <= start < stop <= total:
        raise ValueError(f"row range [{start}, {stop}) outside [0, {total})")
    parts = []
    if start < grid:
        parts.append(usage_rows(spec, plan, start, min(stop, grid)))
    if stop > grid and start < base:
        parts.append(monthly_rows(spec, plan, max(start, grid), min(stop, base)))
    if stop > base:
        parts.append(adjustment_rows(spec, plan, max(start, base), stop))
    return LineItems.concat(parts)
