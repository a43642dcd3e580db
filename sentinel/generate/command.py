"""`sentinel generate`: the CLI face of sentinel.generate (registered by sentinel/cli.py)."""

from __future__ import annotations

import time
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from sentinel.generate.options import FORMATS, MAX_ROWS_PER_MONTH


class FormatChoice(StrEnum):
    legacy_csv = "legacy-csv"
    legacy_parquet = "legacy-parquet"
    cur2 = "cur2"
    focus = "focus"
    all = "all"


class FocusVersionChoice(StrEnum):
    v1_0 = "1.0"
    v1_3 = "1.3"


class GranularityChoice(StrEnum):
    hourly = "hourly"
    daily = "daily"


class ShapeChoice(StrEnum):
    default = "default"
    high_cardinality = "high-cardinality"
    steady = "steady"


def generate_command(
    out: Annotated[Path, typer.Argument(metavar="OUT", help="Folder to write the exports (and expected_totals.json) into.", show_default=False)],
    format: Annotated[list[FormatChoice] | None, typer.Option(
        "--format", "-f", metavar="FORMAT",
        help=f"Export format; repeat for several. One of {', '.join(FORMATS)}, all. Default: all.",
    )] = None,
    months: Annotated[int, typer.Option(min=1, max=120, metavar="N", help="Number of billing periods.")] = 3,
    start: Annotated[str, typer.Option(metavar="YYYY-MM", help="First billing period.")] = "2024-01",
    rows_per_month: Annotated[int, typer.Option(min=50, max=MAX_ROWS_PER_MONTH, metavar="N",
                                                help="AWS line items per billing period.")] = 10_000,
    seed: Annotated[int, typer.Option(metavar="N", help="Same seed and options, same bytes.")] = 42,
    granularity: Annotated[GranularityChoice, typer.Option(metavar="[hourly|daily]", help="Line item time granularity.")] =
        GranularityChoice.hourly,
    shape: Annotated[ShapeChoice, typer.Option(
        metavar="[default|high-cardinality|steady]",
        help="default: resources run for hours (many line items each); high-cardinality: a resource per line "
             "item, so most daily groups are distinct; steady: resources run all month, so daily series are "
             "smooth (for --anomalies).")] = ShapeChoice.default,
    accounts: Annotated[int, typer.Option(min=1, max=5000, metavar="N", help="Usage accounts (the first are payers).")] = 12,
    restate: Annotated[bool, typer.Option("--restate/--no-restate",
                                          help="Re-deliver one closed period with changed numbers.")] = True,
    focus_csv: Annotated[bool, typer.Option("--focus-csv", help="Write FOCUS as gzip CSV instead of Parquet.")] =
        False,
    focus_providers: Annotated[str, typer.Option(metavar="NAMES", help="Providers in the FOCUS files, comma-separated.")] =
        "AWS,Microsoft",
    focus_version: Annotated[FocusVersionChoice, typer.Option(
        metavar="[1.0|1.3]", help="FOCUS column set: 1.0 (ProviderName) or 1.3 (ServiceProviderName, HostProviderName).")] =
        FocusVersionChoice.v1_0,
    rows_per_file: Annotated[int, typer.Option(min=1, metavar="N", help="Split a delivery into files past this many rows.")] =
        1_000_000,
    chunk_rows: Annotated[int, typer.Option(min=1, metavar="N", help="Rows generated and written at a time (memory bound).")] =
        100_000,
    through: Annotated[datetime | None, typer.Option(
        formats=["%Y-%m-%d"], metavar="YYYY-MM-DD",
        help="Deliver the last period as an open month: usage up to the end of this day of it.")] = None,
    anomalies: Annotated[int, typer.Option(
        min=0, max=200, metavar="N",
        help="Realistic daily series (weekly rhythm, noise, one noisy series) with N known anomalies injected "
             "(spikes, bursts, level shifts), listed in OUT/anomalies.json. Needs two months or more.")] = 0,
    series_noise: Annotated[float, typer.Option(
        min=0.0, max=1.0, metavar="SIGMA", help="With --anomalies: the day-to-day noise of each series.")] = 0.1,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Do not print the totals table.")] = False,
) -> None:
    """Write synthetic AWS billing exports (legacy CUR CSV/Parquet, CUR 2.0, FOCUS) in AWS's delivery
    layouts, with manifests, plus expected_totals.json for reconciliation tests."""
    from sentinel.generate.runner import generate  # numpy and pyarrow only for this command

    console = Console()
    if not console.is_terminal:  # piped or captured: do not squeeze the totals into 80 columns
        console = Console(width=160)
    began = time.perf_counter()
    try:
        report = generate(
            out,
            formats=[f.value for f in format] if format else "all",
            months=months, start=start, rows_per_month=rows_per_month, seed=seed, granularity=granularity.value,
            shape=shape.value,
            accounts=accounts, restate=restate, focus_csv=focus_csv,
            focus_providers=[p.strip() for p in focus_providers.split(",") if p.strip()],
            focus_version=focus_version.value,
            rows_per_file=rows_per_file, chunk_rows=chunk_rows, print_table=not quiet, console=console,
            through=through.date() if through else None, anomalies=anomalies, series_noise=series_noise,
        )
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc
    seconds = time.perf_counter() - began
    console.print(f"wrote {len(report.files)} data files, {report.rows_generated:,} rows, "
                  f"{len(report.deliveries)} deliveries in {seconds:.1f}s; expected totals: {report.expected_totals}")
