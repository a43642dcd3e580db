"""`sentinel dev`: the Dagster UI with Sentinel's code location loaded (`dagster dev -w workspace.yaml`)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import typer

from sentinel.commands.common import err, settings_for

REPO_ROOT = Path(__file__).resolve().parents[2]
WORKSPACE = """\
load_from:
  - python_module:
      module_name: sentinel_assets.definitions
      location_name: sentinel
"""


def dev(
    port: Annotated[int, typer.Option("--port", "-p", metavar="PORT", help="Port of the Dagster UI.")] = 3000,
    host: Annotated[str, typer.Option(metavar="HOST", help="Interface to bind.")] = "127.0.0.1",
) -> None:
    """Start the Dagster UI (webserver and daemon: schedules, sensors, backfills) with DAGSTER_HOME set."""
    from sentinel_assets.period_bounds import periods_in_store, pin_first_billing_period

    settings = settings_for()
    # Once, for the webserver, the daemon and every run: partitions from the first period with data.
    try:
        first = pin_first_billing_period(settings, periods_in_store(settings, None))
    except Exception as error:  # a bad delivery is the sensor's to report; the UI still starts
        err.print(f"[yellow]warning:[/yellow] could not read the delivery store: {error}")
        first = pin_first_billing_period(settings, [])
    from sentinel_assets.execution import dagster_home

    home = dagster_home(settings)
    workspace = REPO_ROOT / "workspace.yaml"
    if not workspace.is_file():  # installed without the repository: write an equivalent workspace
        workspace = home / "workspace.yaml"
        workspace.write_text(WORKSPACE, encoding="utf-8")
    env = {**os.environ, "DAGSTER_HOME": str(home), "SENTINEL_HOME": str(settings.root)}
    err.print(f"[dim]DAGSTER_HOME={home}  workspace={workspace}  billing periods from {first}[/dim]")
    command = [sys.executable, "-m", "dagster", "dev", "-w", str(workspace), "-h", host, "-p", str(port)]
    try:
        code = subprocess.call(command, cwd=workspace.parent, env=env)
    except KeyboardInterrupt:
        code = 0
    raise typer.Exit(code)
