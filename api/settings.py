"""API settings, from the environment (`SENTINEL_API_*`), with the names the CDK stack already sets
(`SENTINEL_ENV`, `SENTINEL_ATHENA_*`, `SENTINEL_GLUE_DATABASE`, `SENTINEL_JWT_*`) accepted as aliases."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AliasChoices, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from sentinel.engines.athena_engine import AthenaOptions
from sentinel.settings import Settings as PipelineSettings

REPO_ROOT = Path(__file__).resolve().parent.parent
# Fixed caps, published in the OpenAPI document; settings can only lower the page size.
HARD_MAX_PAGE_SIZE = 1000
MAX_TOP = 100
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})

# Comma-separated in the environment (as the CDK stack writes them), lists in Python.
CommaList = Annotated[list[str], NoDecode]


def _alias(*names: str) -> AliasChoices:
    return AliasChoices(*names)


def is_loopback(host: str | None) -> bool:
    if not host:
        return False
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class ApiSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SENTINEL_API_", extra="ignore", populate_by_name=True)

    env: Literal["local", "aws"] = Field(default="local", validation_alias=_alias("SENTINEL_API_ENV", "SENTINEL_ENV"))
    # None: DuckDB over the local catalog in local mode, Athena in aws mode.
    engine: Literal["duckdb", "athena"] | None = None
    home: Path = Field(default=Path(".sentinel"), validation_alias=_alias("SENTINEL_API_HOME", "SENTINEL_HOME"))
    catalog_path: Path | None = None  # default: <home>/catalog.duckdb, as the pipeline writes it
    duckdb_threads: int | None = Field(default=None, ge=1, le=64)
    duckdb_memory_limit: str | None = None

    # Where `sentinel serve` bound the socket; authentication may be off only on loopback in local mode.
    bind_host: str | None = None

    # Authentication. Methods are enabled by configuring them; `auth` names one that must be configured
    # (the CDK stack sets jwt or iam). `iam` trusts API Gateway's IAM authorizer (the Lambda event).
    auth: Literal["auto", "api_key", "jwt", "iam"] = "auto"
    # hex sha256 digests of the accepted keys (`printf %s "$KEY" | sha256sum`), comma-separated
    api_key_sha256: CommaList = Field(
        default_factory=list, validation_alias=_alias("SENTINEL_API_KEY_SHA256", "SENTINEL_API_API_KEY_SHA256")
    )
    jwt_issuer: str | None = Field(
        default=None, validation_alias=_alias("SENTINEL_API_JWT_ISSUER", "SENTINEL_JWT_ISSUER")
    )
    jwt_audience: CommaList = Field(
        default_factory=list, validation_alias=_alias("SENTINEL_API_JWT_AUDIENCE", "SENTINEL_JWT_AUDIENCE")
    )
    jwt_jwks_url: str | None = None  # default: <issuer>/.well-known/jwks.json (Cognito, most OIDC issuers)
    jwt_algorithms: CommaList = Field(default_factory=lambda: ["RS256"])
    jwt_leeway_seconds: int = Field(default=30, ge=0, le=300)

    cors_origins: CommaList = Field(default_factory=list)
    cors_allow_credentials: bool = False
    # Host header allow-list; when authentication is off it defaults to loopback names (DNS rebinding).
    allowed_hosts: CommaList = Field(default_factory=list)

    # Athena
    athena_workgroup: str = Field(
        default="primary", validation_alias=_alias("SENTINEL_API_ATHENA_WORKGROUP", "SENTINEL_ATHENA_WORKGROUP")
    )
    athena_database: str = Field(
        default="sentinel", validation_alias=_alias("SENTINEL_API_ATHENA_DATABASE", "SENTINEL_GLUE_DATABASE")
    )
    athena_output: str | None = Field(
        default=None, validation_alias=_alias("SENTINEL_API_ATHENA_OUTPUT", "SENTINEL_ATHENA_OUTPUT")
    )
    athena_result_reuse_minutes: int = Field(
        default=60, ge=0, le=10080,
        validation_alias=_alias("SENTINEL_API_ATHENA_RESULT_REUSE_MINUTES", "SENTINEL_ATHENA_RESULT_REUSE_MINUTES"),
    )
    athena_region: str | None = Field(
        default=None, validation_alias=_alias("SENTINEL_API_ATHENA_REGION", "AWS_REGION", "AWS_DEFAULT_REGION")
    )
    athena_endpoint_url: str | None = None  # tests point this at moto
    athena_timeout_seconds: float = Field(default=25.0, gt=0, le=900)  # below API Gateway's 30 s
    athena_poll_interval: float = Field(default=0.2, gt=0, le=10)
    # How long the Athena engine trusts its cached period index and responses (data changes per run).
    athena_cache_seconds: int = Field(default=300, ge=0)

    # Gold answered inside the process by DuckDB from the published gold on S3 (Athena keeps silver).
    gold_engine: Literal["athena", "duckdb"] = "athena"
    lake_bucket: str | None = Field(
        default=None, validation_alias=_alias("SENTINEL_API_LAKE_BUCKET", "SENTINEL_LAKE_BUCKET")
    )
    gold_cache_dir: Path = Path("/tmp/sentinel-gold")  # Lambda's writable /tmp, kept across warm invocations
    gold_check_seconds: float = Field(default=1.0, ge=0)  # how often to look for a newer release
    s3_endpoint_url: str | None = None  # tests point this at moto

    # Limits
    max_range_days: int = Field(default=3660, ge=1)
    max_daily_range_days: int = Field(default=400, ge=1)
    max_line_item_range_days: int = Field(default=400, ge=1)
    max_page_size: int = Field(default=HARD_MAX_PAGE_SIZE, ge=1, le=HARD_MAX_PAGE_SIZE)
    max_filter_values: int = Field(default=100, ge=1, le=1000)
    export_batch_rows: int = Field(default=16384, ge=100)
    # Answers cached per catalog version, bounded by count and by size (their JSON bytes); 0 disables.
    cache_entries: int = Field(default=100_000, ge=0)
    cache_megabytes: int = Field(default=256, ge=1)
    # Queries run at once; more requests wait their turn (cached answers never wait). On DuckDB a few
    # statements at a time keep both cores busy, and more only lengthen every statement.
    query_concurrency: int = Field(default=8, ge=1, le=64)

    # Signs pagination cursors (api/cursor_secret.py): required beyond a loopback-only local server.
    cursor_secret: SecretStr | None = None
    cursor_secret_arn: str | None = None  # or a Secrets Manager secret holding it (the CDK stack makes one)
    web_dist: Path | None = REPO_ROOT / "web" / "dist"
    docs: bool = True  # /api/docs and /api/openapi.json

    @field_validator("api_key_sha256", "jwt_audience", "jwt_algorithms", "cors_origins", "allowed_hosts",
                     mode="before")
    @classmethod
    def _split(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @field_validator("api_key_sha256")
    @classmethod
    def _digests(cls, value: list[str]) -> list[str]:
        digests = [v.lower() for v in value]
        for digest in digests:
            if len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
                raise ValueError("api_key_sha256 takes hex sha256 digests (64 hex characters), not keys")
        return digests

    @model_validator(mode="after")
    def _consistent(self) -> ApiSettings:
        if "*" in self.cors_origins and self.cors_allow_credentials:
            raise ValueError("CORS: a wildcard origin cannot be combined with credentials; list the origins")
        if self.auth == "jwt" and not (self.jwt_issuer and self.jwt_audience):
            raise ValueError("auth=jwt needs jwt_issuer and jwt_audience")
        if self.auth == "api_key" and not self.api_key_sha256:
            raise ValueError("auth=api_key needs api_key_sha256")
        if self.resolved_engine == "athena" and not (self.athena_workgroup or self.athena_output):
            raise ValueError("the Athena engine needs a workgroup or an output location")
        return self

    def athena_options(self) -> AthenaOptions:
        return AthenaOptions(
            workgroup=self.athena_workgroup, database=self.athena_database, output=self.athena_output,
            region=self.athena_region, endpoint_url=self.athena_endpoint_url, poll_interval=self.athena_poll_interval,
            result_reuse_minutes=self.athena_result_reuse_minutes, timeout_seconds=self.athena_timeout_seconds,
            cache_seconds=self.athena_cache_seconds,
        )

    @property
    def resolved_engine(self) -> Literal["duckdb", "athena"]:
        if self.engine is not None:
            return self.engine
        return "athena" if self.env == "aws" else "duckdb"

    @property
    def resolved_catalog_path(self) -> Path:
        if self.catalog_path is not None:
            return self.catalog_path.expanduser().resolve()
        return PipelineSettings(home=self.home).catalog_path

    @property
    def auth_methods(self) -> frozenset[str]:
        methods = set()
        if self.api_key_sha256:
            methods.add("api_key")
        if self.jwt_issuer and self.jwt_audience:
            methods.add("jwt")
        if self.auth == "iam":
            methods.add("iam")
        return frozenset(methods)

    @property
    def auth_disabled(self) -> bool:
        """Off only for a local process bound to loopback with no method configured."""
        return self.env == "local" and is_loopback(self.bind_host) and not self.auth_methods

    @property
    def jwks_url(self) -> str | None:
        if self.jwt_jwks_url:
            return self.jwt_jwks_url
        if self.jwt_issuer:
            return self.jwt_issuer.rstrip("/") + "/.well-known/jwks.json"
        return None

    @property
    def trusted_hosts(self) -> list[str]:
        if self.allowed_hosts:
            return self.allowed_hosts
        return sorted(LOOPBACK_NAMES) if self.auth_disabled else []

