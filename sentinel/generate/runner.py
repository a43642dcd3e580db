"""Run a generation: stream each period's rows, chunk by chunk, to every selected format at once.

Each delivery writer runs in its own thread behind a small bounded queue, so row generation, table
building, CSV encoding, compression and Parquet encoding overlap (pyarrow, zlib and numpy release the
GIL) while memory stays bounded by a few chunks whatever the month size.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from sentinel.generate.accounts import Organisation
from sentinel.generate.anomalies import SeriesPlan
from sentinel.generate.cur2 import Cur2Delivery
from sentinel.generate.delivery import Delivery, DeliveryContext, DeliveryWriter
from sentinel.generate.expected import render_table, write_expected
from sentinel.generate.focus import FOCUS_VERSIONS, PROVIDERS, FocusDelivery, FocusVersion
from sentinel.generate.ids import stable_hex
from sentinel.generate.items import LineItems
from sentinel.generate.legacy_cur_csv import LegacyCsvDelivery
from sentinel.generate.legacy_cur_parquet import LegacyParquetDelivery, write_status
from sentinel.generate.options import FORMATS, MAX_ROWS_PER_MONTH, SOURCE_FORMATS, FormatName
from sentinel.generate.periods import BillingPeriod, Granularity
from sentinel.generate.plan import MIN_ROWS, MonthPlan, RunSpec, Shape, monthly_rows
from sentinel.generate.rows import generate_chunk

__all__ = ["FORMATS", "MAX_ROWS_PER_MONTH", "SOURCE_FORMATS", "FormatName", "GenerationReport", "generate"]
PROGRESS_THRESHOLD = 1_000_000
_QUEUE_DEPTH = 2
_DONE = object()


@dataclass(frozen=True)
class GenerationReport:
    """What a generation wrote: every delivery (current and superseded) and its exact totals."""

    out: Path
    parameters: dict[str, Any]
    deliveries: tuple[Delivery, ...]
    expected_totals: Path
    chunk_rows: int
    max_chunk_rows: int
    chunks: int
    rows_generated: int

    @property
    def periods(self) -> list[str]:
        return sorted({d.period for d in self.deliveries})

    @property
    def files(self) -> list[Path]:
        return [f for d in self.deliveries for f in d.files]

    def current(self, fmt: str, period: str) -> Delivery:
        """The delivery of `fmt` ('cur2' or 'legacy_cur_csv' style) that is current for `period`."""
        key = SOURCE_FORMATS.get(fmt, fmt)
        return next(d for d in self.deliveries if d.format == key and d.period == period and d.current)

    def superseded(self, fmt: str, period: str) -> list[Delivery]:
        key = SOURCE_FORMATS.get(fmt, fmt)
        return [d for d in self.deliveries if d.format == key and d.period == period and not d.current]


@dataclass
class _Worker:
    """One delivery writer fed from a bounded queue in its own thread."""

    writer: DeliveryWriter
    chunk_rows: int
    inbox: queue.Queue[Any] = field(default_factory=lambda: queue.Queue(maxsize=_QUEUE_DEPTH))
    result: Delivery | None = None
    error: BaseException | None = None
    aborted: bool = False

    def __post_init__(self) -> None:
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        done = False
        try:
            while (item := self.inbox.get()) is not _DONE:
                self.writer.write(item)
            done = True
            if not self.aborted:
                if isinstance(self.writer, FocusDelivery):
                    self.writer.write_other_providers(self.chunk_rows)
                self.result = self.writer.close()
        except BaseException as exc:  # surfaced by put() and finish()
            self.error = exc
            while not done and self.inbox.get() is not _DONE:  # drain so the producer never blocks
                pass

    def put(self, chunk: LineItems) -> None:
        if self.error is not None:
            raise self.error
        self.inbox.put(chunk)

    def abort(self) -> None:
        """Stop without writing a manifest (the producer failed)."""
        self.aborted = True
        self.inbox.put(_DONE)
        self.thread.join()

    def finish(self) -> Delivery:
        self.inbox.put(_DONE)
        self.thread.join()
        if self.error is not None:
            raise self.error
        assert self.result is not None
        return self.result


def parse_formats(names: Sequence[str] | str) -> tuple[FormatName, ...]:
    items = [names] if isinstance(names, str) else list(names)
    chosen: set[str] = set()
    for item in items:
        for name in item.split(","):
            name = name.strip()
            if name == "all":
                chosen.update(FORMATS)
            elif name in FORMATS:
                chosen.add(name)
            else:
                raise ValueError(f"unknown format {name!r}; choose from {', '.join(FORMATS)} or all")
    return tuple(f for f in FORMATS if f in chosen)


def _writers(formats: tuple[FormatName, ...], ctx: DeliveryContext, final: bool, focus_csv: bool,
             focus_providers: tuple[str, ...], focus_version: FocusVersion) -> list[DeliveryWriter]:
    """Legacy CSV keeps every assembly; the other exports overwrite the period, so only the final
    version of a restated period is written for them."""
    writers: list[DeliveryWriter] = []
    for fmt in formats:
        if fmt == "legacy-csv":
            writers.append(LegacyCsvDelivery(ctx))
        elif not final:
            continue
        elif fmt == "legacy-parquet":
            writers.append(LegacyParquetDelivery(ctx))
        elif fmt == "cur2":
            writers.append(Cur2Delivery(ctx))
        else:
            writers.append(FocusDelivery(ctx, csv=focus_csv, providers=focus_providers, version=focus_version))
    return writers


@contextmanager
def _progress(enabled: bool, console: Console, total: int) -> Iterator[Any]:
    if not enabled:
        yield None
        return
    columns = (TextColumn("[bold]generating"), BarColumn(), MofNCompleteColumn(), TextColumn("rows"),
               TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        yield (bar, bar.add_task("rows", total=total))


def steady_rows(rows_per_month: int, intervals: int, intervals_per_day: int) -> int:
    """Rows of a steady month: as many resource lines as a 30-day month of `rows_per_month` has, each
    for every interval of this month, plus the month's charges (MonthPlan.monthly_rows)."""
    lines = (rows_per_month - monthly_rows(rows_per_month)) // (30 * intervals_per_day)
    rows = lines * intervals + monthly_rows(lines * intervals)
    while (rows - monthly_rows(rows)) // intervals < lines:  # the charges grew with the rows
        rows += 1
    return max(MIN_ROWS, rows)


