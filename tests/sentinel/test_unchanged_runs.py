"""What makes a remembered run stale: the source's files, the settings, the periods asked for, the release."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sentinel.period_result import PeriodResult
from sentinel.settings import Settings
from sentinel.unchanged_runs import recall, remember


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Settings, Path]:
    settings = Settings(home=tmp_path / "home")
    source = tmp_path / "export"
    source.mkdir()
    (source / "bill.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    _publish(settings, "2024-01", "r1")
    settings.catalog_path.write_bytes(b"")
    return settings, source


def _publish(settings: Settings, period: str, release: str) -> None:
    target = settings.lake_root / "_releases" / f"billing_period={period}" / release
    target.mkdir(parents=True, exist_ok=True)
    link = settings.lake_root / "_current" / f"billing_period={period}"
    link.parent.mkdir(parents=True, exist_ok=True)
    link.unlink(missing_ok=True)
    link.symlink_to(target)


RESULT = PeriodResult("2024-01", rows=3, unblended=1.5, checks_passed=13, checks_total=13, deliveries=["d1"])


def test_a_run_is_recalled_while_nothing_changed(setup: tuple[Settings, Path]) -> None:
    settings, source = setup
    assert recall(settings, source, []) is None
    remember(settings, source, [], [RESULT])
    recalled = recall(settings, source, [])
    assert recalled is not None and recalled[1] == [RESULT]


def test_a_new_file_or_a_rewritten_one_is_a_change(setup: tuple[Settings, Path]) -> None:
    settings, source = setup
    remember(settings, source, [], [RESULT])
    (source / "restated.csv").write_text("a,b\n1,3\n", encoding="utf-8")
    assert recall(settings, source, []) is None
    (source / "restated.csv").unlink()
    assert recall(settings, source, []) is not None
    (source / "bill.csv").write_text("a,b\n1,20\n", encoding="utf-8")  # other size and time
    assert recall(settings, source, []) is None


def test_other_settings_or_periods_are_a_change(setup: tuple[Settings, Path]) -> None:
    settings, source = setup
    remember(settings, source, [], [RESULT])
    assert recall(settings.model_copy(update={"engine": "spark"}), source, []) is None
    assert recall(settings, source, ["2024-01"]) is None


def test_a_newer_release_or_a_missing_catalog_is_a_change(setup: tuple[Settings, Path]) -> None:
    settings, source = setup
    remember(settings, source, [], [RESULT])
    _publish(settings, "2024-01", "r2")  # built since, e.g. from the Dagster UI
    assert recall(settings, source, []) is None
    _publish(settings, "2024-01", "r1")
    os.remove(settings.catalog_path)
    assert recall(settings, source, []) is None


def test_a_failed_run_is_not_remembered_and_forgets_the_last(setup: tuple[Settings, Path]) -> None:
    settings, source = setup
    remember(settings, source, [], [RESULT])
    remember(settings, source, [], [PeriodResult("2024-01", error="the job failed")])
    assert recall(settings, source, []) is None
