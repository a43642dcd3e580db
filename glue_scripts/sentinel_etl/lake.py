"""Versioned table partitions on a local filesystem, published one billing period at a time.

    _versions/<layer>/<table>/billing_period=P/<version>/part-*.parquet   immutable versions, unique names
    _releases/billing_period=P/<release>/<layer>.<table>                 a release: a link per table to its version
    _current/billing_period=P                                            link to the period's current release
    _staged/billing_period=P/<layer>.<table>                             a checked version not yet published
    <layer>/<table>/billing_period=P                                     fixed link into _current (never swapped)
    _pins.json                                                           versions readers outside a run still hold

A job writes a version completely and checks it; raw_to_silver then stages silver, and silver_to_gold
publishes the staged silver with every gold table as one new release, swapping `_current` with one rename.
So silver and gold of a period change together, a reader resolving `_current` once sees every table at one
release, and a job killed at any point leaves the previous release in place. Temporaries are hidden names
no `billing_period=*` glob matches. (On S3 the same roles are played by release objects and the catalog's
partition locations: s3_lake.py; `open_lake` picks one from LAKE_ROOT.)
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from sentinel_etl.s3_lake import DEFAULT_DATABASE, S3Lake

KEEP_RELEASES = 2  # the current release and its predecessor, for readers still scanning it
PINS = "_pins.json"  # holder -> version folders (relative to the lake root) it still reads


def entry_name(layer: str, table: str) -> str:
    return f"{layer}.{table}"


def _swap_link(link: str, target: str) -> None:
    """Point `link` at `target` (relative) with one rename; the temporary is a hidden name."""
    directory = os.path.dirname(link)
    os.makedirs(directory, exist_ok=True)
    temporary = os.path.join(directory, f".{os.path.basename(link)}.swap-{uuid.uuid4().hex[:8]}")
    os.symlink(os.path.relpath(target, directory), temporary)
    os.replace(temporary, link)  # atomic on POSIX


def _stamp() -> str:
    return f"{datetime.now(UTC).strftime('%Y%m%dT%H%M%S%fZ')}-{uuid.uuid4().hex[:8]}"


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
        path = os.path.join(self.versions_dir(layer, table, period), _stamp())
        os.makedirs(os.path.dirname(path), exist_ok=True)
        return path

    def current_link(self, period: str) -> str:
        return os.path.join(self.root, "_current", f"billing_period={period}")

    def release(self, period: str) -> dict[str, str]:
        """The current release of a period: `layer.table` -> version folder (resolved once)."""
        return release_of(self.current_link(period))

    def current_version(self, layer: str, table: str, period: str) -> str | None:
        return self.release(period).get(entry_name(layer, table))

    def _staged_link(self, layer: str, table: str, period: str) -> str:
        return os.path.join(self.root, "_staged", f"billing_period={period}", entry_name(layer, table))

    def stage(self, layer: str, table: str, period: str, version: str) -> None:
        """Keep a checked version for the next publish of its period (readers do not see it yet)."""
        _swap_link(self._staged_link(layer, table, period), version)

    def staged(self, layer: str, table: str, period: str) -> str | None:
        link = self._staged_link(layer, table, period)
        return os.path.realpath(link) if os.path.isdir(link) else None

    def publish(self, period: str, versions: dict[tuple[str, str], str]) -> None:
        """Make these versions, with the period's other tables as they are, the period's new release."""
        entries = {**self.release(period), **{entry_name(*key): path for key, path in versions.items()}}
        release = os.path.join(self.root, "_releases", f"billing_period={period}", _stamp())
        os.makedirs(release)
        for name, version in entries.items():
            os.symlink(os.path.relpath(version, release), os.path.join(release, name))
        _swap_link(self.current_link(period), release)  # the one step readers see
        for layer, table in versions:
            fixed = self.partition_path(layer, table, period)
            target = os.path.join(self.current_link(period), entry_name(layer, table))
            if not os.path.islink(fixed) or os.readlink(fixed) != os.path.relpath(target, os.path.dirname(fixed)):
                _swap_link(fixed, target)  # once per table and period (or from an older layout)
            staged = self._staged_link(layer, table, period)
            if os.path.islink(staged) and os.path.realpath(staged) == os.path.realpath(versions[(layer, table)]):
                os.unlink(staged)
        self._prune(period, list(versions))

    def pins(self) -> dict[str, list[str]]:
        """Each holder's pinned version folders (absolute)."""
        try:
            with open(os.path.join(self.root, PINS), encoding="utf-8") as handle:
                held = json.load(handle)
        except FileNotFoundError:
            return {}
        root = os.path.realpath(self.root)
        return {holder: [os.path.join(root, path) for path in paths] for holder, paths in held.items()}

    def pin(self, holders: dict[str, list[str]]) -> None:
        """Replace the pins (holder -> version folders) in one rename."""
        root = os.path.realpath(self.root)
        text = json.dumps({holder: sorted({os.path.relpath(os.path.realpath(p), root) for p in paths})
                           for holder, paths in holders.items()}, indent=1)
        temporary = os.path.join(self.root, f".{PINS}.{uuid.uuid4().hex[:8]}")
        with open(temporary, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temporary, os.path.join(self.root, PINS))

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

    def _prune(self, period: str, tables: list[tuple[str, str]]) -> None:
        """Keep the last releases, what they or the staging area point at and what readers pin; delete the rest."""
        releases_dir = os.path.join(self.root, "_releases", f"billing_period={period}")
        releases = sorted(n for n in os.listdir(releases_dir) if not n.startswith("."))
        for name in releases[:-KEEP_RELEASES]:
            shutil.rmtree(os.path.join(releases_dir, name), ignore_errors=True)
        kept = {path for name in releases[-KEEP_RELEASES:] for path in release_of(os.path.join(releases_dir, name)).values()}
        kept.update(os.path.realpath(path) for paths in self.pins().values() for path in paths)
        for layer, table in tables:
            staged = self.staged(layer, table, period)
            directory = self.versions_dir(layer, table, period)
            for name in os.listdir(directory):
                path = os.path.realpath(os.path.join(directory, name))
                if path not in kept and path != staged:
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


def release_of(path: str) -> dict[str, str]:
    """The tables of a release folder (or a link to one): `layer.table` -> version folder."""
    folder = os.path.realpath(path)
    if not os.path.isdir(folder):
        return {}
    return {name: os.path.realpath(os.path.join(folder, name)) for name in sorted(os.listdir(folder))
            if not name.startswith(".")}


VersionedLake = LocalLake | S3Lake


def open_lake(root: str, engine: str, *, database: str | None = None, mode: str | None = None) -> VersionedLake:
    """The ONE place that picks the lake from LAKE_ROOT's scheme (and, on S3, how files move).

    `s3://` with Spark on Glue reads and writes the bucket directly; any other engine (DuckDB through
    sqlframe has no httpfs offline, local PySpark has no hadoop-aws) works on a local staging copy.
    """
    if not root.startswith("s3://"):
        return LocalLake(root)
    staged = (mode or ("direct" if engine == "spark" else "staged")) == "staged"
    return S3Lake(root, staged_io=staged, database=database or DEFAULT_DATABASE)