def _delivered_hours(period: BillingPeriod, through: date | None) -> int | None:
    if through is None:
        return None
    if (through.year, through.month) != (period.year, period.month):
        raise ValueError(f"through {through.isoformat()} is not a day of the last period, {period.label}")
    return through.day * 24


def generate(
    out: Path,
    *,
    formats: Sequence[str] | str = "all",
    months: int = 3,
    start: str = "2024-01",
    rows_per_month: int = 10_000,
    seed: int = 42,
    granularity: Granularity = "hourly",
    shape: Shape = "default",
    accounts: int = 12,
    restate: bool = True,
    focus_csv: bool = False,
    focus_providers: Sequence[str] = PROVIDERS,
    focus_version: FocusVersion = "1.0",
    chunk_rows: int = 100_000,
    rows_per_file: int = 1_000_000,
    through: date | None = None,
    anomalies: int = 0,
    series_noise: float = 0.1,
    bucket: str = "sentinel-billing-exports",
    progress: bool | None = None,
    print_table: bool = False,
    console: Console | None = None,
) -> GenerationReport:
    """Write synthetic billing exports under `out` and `out/expected_totals.json`.

    The same arguments always give byte-identical files. With `restate`, one closed period (the one
    before the newest, or the only one) is delivered a second time with re-rated usage and service
    credits. With `through` (a day of the last period), that period is delivered as AWS delivers an open
    month: usage up to the end of that day only. With `anomalies`, usage follows realistic daily series
    with that many known anomalies injected, listed in `out/anomalies.json` (sentinel.generate.anomalies)."""
    chosen = parse_formats(formats)
    providers = tuple(p for p in PROVIDERS if p in set(focus_providers))
    if not chosen:
        raise ValueError("no format selected")
    if not 1 <= months <= 120:
        raise ValueError("months must be between 1 and 120")
    if not 50 <= rows_per_month <= MAX_ROWS_PER_MONTH:
        raise ValueError(f"rows per month must be between 50 and {MAX_ROWS_PER_MONTH:,}")
    if chunk_rows < 1 or rows_per_file < 1:
        raise ValueError("chunk_rows and rows_per_file must be positive")
    if granularity not in ("hourly", "daily"):
        raise ValueError("granularity must be hourly or daily")
    if focus_version not in FOCUS_VERSIONS:
        raise ValueError(f"FOCUS version must be one of {', '.join(FOCUS_VERSIONS)}")
    first = BillingPeriod.parse(start)
    delivered_hours = _delivered_hours(first.shift(months - 1), through)
    console = console or Console(stderr=True)
    parameters: dict[str, Any] = {
        "formats": list(chosen), "months": months, "start": first.label, "rows_per_month": rows_per_month,
        "seed": seed, "granularity": granularity, "shape": shape, "accounts": accounts, "restate": restate,
        "focus_csv": focus_csv, "focus_providers": list(providers), "focus_version": focus_version,
        "through": through.isoformat() if through else None,
        **({"anomalies": anomalies, "series_noise": series_noise} if anomalies else {}),
    }
    fingerprint = stable_hex("run", seed, first.label, rows_per_month, granularity, accounts, ",".join(providers),
                             *([shape] if shape != "default" else []),
                             *([f"anomalies-{anomalies}-{series_noise}"] if anomalies else []))
    organisation = Organisation(seed, accounts)
    series = SeriesPlan.build(seed, organisation, first.start.date(), first.shift(months - 1).end.date() - timedelta(days=1),
                              anomalies, series_noise) if anomalies else None
    spec = RunSpec(seed, organisation, granularity, series)
    restated = max(0, months - 2) if restate else -1
    out.mkdir(parents=True, exist_ok=True)

    jobs: list[tuple[MonthPlan, list[DeliveryWriter]]] = []
    for index in range(months):
        versions = [0, 1] if index == restated else [0]
        for version in versions:
            final = version == versions[-1]
            last = index == months - 1
            period = first.shift(index)
            rows = rows_per_month
            hours = delivered_hours if last and delivered_hours is not None else period.hours
            if shape == "steady":  # the same resources every month and day: rows follow the intervals
                per_day = 24 if granularity == "hourly" else 1
                rows = steady_rows(rows_per_month, hours * per_day // 24, per_day)
            elif last and delivered_hours is not None:  # as many rows a day as a whole month has
                rows = max(MIN_ROWS, rows_per_month * delivered_hours // period.hours)
            plan = MonthPlan.build(period, index, rows, version, last, granularity,
                                   delivered_hours if last else None, shape)
            ctx = DeliveryContext(spec, plan, out, bucket, rows_per_file, fingerprint, current=final)
            writers = _writers(chosen, ctx, final, focus_csv, providers, focus_version)
            if writers:
                jobs.append((plan, writers))
    total_rows = sum(plan.total_rows for plan, _ in jobs)
    show = progress if progress is not None else (console.is_terminal and total_rows > PROGRESS_THRESHOLD)

    deliveries: list[Delivery] = []
    max_chunk = chunks = generated = 0
    with _progress(show, console, total_rows) as bar:
        for plan, writers in jobs:
            workers = [_Worker(w, chunk_rows) for w in writers]
            try:
                for begin in range(0, plan.total_rows, chunk_rows):
                    chunk = generate_chunk(spec, plan, begin, min(begin + chunk_rows, plan.total_rows))
                    max_chunk, chunks, generated = max(max_chunk, len(chunk)), chunks + 1, generated + len(chunk)
                    for worker in workers:
                        worker.put(chunk)
                    if bar is not None:
                        bar[0].advance(bar[1], len(chunk))
            except BaseException:
                for worker in workers:
                    worker.abort()
                raise
            deliveries.extend(worker.finish() for worker in workers)

    if "legacy-parquet" in chosen:
        write_status(out)
    if series is not None:
        series.write(out / "anomalies.json", organisation)
    document = expected_document(out, parameters, deliveries)
    path = out / "expected_totals.json"
    write_expected(path, document)
    if print_table:
        render_table(document, console)
    return GenerationReport(out, parameters, tuple(deliveries), path, chunk_rows, max_chunk, chunks, generated)


def expected_document(out: Path, parameters: dict[str, Any], deliveries: list[Delivery]) -> dict[str, Any]:
    """expected_totals.json: per format and period, the current delivery and what it superseded."""
    formats: dict[str, dict[str, Any]] = {}
    for delivery in deliveries:
        if not delivery.current:
            continue
        entry = delivery.to_json(out)
        entry["superseded"] = [d.to_json(out) for d in deliveries
                               if d.format == delivery.format and d.period == delivery.period and not d.current]
        formats.setdefault(delivery.format, {})[delivery.period] = entry
    return {"parameters": parameters, "formats": formats}
