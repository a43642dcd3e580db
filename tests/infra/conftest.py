"""Synthesises Sentinel's CDK app in-process, once per test session (jsii starts one Node process).

Two variants cover the code paths: the region-agnostic default (`cdk synth` without credentials) and
an explicit eu-west-1 deployment with FOCUS, a JWT authorizer, gold answered inside the Lambda and a built
dashboard, which puts the billing export in its own us-east-1 stack.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip("aws_cdk", reason="the infra dependency group is not installed")

# The test modules import infra_helpers whatever pytest's import mode is.
sys.path.insert(0, str(Path(__file__).parent))

from aws_cdk import Environment
from infra_helpers import ACCOUNT, ISSUER, Synth, cdk_context, synth


@pytest.fixture(scope="session")
def code_assets(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("assets")
    lambda_dir = root / "lambda" / "api"
    lambda_dir.mkdir(parents=True)
    (lambda_dir / "__init__.py").write_text("")
    (lambda_dir / "lambda_handler.py").write_text(
        "def handler(event, context):\n    return {'statusCode': 200, 'body': 'ok'}\n"
    )
    glue_dir = root / "glue"
    (glue_dir / "sentinel_etl").mkdir(parents=True)
    (glue_dir / "sentinel_etl" / "__init__.py").write_text("VERSION = 1\n")
    (glue_dir / "raw_to_silver.py").write_text("print('raw to silver')\n")
    (glue_dir / "silver_to_gold.py").write_text("print('silver to gold')\n")
    (glue_dir / "gold_to_anomalies.py").write_text("print('gold to anomalies')\n")
    web_dir = root / "web"
    (web_dir / "assets").mkdir(parents=True)
    (web_dir / "index.html").write_text("<!doctype html><div id=root></div>")
    (web_dir / "assets" / "index-abc123.js").write_text("console.log('sentinel')")
    return {"lambda": root / "lambda", "glue": glue_dir, "web": web_dir, "missing": root / "missing"}


@pytest.fixture(scope="session")
def default(code_assets: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Synth:
    context = cdk_context(
        lambdaAssetPath=str(code_assets["lambda"]),
        glueAssetPath=str(code_assets["glue"]),
        webAssetPath=str(code_assets["missing"]),  # dashboard not built: only config.json is deployed
    )
    return synth(tmp_path_factory.mktemp("cdk-default"), context)


@pytest.fixture(scope="session")
def regional(code_assets: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Synth:
    context = cdk_context(
        lambdaAssetPath=str(code_assets["lambda"]),
        glueAssetPath=str(code_assets["glue"]),
        webAssetPath=str(code_assets["web"]),
        exportType="focus",
        jwtIssuer=ISSUER,
        jwtAudience="client-a,client-b",
        corsAllowOrigins="https://costs.example.com",
        glueWorkerType="G.2X",
        glueNumberOfWorkers="5",
        athenaBytesScannedCutoff="1073741824",
        apiGoldEngine="duckdb",
        lambdaEphemeralStorageMb="2048",
    )
    return synth(
        tmp_path_factory.mktemp("cdk-regional"), context, Environment(account=ACCOUNT, region="eu-west-1")
    )


@pytest.fixture(params=["default", "regional"])
def any_synth(request: pytest.FixtureRequest) -> Synth:
    return request.getfixturevalue(request.param)
