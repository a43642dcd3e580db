"""What the lake has published: each billing period's current release (every table's version at once),
which the catalog pins its tables to."""

from __future__ import annotations

import os
from pathlib import Path

from sentinel_etl.lake import entry_name, release_of

Releases = dict[str, dict[str, str]]  # billing period -> `layer.table` -> version folder


def published_releases(lake_root: Path) -> Releases:
    """Every period's current release, each resolved once: a reader keeps these versions while newer
    releases are published, and sees silver and gold of a period from the same release."""
    current = lake_root / "_current"
    if not current.is_dir():
        return {}
    return {
        link.name.removeprefix("billing_period="): release_of(str(link))
        for link in sorted(current.iterdir()) if link.name.startswith("billing_period=")
    }


def versions_of(releases: Releases, layer: str, table: str) -> dict[str, str]:
    """billing period -> the version folder of one table, for the periods where it has data."""
    name = entry_name(layer, table)
    return {
        period: tables[name] for period, tables in releases.items()
        if name in tables and any(Path(tables[name]).glob("*.parquet"))
    }


def parquet_list(versions: dict[str, str], periods: list[str] | None = None) -> str:
    """The SQL list of the Parquet globs of these versions (all by default), quoted for DuckDB."""
    chosen = sorted(versions) if periods is None else periods
    return "[" + ", ".join("'" + os.path.join(versions[p], "*.parquet").replace("'", "''") + "'" for p in chosen) + "]"
