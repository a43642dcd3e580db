"""Deployment parameters, read from CDK context (`cdk.json` or `cdk deploy -c key=value`).

Every knob lives here so the constructs stay declarative and the deployment guide can list them in one
table. Values given with `-c` on the command line arrive as strings, hence the small coercion helpers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from aws_cdk import aws_logs as logs
from constructs import Node

# infra/sentinel_infra/config.py -> the repository root; relative asset paths are resolved against it so
# `cdk synth` gives the same result from infra/ (where cdk.json lives) and from the tests.
REPO_ROOT = Path(__file__).resolve().parents[2]

ExportType = Literal["cur2", "focus", "none"]
ApiAuth = Literal["jwt", "iam"]
GoldEngine = Literal["athena", "duckdb"]

_GLUE_WORKER_TYPES = {"G.1X", "G.2X", "G.4X", "G.8X", "G.025X", "R.1X", "R.2X", "R.4X", "R.8X"}
_GRANULARITIES = {"HOURLY", "DAILY", "MONTHLY"}
# The retention periods CloudWatch Logs accepts, in days, by the name aws_logs.RetentionDays gives them.
LOG_RETENTION_DAYS: dict[int, str] = {
    1: "ONE_DAY", 3: "THREE_DAYS", 5: "FIVE_DAYS", 7: "ONE_WEEK", 14: "TWO_WEEKS", 30: "ONE_MONTH",
    60: "TWO_MONTHS", 90: "THREE_MONTHS", 120: "FOUR_MONTHS", 150: "FIVE_MONTHS", 180: "SIX_MONTHS",
    365: "ONE_YEAR", 400: "THIRTEEN_MONTHS", 545: "EIGHTEEN_MONTHS", 731: "TWO_YEARS", 1096: "THREE_YEARS",
    1827: "FIVE_YEARS", 2192: "SIX_YEARS", 2557: "SEVEN_YEARS", 2922: "EIGHT_YEARS", 3288: "NINE_YEARS",
    3653: "TEN_YEARS",
}  # fmt: skip

# Pinned to the versions in uv.lock, so the Glue jobs validate with the same libraries as local runs.
DEFAULT_GLUE_PYTHON_MODULES = "dagster-pipes==1.13.27,pandera==0.35.0,polars==2.1.0"


@dataclass(frozen=True)
class SentinelConfig:
    name_prefix: str = "sentinel"
    # billing export
    export_type: ExportType = "cur2"
    export_name: str = ""
    export_prefix: str = "exports"
    export_time_granularity: str = "HOURLY"
    export_include_resources: bool = True
    landing_bucket_name: str = ""
    # lake lifecycle
    noncurrent_version_days: int = 30
    pipes_expiration_days: int = 3
    athena_results_expiration_days: int = 7
    # glue
    glue_asset_path: str = "glue_scripts"
    glue_worker_type: str = "G.1X"
    glue_number_of_workers: int = 2
    glue_timeout_minutes: int = 60
    glue_max_concurrent_runs: int = 3
    glue_python_modules: str = DEFAULT_GLUE_PYTHON_MODULES
    # athena
    athena_bytes_scanned_cutoff: int = 10 * 1024**3
    athena_engine_version: str = "Athena engine version 3"
    athena_result_reuse_minutes: int = 60
    # api
    lambda_asset_path: str = "build/lambda"
    lambda_memory_mb: int = 1024
    lambda_timeout_seconds: int = 29
    lambda_architecture: Literal["x86_64", "arm64"] = "x86_64"
    lambda_reserved_concurrency: int | None = None
    api_auth: ApiAuth = "iam"
    # duckdb: gold answered inside the Lambda from the published gold (SENTINEL_API_GOLD_ENGINE); Athena keeps silver
    api_gold_engine: GoldEngine = "athena"
    lambda_ephemeral_storage_mb: int = 512
    jwt_issuer: str = ""
    jwt_audience: tuple[str, ...] = ()
    cors_allow_origins: tuple[str, ...] = ()
    api_throttle_rate_limit: int = 50
    api_throttle_burst_limit: int = 100
    # web + ops
    web_asset_path: str = "web/dist"
    alarm_email: str = ""
    log_retention_days: int = 30

    def __post_init__(self) -> None:
        if self.export_type not in ("cur2", "focus", "none"):
            raise ValueError(f"exportType must be cur2, focus or none, not {self.export_type!r}")
        if self.export_time_granularity not in _GRANULARITIES:
            raise ValueError(f"exportTimeGranularity must be one of {sorted(_GRANULARITIES)}")
        if self.glue_worker_type not in _GLUE_WORKER_TYPES:
            raise ValueError(f"glueWorkerType must be one of {sorted(_GLUE_WORKER_TYPES)}")
        if self.glue_number_of_workers < 2:
            raise ValueError("glueNumberOfWorkers must be at least 2 (one driver, one executor)")
        if self.athena_bytes_scanned_cutoff < 10_000_000:
            raise ValueError("athenaBytesScannedCutoff must be at least 10 MB (Athena's minimum)")
        if not 1 <= self.lambda_timeout_seconds <= 30:
            raise ValueError("lambdaTimeoutSeconds must be 1-30: HTTP APIs stop waiting after 30 s")
        if self.log_retention_days not in LOG_RETENTION_DAYS:
            raise ValueError(f"logRetentionDays must be one of {sorted(LOG_RETENTION_DAYS)}")
        if self.api_auth not in ("jwt", "iam"):
            raise ValueError(f"apiAuth must be jwt or iam, not {self.api_auth!r}")
        if self.api_gold_engine not in ("athena", "duckdb"):
            raise ValueError(f"apiGoldEngine must be athena or duckdb, not {self.api_gold_engine!r}")
        if not 512 <= self.lambda_ephemeral_storage_mb <= 10240:
            raise ValueError("lambdaEphemeralStorageMb must be 512-10240 (Lambda's /tmp limits)")
        if self.api_auth == "jwt" and not (self.jwt_issuer and self.jwt_audience):
            raise ValueError("apiAuth=jwt needs jwtIssuer and jwtAudience")

    @property
    def effective_export_name(self) -> str:
        return self.export_name or f"{self.name_prefix}-{self.export_type}"

    @property
    def database_name(self) -> str:
        return self.name_prefix

    @property
    def workgroup_name(self) -> str:
        return self.name_prefix

    def job_name(self, step: str) -> str:
        return f"{self.name_prefix}-{step}"

    def crawler_name(self, layer: str) -> str:
        return f"{self.name_prefix}-{layer}"

    @staticmethod
    def resolve_path(path: str) -> Path:
        p = Path(path).expanduser()
        return p if p.is_absolute() else REPO_ROOT / p

    @classmethod
    def from_node(cls, node: Node) -> SentinelConfig:
        def get(key: str) -> Any:
            return node.try_get_context(key)

        values: dict[str, Any] = {}
        for field, key, kind in _CONTEXT_KEYS:
            raw = get(key)
            if raw is None or raw == "":
                continue
            values[field] = _coerce(raw, kind, key)
        # JWT when an issuer is configured, otherwise IAM (SigV4): the API is never public by default.
        if "api_auth" not in values and values.get("jwt_issuer"):
            values["api_auth"] = "jwt"
        return cls(**values)


# (dataclass field, context key, type) - the single list the deployment guide documents.
_CONTEXT_KEYS: list[tuple[str, str, str]] = [
    ("name_prefix", "namePrefix", "str"),
    ("export_type", "exportType", "str"),
    ("export_name", "exportName", "str"),
    ("export_prefix", "exportPrefix", "str"),
    ("export_time_granularity", "exportTimeGranularity", "str"),
    ("export_include_resources", "exportIncludeResources", "bool"),
    ("landing_bucket_name", "landingBucketName", "str"),
    ("noncurrent_version_days", "noncurrentVersionDays", "int"),
    ("pipes_expiration_days", "pipesExpirationDays", "int"),
    ("athena_results_expiration_days", "athenaResultsExpirationDays", "int"),
    ("glue_asset_path", "glueAssetPath", "str"),
    ("glue_worker_type", "glueWorkerType", "str"),
    ("glue_number_of_workers", "glueNumberOfWorkers", "int"),
    ("glue_timeout_minutes", "glueTimeoutMinutes", "int"),
    ("glue_max_concurrent_runs", "glueMaxConcurrentRuns", "int"),
    ("glue_python_modules", "glueAdditionalPythonModules", "str"),
    ("athena_bytes_scanned_cutoff", "athenaBytesScannedCutoff", "int"),
    ("athena_engine_version", "athenaEngineVersion", "str"),
    ("athena_result_reuse_minutes", "athenaResultReuseMinutes", "int"),
    ("lambda_asset_path", "lambdaAssetPath", "str"),
    ("lambda_memory_mb", "lambdaMemoryMb", "int"),
    ("lambda_timeout_seconds", "lambdaTimeoutSeconds", "int"),
    ("lambda_architecture", "lambdaArchitecture", "str"),
    ("lambda_reserved_concurrency", "lambdaReservedConcurrency", "int"),
    ("api_auth", "apiAuth", "str"),
    ("api_gold_engine", "apiGoldEngine", "str"),
    ("lambda_ephemeral_storage_mb", "lambdaEphemeralStorageMb", "int"),
    ("jwt_issuer", "jwtIssuer", "str"),
    ("jwt_audience", "jwtAudience", "list"),
    ("cors_allow_origins", "corsAllowOrigins", "list"),
    ("api_throttle_rate_limit", "apiThrottleRateLimit", "int"),
    ("api_throttle_burst_limit", "apiThrottleBurstLimit", "int"),
    ("web_asset_path", "webAssetPath", "str"),
    ("alarm_email", "alarmEmail", "str"),
    ("log_retention_days", "logRetentionDays", "int"),
]

CONTEXT_KEYS: tuple[str, ...] = tuple(key for _, key, _ in _CONTEXT_KEYS)


def _coerce(raw: Any, kind: str, key: str) -> Any:
    if kind == "str":
        return str(raw)
    if kind == "int":
        if isinstance(raw, bool):
            raise ValueError(f"{key} must be an integer")
        return int(raw)
    if kind == "bool":
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in ("true", "1", "yes"):
            return True
        if text in ("false", "0", "no"):
            return False
        raise ValueError(f"{key} must be true or false, not {raw!r}")
    if kind == "list":
        # cdk.json gives a JSON list; `-c key=a,b` gives a string (a JSON list string also works).
        if isinstance(raw, str):
            text = raw.strip()
            items = json.loads(text) if text.startswith("[") else text.split(",")
        else:
            items = list(raw)
        return tuple(str(i).strip() for i in items if str(i).strip())
    raise AssertionError(kind)


def log_retention(days: int) -> logs.RetentionDays:
    return logs.RetentionDays[LOG_RETENTION_DAYS[days]]
