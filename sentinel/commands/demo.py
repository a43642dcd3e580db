"""`sentinel demo` (what `make demo` runs): a landing folder from the public samples and a generated
multi-month CUR 2.0 export, every period built through Dagster, then where to look next."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from sentinel.commands.common import console, err, settings_for
from sentinel.commands.run import materialize, print_results

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
GENERATED_MONTHS = 3  # ending with the open month, so the daily schedule and freshness check have work


def demo(
    rows_per_month: Annotated[int, typer.Option(metavar="N", help="Line items per month in the generated export.")] = 20_000,
    samples_only: Annotated[bool, typer.Option("--samples-only", help="Skip the generated export.")] = False,
) -> None:
    """Build the demo: public samples + a generated export, every billing period materialized."""
    settings = settings_for()
    landing = settings.landing_root
    copied = copy_samples(landing / "samples")
    err.print(f"[dim]landing folder {landing}: {copied} public sample files[/dim]")
    if not samples_only:
        generated = generate_export(landing / "generated-cur2", rows_per_month)
        err.print(f"[dim]generated a CUR 2.0 export: {generated}[/dim]")
    results = materialize(settings, landing, [], None)
    print_results(settings, results)
    console.print(
        "\nNext:\n"
        "  [bold]sentinel dev[/bold]      the Dagster UI (lineage, runs, checks, backfills) at http://127.0.0.1:3000\n"
        "  [bold]sentinel serve[/bold]    the dashboard at http://127.0.0.1:8000\n"
        "  [bold]sentinel status[/bold]   periods, deliveries, last materializations and checks\n"
        '  [bold]sentinel query[/bold] "select * from gold.period_summary"'
    )
    if any(not r.succeeded for r in results):
        raise typer.Exit(1)


def copy_samples(target: Path) -> int:
    """Copy the bundled samples (data files only); copy2 keeps their times, so re-running lands nothing new."""
    target.mkdir(parents=True, exist_ok=True)
    files = [p for p in sorted(SAMPLES.iterdir()) if p.suffix in (".csv", ".parquet", ".gz")]
    for path in files:
        if not (target / path.name).exists():
            shutil.copy2(path, target / path.name)
    return len(files)


def generate_export(target: Path, rows_per_month: int) -> str:
    from sentinel.generate import generate

    today = datetime.now(UTC)
    index = today.year * 12 + today.month - 1 - (GENERATED_MONTHS - 1)
    start = f"{index // 12:04d}-{index % 12 + 1:02d}"
    if not target.exists():  # deterministic for given arguments: generate once, keep it
        generate(target, formats="cur2", months=GENERATED_MONTHS, start=start, rows_per_month=rows_per_month,
                 progress=False)
    return f"{target} ({GENERATED_MONTHS} months from {start})"
