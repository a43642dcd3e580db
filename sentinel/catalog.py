"""The local Data Catalog: a DuckDB file with the schemas raw, silver and gold.

silver is views over the lake's Parquet, pinned to each period's release at the refresh (the lake
publishes a period's silver and gold as one release, so they change together for readers). gold is copied
in as DuckDB tables (gold.<table> is a view of the copy with the lake's types), each period's rows stored
together in date order: gold is small (a few percent of silver) and every dashboard request reads it, and DuckDB's own storage answers those reads in about half
the CPU of Parquet, pruning by its zone maps. The lake stays the source of truth; a refresh updates the
copy period by period (sentinel.catalog_gold).

Each refresh writes a new file (starting from a copy of the current one) and swaps it in with one rename,
so readers (the API, `sentinel query`) never wait on a writer lock and always open a complete catalog.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import shutil
import uuid
from pathlib import Path

import duckdb
from sentinel_etl.delivery_record import RECORD_NAME
from sentinel_etl.lake import LocalLake

from sentinel.catalog_gold import GOLD_TABLES, LAKE_PARQUET, sync_gold
from sentinel.deliveries.landing import rejection
from sentinel.published import Releases, parquet_list, published_releases, versions_of

log = logging.getLogger("sentinel.catalog")

SILVER_TABLES = ("line_items",)
# silver.line_items plus each row's file and position in it, for the API's audit-log pages.
LOCATED_LINE_ITEMS = "line_item_rows"


def table_glob(lake_root: Path, layer: str, table: str) -> str:
    return str(lake_root / layer / table / "billing_period=*" / "*.parquet")


def refresh_catalog(lake_root: Path, catalog_path: Path) -> dict[str, list[str]]:
    """Register every table that has data; returns the tables registered per schema."""
    catalog_path.parent.mkdir(parents=True, exist_ok=True)
    # One refresh at a time (runs for different periods may finish together): each starts from the
    # catalog the previous one swapped in, so none puts back gold that another has already replaced.
    with open(catalog_path.with_name(catalog_path.name + ".lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        # Temporaries are only made under this lock: any left now belong to a refresh that was killed.
        for leftover in catalog_path.parent.glob(f".{catalog_path.name}.*"):
            leftover.unlink(missing_ok=True)
        if catalog_path.is_file():
            try:
                return _refresh(lake_root, catalog_path, reuse=True)
            except duckdb.Error:
                # A previous catalog this version cannot update (damaged, or state of another shape).
                # A problem in the lake itself fails again in the full build.
                log.warning("cannot update %s; building it from the lake", catalog_path, exc_info=True)
        return _refresh(lake_root, catalog_path, reuse=False)


def _refresh(lake_root: Path, catalog_path: Path, *, reuse: bool) -> dict[str, list[str]]:
    temporary = catalog_path.with_name(f".{catalog_path.name}.{uuid.uuid4().hex[:8]}")
    registered: dict[str, list[str]] = {"raw": [], "silver": [], "gold": []}
    wal = temporary.with_name(temporary.name + ".wal")
    connection: duckdb.DuckDBPyConnection | None = None
    try:
        if reuse:
            shutil.copyfile(catalog_path, temporary)  # readers keep the file they have open
        connection = duckdb.connect(str(temporary))
        for schema in registered:
            connection.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
        _register_raw(connection, lake_root)
        registered["raw"].append("deliveries")
        releases = _pinned_releases(lake_root)  # once: every table of a period from the same release
        silver_versions = {table: versions_of(releases, "silver", table) for table in SILVER_TABLES}
        for table, versions in silver_versions.items():
            if not versions:
                connection.execute(f"DROP VIEW IF EXISTS silver.{table}")
                continue
            # Pinned to the versions published now, not a glob through the partition links: silver changes
            # for readers when the catalog is swapped (after gold), together with gold.
            connection.execute(
                f"CREATE OR REPLACE VIEW silver.{table} AS SELECT * FROM read_parquet({parquet_list(versions)}, "
                f"{LAKE_PARQUET})"
            )
            registered["silver"].append(table)
        if "line_items" in registered["silver"]:
            _register_line_item_rows(connection, silver_versions["line_items"])
            registered["silver"].append(LOCATED_LINE_ITEMS)
        else:
            connection.execute(f"DROP VIEW IF EXISTS silver.{LOCATED_LINE_ITEMS}")
        for table, order in GOLD_TABLES.items():
            if sync_gold(connection, versions_of(releases, "gold", table), table, order):
                registered["gold"].append(table)
        connection.execute("CHECKPOINT")
        connection.close()
        connection = None
        os.replace(temporary, catalog_path)
        _unpin_replaced(lake_root, releases)
    finally:
        # After the swap there is nothing left to remove; after a failure, no partial file stays behind.
        if connection is not None:
            connection.close()
        temporary.unlink(missing_ok=True)
        wal.unlink(missing_ok=True)
    return registered


# The catalog's pins in the lake (sentinel_etl.lake): its own versions, and the replaced catalog's, which
# readers may still have open.
CATALOG_PIN, REPLACED_PIN = "catalog", "replaced catalog"
PIN_ATTEMPTS = 5


def _version_folders(releases: Releases) -> list[str]:
    return [version for tables in releases.values() for version in tables.values()]


def _pinned_releases(lake_root: Path) -> Releases:
    """The published releases, pinned before this catalog uses them (a run publishing meanwhile prunes
    only what nobody pins). Until the swap the pins also keep the current catalog's versions."""
    if not lake_root.is_dir():
        return {}
    lake = LocalLake(str(lake_root))
    for _ in range(PIN_ATTEMPTS):
        releases = published_releases(lake_root)
        held = lake.pins()
        lake.pin({
            CATALOG_PIN: [*held.get(CATALOG_PIN, []), *_version_folders(releases)],
            REPLACED_PIN: held.get(REPLACED_PIN, []),
        })
        # A version pruned between reading the releases and pinning them: read the releases again.
        if all(os.path.isdir(version) for version in _version_folders(releases)):
            return releases
    raise RuntimeError(f"{lake_root}: releases kept changing while the catalog pinned them")


