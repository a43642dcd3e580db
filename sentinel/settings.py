"""Sentinel's settings, from the environment (`SENTINEL_*`) with local defaults.

`SENTINEL_ENV` picks the implementation of every resource in one place (sentinel_assets.resources).
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SENTINEL_", extra="ignore")

    env: Literal["local", "aws"] = "local"
    home: Path = Path(".sentinel")
    engine: Literal["duckdb", "spark"] = "duckdb"
    spark_master: str = "local[2]"
    first_billing_period: str = "2018-01"  # the first partition Dagster offers
    expected_delivery_hours: int = 36  # freshness: AWS refreshes the open month up to three times a day
    source: Path | None = None  # the delivery store (where exports arrive); the landing folder by default

    @cached_property
    def root(self) -> Path:
        return self.home.expanduser().resolve()

    @property
    def lake_root(self) -> Path:
        return self.root / "lake"

    @property
    def landing_root(self) -> Path:
        return self.root / "landing"

    @property
    def delivery_root(self) -> Path:
        return self.source.expanduser().resolve() if self.source else self.landing_root

    @property
    def catalog_path(self) -> Path:
        return self.root / "catalog.duckdb"

    @property
    def dagster_home(self) -> Path:
        return self.root / "dagster"


def get_settings() -> Settings:
    return Settings()
