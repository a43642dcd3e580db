"""Which version of each partition the lake has published: what the catalog pins its tables to."""

from __future__ import annotations

import os
from pathlib import Path


def published_versions(lake_root: Path, layer: str, table: str) -> dict[str, str]:
    """billing period -> the version folder its partition link resolves to, for partitions with data.
    Resolved once, so a reader of the catalog keeps reading that version while a newer one is published."""
    folder = lake_root / layer / table
    if not folder.is_dir():
        return {}
    return {
        entry.name.removeprefix("billing_period="): os.path.realpath(entry)
        for entry in sorted(folder.iterdir())
        if entry.name.startswith("billing_period=") and any(entry.glob("*.parquet"))
    }


def parquet_list(versions: dict[str, str], periods: list[str] | None = None) -> str:
    """The SQL list of the Parquet globs of these versions (all by default), quoted for DuckDB."""
    chosen = sorted(versions) if periods is None else periods
    return "[" + ", ".join("'" + os.path.join(versions[p], "*.parquet").replace("'", "''") + "'" for p in chosen) + "]"
