from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from billing_fixtures import SAMPLES
from pydantic import ValidationError

from sentinel.settings import Settings
from sentinel_assets.partitions import billing_periods_def, period_of, periods_to_refresh, previous_period
from sentinel_assets.period_bounds import earliest_period, first_billing_period, pin_first_billing_period


def test_partition_keys_are_billing_periods_up_to_the_open_month() -> None:
    keys = billing_periods_def("2023-10").get_partition_keys(current_time=datetime(2024, 1, 3))
    assert keys == ["2023-10", "2023-11", "2023-12", "2024-01"]


@pytest.mark.parametrize(("moment", "expected"), [
    (datetime(2024, 10, 3), ["2024-09", "2024-10"]),
    (datetime(2024, 10, 15), ["2024-09", "2024-10"]),
    (datetime(2024, 10, 16), ["2024-10"]),
    (datetime(2024, 1, 1), ["2023-12", "2024-01"]),
])
def test_periods_to_refresh(moment: datetime, expected: list[str]) -> None:
    assert periods_to_refresh(moment) == expected


def test_period_helpers() -> None:
    assert period_of(datetime(2024, 3, 31)) == "2024-03"
    assert previous_period("2024-01") == "2023-12"


def test_the_partition_set_starts_at_the_first_period_with_data(tmp_path: Path) -> None:
    home = Settings(home=tmp_path / "home", first_billing_period=None)
    # Nothing anywhere: the open month only.
    assert earliest_period(home) == period_of(datetime.now(UTC))
    # Nothing landed: the delivery store's own periods (the FOCUS sample holds 2024-09 and 2024-10).
    home.landing_root.mkdir(parents=True)
    shutil.copy2(SAMPLES / "focus-1.0-sample.csv", home.landing_root / "focus.csv")
    assert earliest_period(home) == "2024-09"
    # Landed periods are read from the lake's folders; a command's own export can start it earlier.
    (home.lake_root / "raw" / "billing_period=2023-11").mkdir(parents=True)
    assert earliest_period(home) == "2023-11"
    assert earliest_period(home, ["2018-11", "not-a-period"]) == "2018-11"
    assert first_billing_period(home) == "2023-11"
    assert first_billing_period(home.model_copy(update={"first_billing_period": "2020-01"})) == "2020-01"


def test_a_command_pins_the_start_for_the_processes_it_starts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SENTINEL_FIRST_BILLING_PERIOD")
    settings = Settings(home=tmp_path)
    assert pin_first_billing_period(settings, ["2019-03", "2024-01"]) == "2019-03"
    assert os.environ["SENTINEL_FIRST_BILLING_PERIOD"] == "2019-03" == Settings().first_billing_period
    # and the partitions end at the open month
    keys = billing_periods_def(Settings().first_billing_period or "").get_partition_keys(
        current_time=datetime(2019, 5, 2, tzinfo=UTC))
    assert keys == ["2019-03", "2019-04", "2019-05"]


def test_a_bad_first_billing_period_setting_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SENTINEL_FIRST_BILLING_PERIOD", "2024-13")
    with pytest.raises(ValidationError, match="first_billing_period"):
        Settings()
