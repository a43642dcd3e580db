"""Remembering what `sentinel run` last built from a source, so a re-run of the same delivery rebuilds nothing.

A run is unchanged when the source holds the same files (path, size, time), the settings and Sentinel's
version are the same, the same periods are asked for, and each period's published release is still the one
that run made. Anything else (a new delivery, a run from the Dagster UI, a deleted lake) rebuilds. Only runs
where every period succeeded are remembered: a failure is always retried.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from sentinel.deliveries.fingerprint import source_fingerprint
from sentinel.period_result import PeriodResult
from sentinel.settings import Settings


def memo_path(settings: Settings, source: Path) -> Path:
    name = hashlib.sha256(str(source.resolve()).encode()).hexdigest()[:16]
    return settings.root / "runs" / f"last-{name}.json"


def _version() -> str:
    try:
        return metadata.version("sentinel-finops")
    except metadata.PackageNotFoundError:
        return "unknown"


def _releases(settings: Settings, periods: list[str]) -> dict[str, str]:
    current = settings.lake_root / "_current"
    return {period: os.path.realpath(current / f"billing_period={period}") for period in periods}


def _key(settings: Settings, source: Path, requested: list[str]) -> dict[str, Any]:
    return {
        "source": str(source.resolve()),
        "fingerprint": source_fingerprint(source.resolve()),
        "settings": settings.model_dump(mode="json"),
        "version": _version(),
        "requested": sorted(requested),
    }


def remember(settings: Settings, source: Path, requested: list[str], results: list[PeriodResult]) -> None:
    """Record a run in which every period succeeded (a failed run is not remembered, and forgets the last)."""
    path = memo_path(settings, source)
    if not results or any(not r.succeeded for r in results):
        path.unlink(missing_ok=True)
        return
    built = [r.period for r in results if not r.no_delivery]
    memo = {**_key(settings, source, requested), "releases": _releases(settings, built),
            "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "results": [dataclasses.asdict(r) for r in results]}
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    temporary.write_text(json.dumps(memo, indent=1), encoding="utf-8")
    os.replace(temporary, path)


def recall(settings: Settings, source: Path, requested: list[str]) -> tuple[str, list[PeriodResult]] | None:
    """(when it was built, the results) of the last run if nothing it depends on changed since; else None."""
    try:
        memo = json.loads(memo_path(settings, source).read_text(encoding="utf-8"))
        key = _key(settings, source, requested)
        if any(memo.get(field) != value for field, value in key.items()):
            return None
        if _releases(settings, list(memo["releases"])) != memo["releases"] or not settings.catalog_path.exists():
            return None
        return str(memo["built_at"]), [PeriodResult(**each) for each in memo["results"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None  # no memo, or an unreadable one: build
