"""Who is calling: an API key (X-API-Key, compared by sha256), a JWT from the configured issuer
(Cognito-compatible: JWKS, issuer, audience or Cognito's client_id), or API Gateway's IAM authorizer.

Authentication is off only for a local process bound to loopback with nothing configured
(ApiSettings.auth_disabled); anywhere else a request without valid credentials gets 401, including
a deployment where nothing was configured: such an API is closed, never open.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from dataclasses import dataclass
from typing import Any, Literal

import jwt
from fastapi import HTTPException, Request, status

from api.settings import ApiSettings

log = logging.getLogger("sentinel.api.auth")

Method = Literal["none", "api_key", "jwt", "iam"]


@dataclass(frozen=True)
class Principal:
    subject: str
    method: Method


def unauthorized(message: str) -> HTTPException:
    return HTTPException(
        status.HTTP_401_UNAUTHORIZED, detail=message, headers={"WWW-Authenticate": 'Bearer, ApiKey header="X-API-Key"'}
    )


class Authenticator:
    def __init__(self, settings: ApiSettings):
        self.settings = settings
        self.disabled = settings.auth_disabled
        self.methods = settings.auth_methods
        self._keys = [bytes.fromhex(d) for d in settings.api_key_sha256]
        self._jwks: jwt.PyJWKClient | None = None
        if "jwt" in self.methods and settings.jwks_url:
            self._jwks = jwt.PyJWKClient(settings.jwks_url, cache_keys=True, lifespan=3600, timeout=5)
        if not self.disabled and not self.methods:
            log.warning("authentication is required but no method is configured: every data request gets 401")

    def authenticate(self, request: Request, api_key: str | None, bearer: str | None) -> Principal:
        if self.disabled:
            return Principal("local", "none")
        if api_key is not None:
            return self._api_key(api_key)
        if bearer is not None:
            return self._jwt(bearer)
        if "iam" in self.methods:
            principal = _gateway_iam(request.scope.get("aws.event"))
            if principal is not None:
                return principal
        raise unauthorized("authentication required")

    def _api_key(self, key: str) -> Principal:
        if "api_key" not in self.methods:
            raise unauthorized("API keys are not accepted here")
        digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).digest()
        # compare against every key so the time taken does not depend on which one matched
        matched = False
        for candidate in self._keys:
            matched |= hmac.compare_digest(digest, candidate)
        if not matched:
            raise unauthorized("invalid API key")
        return Principal(f"api-key:{digest.hex()[:12]}", "api_key")

    def _jwt(self, token: str) -> Principal:
        if self._jwks is None:
            raise unauthorized("bearer tokens are not accepted here")
        s = self.settings
        try:
            key = self._jwks.get_signing_key_from_jwt(token)
            claims: dict[str, Any] = jwt.decode(
                token, key.key, algorithms=s.jwt_algorithms, issuer=s.jwt_issuer, leeway=s.jwt_leeway_seconds,
                # Cognito access tokens carry client_id instead of aud: checked below for both.
                options={"require": ["exp", "iss", "sub"], "verify_aud": False},
            )
        except jwt.PyJWKClientConnectionError:
            log.exception("cannot fetch the JWKS from %s", s.jwks_url)
            raise unauthorized("token issuer unreachable") from None
        except (jwt.PyJWTError, ValueError):
            raise unauthorized("invalid token") from None
        audiences = claims.get("aud", [])
        audiences = [audiences] if isinstance(audiences, str) else list(audiences or [])
        if claims.get("client_id"):
            audiences.append(claims["client_id"])
        if not set(audiences) & set(s.jwt_audience):
            raise unauthorized("token is not for this API")
        return Principal(str(claims["sub"]), "jwt")


def _gateway_iam(event: Any) -> Principal | None:
    """The caller API Gateway's IAM authorizer verified (HTTP API v2 or REST v1 event)."""
    if not isinstance(event, dict):
        return None
    context = event.get("requestContext") or {}
    iam = ((context.get("authorizer") or {}).get("iam")) or {}
    arn = iam.get("userArn") or (context.get("identity") or {}).get("userArn")
    return Principal(str(arn), "iam") if arn else None
