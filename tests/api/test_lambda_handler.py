"""The Mangum handler answers API Gateway HTTP API (v2) and REST (v1) events."""

from __future__ import annotations

import base64
import importlib
import json
from pathlib import Path
from typing import Any

import pytest
from api_support import API_KEY, API_KEY_SHA256, local_settings
from mangum import Mangum

from api.main import create_app


class Context:
    function_name = "sentinel-api"
    aws_request_id = "lambda-request-1"

    def get_remaining_time_in_millis(self) -> int:
        return 30_000


def v2_event(path: str, query: str = "", headers: dict[str, str] | None = None,
             authorizer: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "version": "2.0", "routeKey": "$default", "rawPath": path, "rawQueryString": query,
        "headers": {"host": "abc.execute-api.eu-west-1.amazonaws.com", **(headers or {})},
        "requestContext": {
            "accountId": "123456789012", "apiId": "abc", "domainName": "abc.execute-api.eu-west-1.amazonaws.com",
            "http": {"method": "GET", "path": path, "protocol": "HTTP/1.1", "sourceIp": "203.0.113.9",
                     "userAgent": "test"},
            "requestId": "gw-v2-request", "routeKey": "$default", "stage": "$default",
            **({"authorizer": authorizer} if authorizer else {}),
        },
        "isBase64Encoded": False,
    }


def v1_event(path: str, query: dict[str, str] | None = None, headers: dict[str, str] | None = None) -> dict[str, Any]:
    return {
        "resource": "/{proxy+}", "path": path, "httpMethod": "GET",
        "headers": {"Host": "abc.execute-api.eu-west-1.amazonaws.com", **(headers or {})},
        "multiValueHeaders": {k: [v] for k, v in {"Host": "abc.execute-api.eu-west-1.amazonaws.com",
                                                  **(headers or {})}.items()},
        "queryStringParameters": query, "multiValueQueryStringParameters": {k: [v] for k, v in (query or {}).items()}
        if query else None,
        "pathParameters": {"proxy": path.lstrip("/")}, "stageVariables": None,
        "requestContext": {"resourcePath": "/{proxy+}", "httpMethod": "GET", "path": f"/prod{path}",
                           "stage": "prod", "requestId": "gw-v1-request", "accountId": "123456789012",
                           "identity": {"sourceIp": "203.0.113.9"}},
        "body": None, "isBase64Encoded": False,
    }


def body(response: dict[str, Any]) -> Any:
    text = response["body"]
    if response.get("isBase64Encoded"):
        text = base64.b64decode(text).decode()
    return json.loads(text)


@pytest.fixture(scope="module")
def handler(sample_home: Path) -> Mangum:
    settings = local_settings(sample_home, env="aws", engine="duckdb", bind_host=None, api_key_sha256=[API_KEY_SHA256])
    return Mangum(create_app(settings), lifespan="off")


def test_http_api_v2_event(handler: Mangum) -> None:
    response = handler(v2_event("/api/v1/summary", "start=2018-11-01&end=2018-11-30&view=amortized",
                                {"x-api-key": API_KEY}), Context())
    assert response["statusCode"] == 200
    assert body(response)["total"] == pytest.approx(3632.559846, abs=1e-6)
    headers = {k.lower(): v for k, v in response["headers"].items()}
    assert headers["x-request-id"] == "gw-v2-request"  # API Gateway's id ties logs together


def test_rest_api_v1_event(handler: Mangum) -> None:
    response = handler(v1_event("/api/v1/costs/breakdown", {"start": "2024-09-01", "end": "2024-09-30",
                                                             "dimension": "provider", "billing_period": "2024-09"},
                                {"X-API-Key": API_KEY}), Context())
    assert response["statusCode"] == 200
    costs = {i["key"]: i["cost"] for i in body(response)["items"]}
    assert costs["Oracle"] == pytest.approx(0.297074, abs=1e-6)


def test_without_credentials_the_lambda_refuses(handler: Mangum) -> None:
    assert handler(v2_event("/api/v1/meta"), Context())["statusCode"] == 401
    assert handler(v1_event("/api/v1/meta"), Context())["statusCode"] == 401
    assert handler(v2_event("/api/v1/health"), Context())["statusCode"] == 200


def test_gateway_iam_authorizer_is_trusted_when_configured(sample_home: Path) -> None:
    iam = Mangum(create_app(local_settings(sample_home, env="aws", engine="duckdb", bind_host=None, auth="iam")),
                 lifespan="off")
    caller = {"iam": {"userArn": "arn:aws:iam::123456789012:user/finops", "accountId": "123456789012"}}
    assert iam(v2_event("/api/v1/meta", authorizer=caller), Context())["statusCode"] == 200
    assert iam(v2_event("/api/v1/meta"), Context())["statusCode"] == 401


def test_validation_errors_come_back_as_422(handler: Mangum) -> None:
    response = handler(v2_event("/api/v1/costs/breakdown", "dimension=colour", {"x-api-key": API_KEY}), Context())
    assert response["statusCode"] == 422


def test_the_module_builds_its_app_from_the_environment(monkeypatch: pytest.MonkeyPatch, sample_home: Path) -> None:
    """As the stack deploys it: the cursor secret comes from Secrets Manager (moto here), by ARN."""
    import boto3
    from moto import mock_aws

    monkeypatch.setenv("SENTINEL_ENV", "aws")
    monkeypatch.setenv("SENTINEL_API_ENGINE", "duckdb")
    monkeypatch.setenv("SENTINEL_HOME", str(sample_home))
    monkeypatch.setenv("SENTINEL_API_KEY_SHA256", API_KEY_SHA256)
    monkeypatch.setenv("AWS_REGION", "us-east-1")
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.setenv(name, "testing")
    with mock_aws():
        arn = boto3.client("secretsmanager", region_name="us-east-1").create_secret(
            Name="sentinel-cursor", SecretString="from-secrets-manager")["ARN"]
        monkeypatch.setenv("SENTINEL_API_CURSOR_SECRET_ARN", arn)
        module = importlib.reload(importlib.import_module("api.lambda_handler"))
    assert isinstance(module.handler, Mangum)
    response = module.handler(v2_event("/api/v1/health"), Context())
    assert response["statusCode"] == 200 and body(response)["engine"] == "duckdb"
    assert module.handler(v2_event("/api/v1/meta"), Context())["statusCode"] == 401


def test_without_a_cursor_secret_the_deployed_api_refuses_to_start(monkeypatch: pytest.MonkeyPatch,
                                                                  sample_home: Path) -> None:
    from api.cursor_secret import CursorSecretMissing

    monkeypatch.setenv("SENTINEL_ENV", "aws")
    monkeypatch.setenv("SENTINEL_API_ENGINE", "duckdb")
    monkeypatch.setenv("SENTINEL_HOME", str(sample_home))
    monkeypatch.setenv("SENTINEL_API_KEY_SHA256", API_KEY_SHA256)
    with pytest.raises(CursorSecretMissing, match="SENTINEL_API_CURSOR_SECRET"):
        importlib.reload(importlib.import_module("api.lambda_handler"))