def _unpin_replaced(lake_root: Path, releases: Releases) -> None:
    """After the swap: this catalog's versions, and the replaced one's (still open in some readers)."""
    if not lake_root.is_dir():
        return
    lake = LocalLake(str(lake_root))
    own = _version_folders(releases)
    previous = set(lake.pins().get(CATALOG_PIN, [])) - set(own)
    lake.pin({CATALOG_PIN: own, REPLACED_PIN: sorted(previous)})


def _register_line_item_rows(connection: duckdb.DuckDBPyConnection, versions: dict[str, str]) -> None:
    """A page of the audit log finds its rows through narrow columns, then reads only those rows in full
    by (filename, file_row_number): far cheaper than reading every candidate row's wide columns.
    Positions are stable within a published partition version (versions are never rewritten)."""
    connection.execute(
        f"CREATE OR REPLACE VIEW silver.{LOCATED_LINE_ITEMS} AS SELECT * FROM read_parquet({parquet_list(versions)}, "
        f"{LAKE_PARQUET}, filename = true, file_row_number = true)"
    )


def _register_raw(connection: duckdb.DuckDBPyConnection, lake_root: Path) -> None:
    connection.execute(
        "CREATE OR REPLACE TABLE raw.deliveries (billing_period VARCHAR, export_name VARCHAR, delivery_id VARCHAR, "
        "format VARCHAR, files INTEGER, bytes BIGINT, manifest VARCHAR, source VARCHAR, delivered_at TIMESTAMP, "
        "landed_at TIMESTAMP, folder VARCHAR, rejected VARCHAR)"
    )
    rows = []
    for record_path in sorted((lake_root / "raw").glob(f"billing_period=*/export=*/delivery=*/{RECORD_NAME}")):
        record = json.loads(record_path.read_text(encoding="utf-8"))
        rows.append((
            record["billing_period"], record["export_name"], record["delivery_id"], record["format"],
            len(record["files"]), sum(f["bytes"] for f in record["files"]), record["manifest"], record["source"],
            record["delivered_at"].rstrip("Z").replace("T", " "), record["landed_at"].rstrip("Z").replace("T", " "),
            str(record_path.parent), rejection(record_path.parent),
        ))
    if rows:
        connection.executemany("INSERT INTO raw.deliveries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)


def connect_read_only(catalog_path: Path) -> duckdb.DuckDBPyConnection:
    if not catalog_path.exists():
        raise FileNotFoundError(f"no catalog at {catalog_path}: run `sentinel run` or `sentinel demo` first")
    return duckdb.connect(str(catalog_path), read_only=True)
