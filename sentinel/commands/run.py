"""`sentinel run`: land an export and build raw → silver → gold for its periods, through Dagster."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer
from rich import box
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from sentinel.commands.common import JobEngine, console, err, settings_for
from sentinel.settings import Settings
from sentinel.unchanged_runs import recall, remember

if TYPE_CHECKING:  # Dagster loads when a run starts, not for `sentinel --help`
    from sentinel.period_result import PeriodResult

STEP_LABELS = {
    "raw__billing_deliveries": "landing the delivery in raw",
    "raw__billing_deliveries_delivery_fresh": "checking freshness",
    "silver__line_items": "raw_to_silver job",
    "gold_tables": "silver_to_gold job",
    "gold__period_summary_money_conserved": "reconciling raw, silver and gold",
    "gold__cost_anomalies": "scoring anomalies",
}


def run(
    source: Annotated[Path, typer.Option("--source", "-s", metavar="PATH", help="Export root, folder of files, or one file.")],
    period: Annotated[list[str] | None, typer.Option(
        "--period", "-p", metavar="PERIOD",
        help="Only this billing period (YYYY-MM, or a range YYYY-MM..YYYY-MM); repeatable. Default: every "
             "period in the export.")] = None,
    engine: Annotated[JobEngine | None, typer.Option(
        metavar="[duckdb|spark]", help="Engine of the job scripts. Default: SENTINEL_ENGINE, else duckdb.")] = None,
    rebuild: Annotated[bool, typer.Option(
        "--rebuild", help="Build again even if the source, settings and published tables are unchanged since "
                          "the last run.")] = False,
) -> None:
    """Land a billing export and build silver and gold for its billing periods (a Dagster run per period)."""
    settings = settings_for(engine)
    requested = period or []
    remembered = settings.env == "local"  # on AWS the lake is shared: another writer may have built since
    unchanged = recall(settings, source, requested) if remembered and not rebuild else None
    if unchanged is not None:
        built_at, results = unchanged
        err.print(f"[dim]unchanged since the run of {built_at}: nothing rebuilt (--rebuild builds again)[/dim]")
    else:
        results = materialize(settings, source, requested, engine)
        if remembered:
            remember(settings, source, requested, results)
    print_results(settings, results)
    if any(not r.succeeded for r in results):
        raise typer.Exit(1)


def materialize(settings: Settings, source: Path, requested: list[str], engine: str | None) -> list[PeriodResult]:
    """Raw → silver → gold for the requested periods (default: every period in the source), with progress."""
    from sentinel_etl.errors import InputError

    from sentinel_assets.period_bounds import periods_in_store, pin_first_billing_period

    if not source.exists():
        err.print(f"[red]error:[/red] {source}: no such file or folder")
        raise typer.Exit(2)
    try:
        in_store = [] if requested else periods_in_store(settings, source)
    except InputError as error:
        err.print(f"[red]error:[/red] {error}")
        raise typer.Exit(2) from None
    # The partition set starts at the first period with data: the lake's, or this export's (imported below).
    pin_first_billing_period(settings, in_store or [item.partition("..")[0] for item in requested])
    from sentinel_assets.definitions import build_definitions
    from sentinel_assets.execution import expand_periods, open_instance, refresh_periods

    try:
        periods = expand_periods(requested) if requested else in_store
        expand_periods(periods)  # every period must be a partition
    except (InputError, ValueError) as error:
        err.print(f"[red]error:[/red] {error}")
        raise typer.Exit(2) from None
    if not periods:
        err.print(f"[red]error:[/red] no billing data found in {source}")
        raise typer.Exit(2)
    defs = build_definitions(settings, source=source, engine=engine)
    instance = open_instance(settings)
    results: list[PeriodResult] = []
    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn())
    log_path = settings.root / "logs" / f"run-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.log"
    live = err.is_terminal  # read before output_to points stderr at the log file
    with output_to(log_path) as terminal, Progress(
        *columns, console=Console(file=terminal, force_terminal=live), transient=True
    ) as progress:
        task = progress.add_task("starting", total=len(periods))

        def on_step(period: str, step: str) -> None:
            progress.update(task, description=f"{period} · {STEP_LABELS.get(step, step)}")

        for each in periods:
            (result,) = refresh_periods(defs, instance, [each], on_step=on_step, tags={"sentinel/trigger": "cli"})
            results.append(result)
            mark = "[dim]–[/dim]" if result.no_delivery else "[green]✓[/green]" if result.succeeded else "[red]✗[/red]"
            detail = "  no delivery" if result.no_delivery else f"  {result.error}" if result.error else ""
            progress.console.print(f"{mark} {each}  {result.seconds:5.1f}s{detail}")
            progress.advance(task)
    if any(not r.succeeded for r in results):
        err.print(f"[dim]job output: {log_path}[/dim]")
    return results


@contextmanager
def output_to(log_path: Path) -> Iterator[TextIO]:
    """Send this process's stdout/stderr (job scripts, Spark, warnings) to a log file; yield the terminal."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    sys.stdout.flush()
    sys.stderr.flush()
    saved = os.dup(1), os.dup(2)
    terminal = os.fdopen(os.dup(saved[1]), "w", buffering=1)
    with log_path.open("ab") as log:
        os.dup2(log.fileno(), 1)
        os.dup2(log.fileno(), 2)
        try:
            yield terminal
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            for fd in saved:
                os.close(fd)
            terminal.close()


def print_results(settings: Settings, results: list[PeriodResult]) -> None:
    # No vertical rules: six full money figures fit an 80-column terminal without being cut.
    table = Table(title=f"Sentinel · {settings.engine} · {settings.root}", box=box.SIMPLE_HEAD, pad_edge=False,
                  collapse_padding=True)
    for column in ("period", "rows", "unblended", "amortized", "public", "checks"):
        table.add_column(column, justify="right" if column != "period" else "left", no_wrap=True)
    for r in results:
        if r.no_delivery:
            table.add_row(r.period, "[dim]no delivery[/dim]", "", "", "", "")
        elif r.succeeded:
            table.add_row(r.period, f"{r.rows:,}", f"{r.unblended:,.6f}", f"{r.amortized:,.6f}", f"{r.public:,.6f}",
                          f"{r.checks_passed}/{r.checks_total}")
        else:
            table.add_row(r.period, "[red]failed[/red]", "", "", "", f"{r.checks_passed}/{r.checks_total}")
    console.print(table)
    for r in results:
        for note in r.notes:
            err.print(f"[dim]{r.period}: {note}[/dim]")
        if not r.succeeded:
            blocked = f" (blocked by {', '.join(r.failed_checks)})" if r.failed_checks else ""
            err.print(f"[red]{r.period} failed{blocked}:[/red] {r.error}")
