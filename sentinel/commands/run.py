"""`sentinel run`: land an export and build silver and gold for its periods."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from sentinel.commands.common import console, err, settings_for


def run(
    source: Annotated[Path, typer.Option("--source", "-s", help="Export root, folder of files, or one file.")],
    period: Annotated[list[str] | None, typer.Option("--period", "-p", help="Only this billing period (YYYY-MM).")] = None,
    engine: Annotated[str | None, typer.Option(help="duckdb (default) or spark.")] = None,
) -> None:
    """Land a billing export and build silver and gold for its billing periods."""
    from sentinel_etl.errors import InputError

    from sentinel.job_runner import JobFailed
    from sentinel.pipeline import run_local

    settings = settings_for(engine)
    try:
        results = run_local(source, settings, period or None, progress=lambda m: err.print(f"[dim]{m}[/dim]"))
    except (InputError, JobFailed) as error:
        err.print(f"[red]error:[/red] {error}")
        raise typer.Exit(2) from None
    table = Table(title=f"Sentinel · {settings.engine} · {settings.root}")
    for column in ("period", "rows", "unblended", "amortized", "list / public", "checks"):
        table.add_column(column, justify="right" if column != "period" else "left")
    for r in results:
        table.add_row(r.period, f"{r.rows:,}", f"{r.unblended:,.6f}", f"{r.amortized:,.6f}", f"{r.public:,.6f}",
                      f"{r.checks_passed}/{r.checks_total}")
    console.print(table)
