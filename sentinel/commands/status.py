"""`sentinel status`: billing periods known, their latest delivery, last materialization and checks."""

from __future__ import annotations

import typer
from rich.table import Table

from sentinel.commands.common import console, err, settings_for


def status() -> None:
    """Periods known, latest delivery per period, last materialization and check results."""
    from sentinel_etl.errors import InputError

    from sentinel_assets.definitions import build_definitions
    from sentinel_assets.execution import open_instance
    from sentinel_assets.resources import build_resources
    from sentinel_assets.status import period_statuses

    settings = settings_for()
    defs = build_definitions(settings)
    resources = build_resources(settings)
    try:
        store = resources["delivery_store"].current()
    except InputError as error:
        err.print(f"[yellow]delivery store {settings.delivery_root}: {error}[/yellow]")
        store = None
    check_keys = sorted(defs.resolve_asset_graph().asset_check_keys, key=lambda k: k.to_user_string())
    rows = period_statuses(open_instance(settings), resources["lake"], check_keys, store)
    if not rows:
        err.print(f"nothing yet under {settings.root}: run `sentinel demo` or `sentinel run --source PATH`")
        raise typer.Exit(0)
    table = Table(title=f"Sentinel · {settings.root} · delivery store {settings.delivery_root}")
    for column in ("period", "deliveries", "latest delivery", "delivered at", "last run", "gold materialized",
                   "checks"):
        table.add_column(column)
    for s in rows:
        waiting = f" [yellow](+{len(s.waiting)} waiting)[/yellow]" if s.waiting else ""
        run_style = {"SUCCESS": "green", "FAILURE": "red"}.get(s.last_run or "", "")
        checks = f"{s.checks_passed} passed"
        if s.checks_failed:
            checks += f", [red]failed: {', '.join(s.checks_failed)}[/red]"
        if s.checks_warned:
            checks += f", [yellow]warn: {', '.join(s.checks_warned)}[/yellow]"
        table.add_row(
            s.period, f"{s.deliveries}{waiting}", s.latest_delivery or "", s.latest_delivered_at or "",
            f"[{run_style}]{s.last_run}[/{run_style}]" if run_style else (s.last_run or "never"),
            s.materialized_at or "", checks,
        )
    console.print(table)
    for s in rows:
        for rejected in s.rejected:
            err.print(f"[yellow]{s.period}: rejected delivery {rejected}[/yellow]")
        for note in s.set_aside:
            err.print(f"{s.period}: {note}")
