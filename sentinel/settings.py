"""Sentinel's settings, from the environment (`SENTINEL_*`) with local defaults.

`SENTINEL_ENV` picks the implementation of every resource in one place (sentinel_assets.resources).
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

BILLING_PERIOD_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"  # YYYY-MM


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SENTINEL_", extra="ignore")

    env: Literal["local", "aws"] = "local"
    home: Path = Path(".sentinel")
    engine: Literal["duckdb", "spark"] = "duckdb"
    spark_master: str = "local[2]"
    # DuckDB's memory limit in a local job ('1GB', '70%'; '' = DuckDB's default, 80% of RAM). Bounded, the
    # buffer pool spills to disk instead of growing with the month.
    job_memory_limit: str = "1GB"
    # The first partition Dagster offers; unset: the first billing period with data (period_bounds).
    first_billing_period: str | None = Field(default=None, pattern=BILLING_PERIOD_PATTERN)
    expected_delivery_hours: int = 36  # freshness: AWS refreshes the open month up to three times a day
    source: Path | None = None  # the delivery store (where exports arrive); the landing folder by default
    # One export per bill (payer × period × provider): formats by preference, or `payer=export,...` pins.
    export_preference: str = "cur2,legacy_cur_parquet,legacy_cur_csv,focus"
    export_pins: str = ""
    # Anomaly detection (sentinel_etl.anomalies.rules holds the method): the cost view of the series, the
    # robust score a day must reach, and the impact floors (currency units, and a share of the series' level).
    anomaly_view: Literal["unblended", "net_unblended", "amortized", "public"] = "amortized"
    anomaly_threshold: float = Field(default=5.0, gt=0)
    anomaly_min_impact: float = Field(default=10.0, ge=0)
    anomaly_min_relative_impact: float = Field(default=0.2, ge=0)

    # SENTINEL_ENV=aws: the CDK stack's outputs (infra/sentinel_infra/stack.py, docs/deployment.md).
    aws_region: str | None = None  # None: boto3's own (AWS_REGION, profile)
    aws_endpoint_url: str | None = None  # tests only: a moto server; None on AWS
    landing_bucket: str = ""
    landing_prefix: str = "exports"
    lake_bucket: str = ""
    artifacts_bucket: str = ""
    pipes_prefix: str = "pipes/"  # Pipes context and messages in the artifacts bucket (expire by lifecycle)
    glue_database: str = "sentinel"
    glue_job_raw_to_silver: str = "sentinel-raw-to-silver"
    glue_job_silver_to_gold: str = "sentinel-silver-to-gold"
    glue_job_gold_to_anomalies: str = "sentinel-gold-to-anomalies"
    glue_job_timeout_minutes: int | None = None  # None: the job definition's timeout
    glue_crawler_raw: str = "sentinel-raw"
    glue_crawler_silver: str = "sentinel-silver"
    glue_crawler_gold: str = "sentinel-gold"
    crawler_timeout_seconds: int = 1800
    athena_workgroup: str = "sentinel"
    athena_results_bucket: str = ""
    # The checks' reading of published partitions: Athena on AWS; "s3" reads the files themselves
    # (DuckDB on a copy), for moto, which accepts Athena queries but does not run them.
    check_engine: Literal["athena", "s3"] = "athena"
    aws_poll_seconds: float = 5.0  # Pipes message reader interval and crawler polling

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
