"""Versioned, atomically published table partitions on a local filesystem.

A partition `<layer>/<table>/billing_period=P` is a symlink to an immutable version folder under
`_versions/`. Publishing a new version writes it completely, then swaps the link with one rename, so a
reader sees the old or the new partition, never a mix, and a failed write leaves the old one in place.
(On S3 the same role is played by a versioned prefix and the catalog partition's location: s3_lake.py;
`open_lake` picks one from LAKE_ROOT.)
"""

from __future__ import annotations

import os
import shutil
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from sentinel_etl.s3_lake import DEFAULT_DATABASE, S3Lake

KEEP_VERSIONS = 2  # the published one and its predecessor, for readers still scanning it


@dataclass(frozen=True)
class LocalLake:
    root: str

    def table_dir(self, layer: str, table: str) -> str:
        return os.path.join(self.root, layer, table)

    def partition_path(self, layer: str, table: str, period: str) -> str:
        return os.path.join(self.table_dir(layer, table), f"billing_period={period}")

    def versions_dir(self, layer: str, table: str, period: str) -> str:
        return os.path.join(self.root, "_versions", layer, table, f"billing_period={period}")

    def new_version(self, layer: str, table: str, period: str) -> str:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        path = os.path.join(self.versions_dir(layer, table, period), f"{stamp}-{uuid.uuid4().hex[:8]}")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        return path

    def current_version(self, layer: str, table: str, period: str) -> str | None:
        link = self.partition_path(layer, table, period)
        return os.path.realpath(link) if os.path.islink(link) else None

    def publish(self, layer: str, table: str, period: str, version: str) -> None:
        link = self.partition_path(layer, table, period)
        os.makedirs(os.path.dirname(link), exist_ok=True)
        # Hidden, so no reader's `billing_period=*` ever matches the link while it is being made.
        temporary = os.path.join(os.path.dirname(link), f".{os.path.basename(link)}.swap-{uuid.uuid4().hex[:8]}")
        os.symlink(os.path.relpath(version, os.path.dirname(link)), temporary)
        os.replace(temporary, link)  # atomic on POSIX
        self._prune(layer, table, period)

    def discard(self, version: str) -> None:
        shutil.rmtree(version, ignore_errors=True)

    def periods(self, layer: str, table: str) -> list[str]:
        directory = self.table_dir(layer, table)
        if not os.path.isdir(directory):
            return []
        return sorted(
            name.split("=", 1)[1]
            for name in os.listdir(directory)
            if name.startswith("billing_period=")
        )

    def parquet_files(self, path: str) -> list[str]:
        if not os.path.isdir(path):
            return []
        return sorted(
            os.path.join(path, name) for name in os.listdir(path)
            if name.endswith(".parquet") and not name.startswith((".", "_"))
        )

    def _prune(self, layer: str, table: str, period: str) -> None:
        versions = sorted(os.listdir(self.versions_dir(layer, table, period)))
        current = self.current_version(layer, table, period)
        for name in versions[:-KEEP_VERSIONS]:
            path = os.path.join(self.versions_dir(layer, table, period), name)
            if os.path.realpath(path) != current:
                shutil.rmtree(path, ignore_errors=True)

    # The same reading interface as S3Lake, so the jobs never ask which lake they have.
    def input_folder(self, uri: str) -> str:
        return uri

    def read_text(self, uri: str) -> str:
        with open(uri, encoding="utf-8") as handle:
            return handle.read()

    def input_partition(self, layer: str, table: str, period: str) -> str | None:
        path = self.partition_path(layer, table, period)
        return path if os.path.exists(path) else None

    def public(self, text: str) -> str:
        """Messages name the lake's own paths (S3 staging copies become s3:// URIs again)."""
        return text

    def close(self) -> None:
        """Nothing to clean up locally."""


VersionedLake = LocalLake | S3Lake


def open_lake(root: str, engine: str, *, database: str | None = None, mode: str | None = None) -> VersionedLake:
    """The ONE place that picks the lake from LAKE_ROOT's scheme (and, on S3, how files move).

    `s3://` with Spark on Glue reads and writes the bucket directly; any other engine (DuckDB through
    sqlframe has no httpfs offline, local PySpark has no hadoop-aws) works on a local staging copy.
    """
    if not root.startswith("s3://"):
        return LocalLake(root)
    staged = (mode or ("direct" if engine == "spark" else "staged")) == "staged"
    return S3Lake(root, staged=staged, database=database or DEFAULT_DATABASE)
