"""`sentinel demo` (what `make demo` runs): a landing folder from the public samples and a generated
multi-month CUR 2.0 export, every period built through Dagster, then where to look next."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Annotated

import typer

from sentinel.commands.common import console, err, settings_for
from sentinel.commands.run import materialize, print_results

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
# Ending with the open month, delivered up to today as AWS would deliver it, so month-to-date, the forecast,
# freshness and comparisons behave as they will on a user's own data.
GENERATED_MONTHS = 3


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


def generated_through(target: Path) -> date | None:
    try:
        parameters = json.loads((target / "expected_totals.json").read_text())["parameters"]
        return date.fromisoformat(parameters["through"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def generate_export(target: Path, rows_per_month: int) -> str:
    from sentinel.generate import generate

    today = datetime.now(UTC).date()
    # AWS's deliveries lag usage by about a day: the open month is delivered through yesterday (on the 1st,
    # through today, the only day the month has).
    through = today - timedelta(days=1) if today.day > 1 else today
    index = today.year * 12 + today.month - 1 - (GENERATED_MONTHS - 1)
    start = f"{index // 12:04d}-{index % 12 + 1:02d}"
    # Deterministic for given arguments: generated once a day. A later day delivers the open month again
    # with more days in it, as AWS does; raw keeps the earlier delivery beside it.
    if generated_through(target) != through:
        shutil.rmtree(target, ignore_errors=True)
        generate(target, formats="cur2", months=GENERATED_MONTHS, start=start, rows_per_month=rows_per_month,
                 through=through, progress=False)
    return f"{target} ({GENERATED_MONTHS} months from {start}, the last delivered through {through})"
