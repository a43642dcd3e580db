"""The AWS Lambda entry point (API Gateway HTTP API v2 or REST v1 events): `api.lambda_handler.handler`.

The app is built at import time, once per Lambda execution environment, from the environment the CDK
stack sets (SENTINEL_ENV=aws → Athena). Lifespan is off: the app opens its engine lazily.
"""

from __future__ import annotations

from mangum import Mangum

from api.main import create_app

app = create_app()
handler = Mangum(app, lifespan="off")
