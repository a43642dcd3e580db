"""Context parsing and the errors a misconfigured deploy gets before anything reaches AWS."""

from __future__ import annotations

from pathlib import Path

import pytest
from aws_cdk import App
from infra_helpers import cdk_context, synth
from sentinel_infra.config import CONTEXT_KEYS, SentinelConfig


def _config(**context: object) -> SentinelConfig:
    return SentinelConfig.from_node(App(context=context).node)


def test_defaults() -> None:
    config = _config()
    assert (config.export_type, config.api_auth, config.glue_worker_type) == ("cur2", "iam", "G.1X")
    assert config.job_name("raw-to-silver") == "sentinel-raw-to-silver"


def test_command_line_strings_are_coerced() -> None:
    config = _config(
        glueNumberOfWorkers="10",
        exportIncludeResources="false",
        jwtIssuer="https://issuer.example.com",
        jwtAudience="a, b",
        corsAllowOrigins='["https://x.example.com"]',
    )
    assert config.glue_number_of_workers == 10
    assert config.export_include_resources is False
    assert config.api_auth == "jwt"  # an issuer switches the default from IAM to JWT
    assert config.jwt_audience == ("a", "b")
    assert config.cors_allow_origins == ("https://x.example.com",)


@pytest.mark.parametrize(
    "context",
    [
        {"exportType": "csv"},
        {"apiAuth": "jwt"},  # no issuer
        {"glueNumberOfWorkers": "1"},
        {"lambdaTimeoutSeconds": "60"},
        {"logRetentionDays": "31"},
        {"athenaBytesScannedCutoff": "1000"},
        {"apiGoldEngine": "sqlite"},
        {"lambdaEphemeralStorageMb": "100"},
    ],
)
def test_invalid_context_is_rejected(context: dict[str, str]) -> None:
    with pytest.raises(ValueError):
        _config(**context)


def test_every_context_key_is_documented() -> None:
    guide = (Path(__file__).resolve().parents[2] / "docs" / "deployment.md").read_text()
    missing = [key for key in CONTEXT_KEYS if f"`{key}`" not in guide]
    assert not missing


def test_missing_lambda_package_fails_with_a_hint(code_assets: dict[str, Path], tmp_path: Path) -> None:
    context = cdk_context(lambdaAssetPath=str(code_assets["missing"]), glueAssetPath=str(code_assets["glue"]))
    with pytest.raises(FileNotFoundError, match="lambdaAssetPath"):
        synth(tmp_path, context)


def test_missing_glue_scripts_fail_with_a_hint(code_assets: dict[str, Path], tmp_path: Path) -> None:
    context = cdk_context(
        lambdaAssetPath=str(code_assets["lambda"]), glueAssetPath=str(code_assets["missing"])
    )
    with pytest.raises(FileNotFoundError, match="glueAssetPath"):
        synth(tmp_path, context)
