"""Large months stream to disk in bounded chunks: memory follows the chunk size, not the month size."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from sentinel.generate import generate, runner
from sentinel.generate.items import LineItems
from sentinel.generate.plan import MonthPlan, RunSpec
from sentinel.generate.rows import generate_chunk


def peak_numpy_bytes(out: Path, rows: int, chunk_rows: int) -> tuple[int, int]:
    """Peak traced allocation (numpy arrays are traced; Arrow buffers are not) and rows written."""
    tracemalloc.start()
    try:
        report = generate(out, formats="cur2", months=1, rows_per_month=rows, chunk_rows=chunk_rows,
                          restate=False, rows_per_file=rows)
        return tracemalloc.get_traced_memory()[1], report.rows_generated
    finally:
        tracemalloc.stop()


def test_chunks_never_exceed_the_chunk_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sizes: list[int] = []
    def recording(spec: RunSpec, plan: MonthPlan, start: int, stop: int) -> LineItems:
        chunk = generate_chunk(spec, plan, start, stop)
        sizes.append(len(chunk))
        return chunk

    monkeypatch.setattr(runner, "generate_chunk", recording)
    report = generate(tmp_path, formats="all", months=2, rows_per_month=6_000, chunk_rows=1_250, restate=True)
    assert max(sizes) == report.max_chunk_rows == 1_250
    assert sum(sizes) == report.rows_generated == 6_000 + 2 * 6_000 + 6  # month 1 twice (restated) + credits
    assert report.chunks == len(sizes) == 5 + 5 + 5


def test_memory_follows_the_chunk_not_the_month(tmp_path: Path) -> None:
    small_peak, small_rows = peak_numpy_bytes(tmp_path / "small", 8_000, 1_000)
    large_peak, large_rows = peak_numpy_bytes(tmp_path / "large", 32_000, 1_000)
    assert large_rows == 4 * small_rows
    assert large_peak < 1.5 * small_peak  # four times the rows, about the same peak
