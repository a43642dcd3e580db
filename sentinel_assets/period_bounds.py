"""Where the partition set starts: SENTINEL_FIRST_BILLING_PERIOD, else the first billing period with data.

Kept apart from sentinel_assets.partitions, which builds the partitions definition when it is imported: a
command that knows its own delivery store (`sentinel run --source`, `sentinel dev`) fixes the start with
`pin_first_billing_period` before anything imports the definitions, and the processes it starts inherit it.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterable
from datetime import UTC, date, datetime
from pathlib import Path

from sentinel.settings import BILLING_PERIOD_PATTERN, Settings
from sentinel_assets.resources import build_resources

log = logging.getLogger(__name__)
SETTING = "SENTINEL_FIRST_BILLING_PERIOD"
PERIOD = re.compile(BILLING_PERIOD_PATTERN)


def period_of(moment: date | datetime) -> str:
    return f"{moment.year:04d}-{moment.month:02d}"


def periods_in_store(settings: Settings, source: Path | None) -> list[str]:
    """Billing periods with a current delivery in the delivery store (reads manifests and headers)."""
    store = build_resources(settings, source=source)["delivery_store"]
    return sorted({ref.billing_period for ref in store.current()})


def earliest_period(settings: Settings, store_periods: Iterable[str] | None = None) -> str:
    """The earliest of the periods landed in the lake (a folder listing) and `store_periods`; with no
    data landed and none given, the delivery store's own; the open month when there is no data at all."""
    periods = set(build_resources(settings)["lake"].periods()) | set(store_periods or ())
    if not periods and store_periods is None:
        try:
            periods = set(periods_in_store(settings, None))
        except Exception as error:  # a bad file must not stop the code location from loading
            log.warning("could not read the delivery store for the first billing period: %s", error)
    valid = sorted(p for p in periods if PERIOD.match(p))
    return valid[0] if valid else period_of(datetime.now(UTC))


def first_billing_period(settings: Settings) -> str:
    return settings.first_billing_period or earliest_period(settings)


def pin_first_billing_period(settings: Settings, store_periods: Iterable[str]) -> str:
    """Fix the start for this process and its children: the setting, else the earliest of the lake and
    the periods this command will build."""
    first = settings.first_billing_period or earliest_period(settings, store_periods)
    os.environ[SETTING] = first
    return first
