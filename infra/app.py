"""CDK entry point: `npx cdk synth` / `npx cdk deploy` from infra/ (see docs/deployment.md)."""

from __future__ import annotations

import os
import sys

from aws_cdk import App, Environment
from sentinel_infra.config import SentinelConfig
from sentinel_infra.stack import build_app


def main() -> None:
    app = App()
    try:
        config = SentinelConfig.from_node(app.node)
    except ValueError as invalid:
        sys.exit(f"sentinel infra: invalid context: {invalid}")
    # Account and region come from the CLI's credentials/profile; without them the template is
    # environment-agnostic (and the billing export is created only if deployed to us-east-1).
    account = os.environ.get("CDK_DEFAULT_ACCOUNT")
    region = os.environ.get("CDK_DEFAULT_REGION")
    env = Environment(account=account, region=region) if account or region else None
    try:
        build_app(app, config, env)
    except FileNotFoundError as missing:  # an unpackaged asset: say what to build, not a traceback
        sys.exit(f"sentinel infra: {missing}")
    app.synth()


if __name__ == "__main__":
    main()
