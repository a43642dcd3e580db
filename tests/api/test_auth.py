"""Authentication is off only on loopback in local mode; otherwise an API key or an issuer's JWT."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import jwt
import pytest
from api_support import API_KEY, API_KEY_SHA256, local_settings
from cryptography.hazmat.primitives.asymmetric import rsa
from fastapi.testclient import TestClient
from pydantic import ValidationError

from api.main import create_app
from api.settings import ApiSettings

NOV = {"start": "2018-11-01", "end": "2018-11-30"}


def test_health_needs_no_credentials(secured_client: TestClient) -> None:
    assert secured_client.get("/api/v1/health", headers={"X-API-Key": ""}).status_code == 200


@pytest.mark.parametrize("headers", [{}, {"X-API-Key": "wrong"}, {"Authorization": "Bearer not-a-jwt"},
                                     {"Authorization": "Basic dXNlcjpwYXNz"}])
def test_data_needs_valid_credentials(secured_app: Any, headers: dict[str, str]) -> None:
    with TestClient(secured_app, base_url="http://testserver") as client:
        response = client.get("/api/v1/summary", params=NOV, headers=headers)
    assert response.status_code == 401
    assert "WWW-Authenticate" in response.headers and response.json()["request_id"]


def test_a_valid_api_key_is_accepted(secured_client: TestClient) -> None:
    assert secured_client.get("/api/v1/summary", params=NOV).status_code == 200


@pytest.mark.parametrize(("env", "host", "keys", "disabled"), [
    ("local", "127.0.0.1", [], True),
    ("local", "::1", [], True),
    ("local", "localhost", [], True),
    ("local", "0.0.0.0", [], False),
    ("local", "192.168.1.20", [], False),
    ("local", None, [], False),  # not started by `sentinel serve`: e.g. imported by another server
    ("aws", "127.0.0.1", [], False),
    ("local", "127.0.0.1", [API_KEY_SHA256], False),  # configured keys are always enforced
])
def test_auth_is_off_only_on_loopback_in_local_mode(env: str, host: str | None, keys: list[str],
                                                     disabled: bool) -> None:
    settings = ApiSettings(env=env, bind_host=host, api_key_sha256=keys, engine="duckdb")
    assert settings.auth_disabled is disabled


def test_nothing_configured_off_loopback_means_closed(sample_home: Path) -> None:
    app = create_app(local_settings(sample_home, bind_host="0.0.0.0"))
    with TestClient(app, base_url="http://testserver") as client:
        assert client.get("/api/v1/meta").status_code == 401
        assert client.get("/api/v1/meta", headers={"X-API-Key": API_KEY}).status_code == 401


# --- JWT (Cognito-compatible) ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def signing_keys() -> tuple[Any, Any]:
    return (rsa.generate_private_key(public_exponent=65537, key_size=2048),
            rsa.generate_private_key(public_exponent=65537, key_size=2048))


@pytest.fixture(scope="module")
def jwks_url(signing_keys: tuple[Any, Any]) -> Iterator[str]:
    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(signing_keys[0].public_key()))
    document = json.dumps({"keys": [{**jwk, "kid": "k1", "use": "sig", "alg": "RS256"}]}).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(document)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/.well-known/jwks.json"
    server.shutdown()


ISSUER = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_TEST"


@pytest.fixture(scope="module")
def jwt_client(sample_home: Path, jwks_url: str) -> Iterator[TestClient]:
    settings = local_settings(sample_home, env="aws", engine="duckdb", auth="jwt", jwt_issuer=ISSUER,
                              jwt_audience=["app-client-id"], jwt_jwks_url=jwks_url)
    with TestClient(create_app(settings), base_url="http://testserver") as client:
        yield client


def token(key: Any, **claims: Any) -> str:
    now = int(time.time())
    body = {"iss": ISSUER, "sub": "user-1", "aud": "app-client-id", "iat": now, "exp": now + 300, **claims}
    body = {k: v for k, v in body.items() if v is not None}
    return jwt.encode(body, key, algorithm="RS256", headers={"kid": "k1"})


def test_a_valid_id_token_is_accepted(jwt_client: TestClient, signing_keys: tuple[Any, Any]) -> None:
    response = jwt_client.get("/api/v1/summary", params=NOV,
                              headers={"Authorization": f"Bearer {token(signing_keys[0])}"})
    assert response.status_code == 200


def test_a_cognito_access_token_is_checked_by_client_id(jwt_client: TestClient,
                                                        signing_keys: tuple[Any, Any]) -> None:
    access = token(signing_keys[0], aud=None, client_id="app-client-id", token_use="access")
    assert jwt_client.get("/api/v1/meta", headers={"Authorization": f"Bearer {access}"}).status_code == 200


@pytest.mark.parametrize("claims", [
    {"exp": int(time.time()) - 3600},
    {"aud": "another-client"},
    {"iss": "https://evil.example"},
    {"sub": None},
])
def test_bad_tokens_are_401(jwt_client: TestClient, signing_keys: tuple[Any, Any], claims: dict[str, Any]) -> None:
    response = jwt_client.get("/api/v1/meta", headers={"Authorization": f"Bearer {token(signing_keys[0], **claims)}"})
    assert response.status_code == 401


def test_a_token_signed_by_another_key_or_unsigned_is_401(jwt_client: TestClient,
                                                          signing_keys: tuple[Any, Any]) -> None:
    forged = token(signing_keys[1])
    unsigned = jwt.encode({"iss": ISSUER, "sub": "x", "aud": "app-client-id", "exp": int(time.time()) + 60},
                          None, algorithm="none", headers={"kid": "k1"})
    for bad in (forged, unsigned):
        assert jwt_client.get("/api/v1/meta", headers={"Authorization": f"Bearer {bad}"}).status_code == 401


# --- CORS, hosts, settings ---------------------------------------------------------------------------

def test_cors_allows_only_listed_origins(sample_home: Path) -> None:
    app = create_app(local_settings(sample_home, cors_origins=["https://dash.example"]))
    with TestClient(app, base_url="http://localhost") as client:
        allowed = client.get("/api/v1/health", headers={"Origin": "https://dash.example"})
        assert allowed.headers["access-control-allow-origin"] == "https://dash.example"
        other = client.get("/api/v1/health", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers
        preflight = client.options("/api/v1/summary", headers={
            "Origin": "https://dash.example", "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "X-API-Key"})
        assert preflight.status_code == 200


def test_wildcard_origin_with_credentials_is_refused() -> None:
    with pytest.raises(ValidationError):
        ApiSettings(cors_origins=["*"], cors_allow_credentials=True)


def test_without_auth_only_loopback_host_names_are_served(client: TestClient) -> None:
    # DNS rebinding: a page on evil.example resolving to 127.0.0.1 must not read the API.
    assert client.get("/api/v1/health", headers={"Host": "evil.example"}).status_code == 400
    assert client.get("/api/v1/health", headers={"Host": "127.0.0.1:8000"}).status_code == 200


def test_settings_take_the_cdk_stack_names(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SENTINEL_ENV", "aws")
    monkeypatch.setenv("SENTINEL_ATHENA_WORKGROUP", "sentinel")
    monkeypatch.setenv("SENTINEL_GLUE_DATABASE", "sentinel_db")
    monkeypatch.setenv("SENTINEL_ATHENA_OUTPUT", "s3://results/athena/")
    monkeypatch.setenv("SENTINEL_ATHENA_RESULT_REUSE_MINUTES", "60")
    monkeypatch.setenv("SENTINEL_API_AUTH", "jwt")
    monkeypatch.setenv("SENTINEL_JWT_ISSUER", ISSUER)
    monkeypatch.setenv("SENTINEL_JWT_AUDIENCE", "a,b")
    monkeypatch.setenv("SENTINEL_API_API_KEY_SHA256", f"{API_KEY_SHA256}, {API_KEY_SHA256.upper()}")
    settings = ApiSettings()
    assert settings.resolved_engine == "athena" and settings.athena_database == "sentinel_db"
    assert settings.jwt_audience == ["a", "b"] and settings.auth_methods == {"jwt", "api_key"}
    assert settings.api_key_sha256 == [API_KEY_SHA256, API_KEY_SHA256]
    assert settings.jwks_url == f"{ISSUER}/.well-known/jwks.json"


def test_api_key_settings_take_digests_not_keys() -> None:
    with pytest.raises(ValidationError):
        ApiSettings(api_key_sha256=[API_KEY])
