"""The column schemas shown in Dagster match docs/schema.md and the tables the jobs really write."""

from __future__ import annotations

import re

import duckdb
from dagster import TableSchema

from sentinel_assets.schemas import GOLD_TABLES, RAW_DELIVERIES, SILVER_LINE_ITEMS
from sentinel_assets_tests.conftest import Built
from sentinel_assets_tests.exports import REPO


def columns(schema: TableSchema) -> dict[str, str]:
    return {c.name: c.type for c in schema.columns}


def documented_silver() -> dict[str, str]:
    text = (REPO / "docs" / "schema.md").read_text(encoding="utf-8")
    section = text.split("## silver.line_items", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| (\w+) \| ([A-Z]+(?:\([^)]*\))?) \|", section, flags=re.M)
    return dict(rows)


def described(built: Built, table: str) -> dict[str, str]:
    with duckdb.connect(str(built.settings.catalog_path), read_only=True) as connection:
        rows = connection.execute(f"DESCRIBE {table}").fetchall()
    return {str(r[0]): str(r[1]).replace(" WITH TIME ZONE", "") for r in rows}


def test_silver_matches_the_documented_schema() -> None:
    assert columns(SILVER_LINE_ITEMS) == documented_silver()


def test_every_table_matches_what_the_jobs_write(samples_built: Built) -> None:
    assert columns(RAW_DELIVERIES) == described(samples_built, "raw.deliveries")
    assert columns(SILVER_LINE_ITEMS) == described(samples_built, "silver.line_items")
    for name, schema in GOLD_TABLES.items():
        assert columns(schema) == described(samples_built, f"gold.{name}"), name
