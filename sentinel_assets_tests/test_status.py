from __future__ import annotations

import pytest
from rich.console import Console
from typer.testing import CliRunner

from sentinel.cli import app
from sentinel.commands import status as status_command
from sentinel_assets.local import LocalLake
from sentinel_assets.status import period_statuses
from sentinel_assets_tests.conftest import SAMPLE_PERIODS, Built


def test_period_statuses(samples_built: Built) -> None:
    check_keys = list(samples_built.defs.resolve_asset_graph().asset_check_keys)
    rows = period_statuses(samples_built.instance, LocalLake(root=str(samples_built.settings.lake_root)), check_keys)
    assert [r.period for r in rows] == SAMPLE_PERIODS
    for row in rows:
        assert row.deliveries == 1 and row.latest_delivery and row.latest_delivered_at
        assert row.last_run == "SUCCESS" and row.materialized_at
        assert row.checks_passed == 14 and not row.checks_failed and not row.checks_warned


def test_sentinel_status(samples_built: Built, monkeypatch: pytest.MonkeyPatch) -> None:
    # A wide console of its own: the shared one may have been sized by an earlier test in this worker.
    monkeypatch.setattr(status_command, "console", Console(width=200))
    env = {"SENTINEL_HOME": str(samples_built.settings.root), "SENTINEL_SOURCE": str(samples_built.settings.source),
           "COLUMNS": "200"}
    result = CliRunner().invoke(app, ["status"], env=env)
    assert result.exit_code == 0, result.output
    for period in SAMPLE_PERIODS:
        assert period in result.output
    assert "14 passed" in result.output and "SUCCESS" in result.output
