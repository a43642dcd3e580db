"""`through`: the last period delivered as an open month is, up to a day of it (what `sentinel demo` uses)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from sentinel.generate import GenerationReport, generate


def _generate(out: Path, through: date | None) -> GenerationReport:
    return generate(out, formats="cur2", months=2, start="2026-11", rows_per_month=2000, seed=5, restate=False,
                    through=through, progress=False)


def _usage(report: GenerationReport, period: str) -> tuple[datetime, datetime, int, Decimal]:
    files = [str(f) for f in report.current("cur2", period).files]
    row = duckdb.sql(
        "SELECT min(line_item_usage_start_date), max(line_item_usage_end_date), count(*), "
        f"sum(line_item_unblended_cost) FROM read_parquet({files}) "
        "WHERE line_item_line_item_type IN ('Usage', 'DiscountedUsage')").fetchone()
    assert row is not None
    return row[0], row[1], row[2], Decimal(str(row[3]))


def test_the_open_month_holds_usage_up_to_its_day_and_the_closed_months_are_whole(tmp_path: Path) -> None:
    partial = _generate(tmp_path / "partial", date(2026, 12, 7))
    whole = _generate(tmp_path / "whole", None)
    first, last, rows, _ = _usage(partial, "2026-12")
    assert first == datetime(2026, 12, 1) and last == datetime(2026, 12, 8)  # through the end of the 7th
    assert _usage(whole, "2026-12")[1] == datetime(2027, 1, 1)
    assert _usage(partial, "2026-11") == _usage(whole, "2026-11")  # a closed month is not touched
    whole_rows = _usage(whole, "2026-12")[2]
    assert abs(rows / 7 - whole_rows / 31) < 0.1 * whole_rows / 31  # as many rows a day as a whole month
    # a new day is a new delivery of the open month; the closed month keeps its delivery id
    later = _generate(tmp_path / "later", date(2026, 12, 8))
    assert later.current("cur2", "2026-12").delivery_id != partial.current("cur2", "2026-12").delivery_id
    assert later.current("cur2", "2026-11").delivery_id == partial.current("cur2", "2026-11").delivery_id
    # and the expected totals are those of what was written
    assert partial.current("cur2", "2026-12").totals.total.rows == sum(
        duckdb.sql(f"SELECT count(*) FROM read_parquet('{f}')").fetchone()[0]  # type: ignore[index]
        for f in partial.current("cur2", "2026-12").files)


def test_a_through_day_outside_the_last_period_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="not a day of the last period, 2026-12"):
        _generate(tmp_path, date(2026, 11, 30))
