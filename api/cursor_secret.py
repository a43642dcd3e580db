"""The key that signs pagination cursors: set, or read from Secrets Manager, wherever the API is reachable.

A forged cursor can only move a page within data its caller may read, but it should never be accepted:
outside a loopback-only local server the secret must be configured, and the server refuses to start
without it.
"""

from __future__ import annotations

import hashlib

from api.settings import ApiSettings, is_loopback


class CursorSecretMissing(RuntimeError):
    pass


def cursor_secret(settings: ApiSettings) -> bytes:
    if settings.cursor_secret is not None:
        return settings.cursor_secret.get_secret_value().encode()
    if settings.cursor_secret_arn:
        import boto3  # only where the secret lives in AWS (the Lambda has boto3; local installs need not)

        client = boto3.client("secretsmanager", region_name=settings.athena_region)
        return str(client.get_secret_value(SecretId=settings.cursor_secret_arn)["SecretString"]).encode()
    if settings.env == "local" and is_loopback(settings.bind_host):
        # Nobody else can reach this server: a key derived from its settings keeps cursors valid across
        # restarts and workers.
        seed = f"{settings.resolved_engine}:{settings.athena_database}:{settings.home}"
        return hashlib.sha256(f"sentinel-cursor:{seed}".encode()).digest()
    raise CursorSecretMissing(
        "SENTINEL_API_CURSOR_SECRET (or SENTINEL_API_CURSOR_SECRET_ARN, a Secrets Manager secret) must be set "
        "when the API is reachable beyond loopback: it signs the audit log's pagination cursors"
    )
