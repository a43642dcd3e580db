"""Building a source the way `sentinel run` does (sentinel_assets.execution.build_source), for tests that
need their own SENTINEL_HOME; a failed period raises, naming its error and the failed job's exit code."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sentinel.settings import Settings
from sentinel_assets.execution import PeriodResult, build_source


class BuildFailed(Exception):
    def __init__(self, result: PeriodResult):
        super().__init__(f"{result.period}: {result.error}")
        self.result = result
        self.code = result.exit_code


def build(source: Path, settings: Settings, periods: Sequence[str] | None = None) -> list[PeriodResult]:
    results = build_source(settings, source, periods)
    for result in results:
        if not result.succeeded:
            raise BuildFailed(result)
    return results
