"""The read API: FastAPI (Mangum) on Lambda behind an HTTP API with a JWT (or IAM) authorizer.

The function's role can read gold/ and silver/ (and their `_versions/` partitions), run queries in the
`sentinel` workgroup, read and write that workgroup's result prefix, and nothing else: it cannot write
the lake, touch raw/, or start Glue.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from aws_cdk import Duration, RemovalPolicy, Size
from aws_cdk import aws_apigatewayv2 as apigw
from aws_cdk import aws_apigatewayv2_authorizers as authorizers
from aws_cdk import aws_apigatewayv2_integrations as integrations
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from aws_cdk import aws_secretsmanager as secretsmanager
from constructs import Construct

from . import grants
from .assets import require_directory
from .athena import AthenaWorkgroup
from .config import SentinelConfig, log_retention
from .storage import RELEASES, Storage, layer_prefixes

HANDLER = "api.lambda_handler.handler"
READABLE_LAYERS = ("gold", "silver")
ATHENA_QUERY_ACTIONS = (
    "athena:StartQueryExecution",
    "athena:StopQueryExecution",
    "athena:GetQueryExecution",
    "athena:GetQueryResults",
    "athena:GetQueryRuntimeStatistics",
    "athena:GetWorkGroup",
)


class Api(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        config: SentinelConfig,
        storage: Storage,
        athena: AthenaWorkgroup,
        cors_allow_origins: Sequence[str],
    ) -> None:
        super().__init__(scope, construct_id)
        code_dir = require_directory(
            config.resolve_path(config.lambda_asset_path),
            "lambdaAssetPath",
            "Package the API first: a folder with the api/ package and its dependencies, "
            "see docs/deployment.md",
        )

        self.role = iam.Role(
            self,
            "Role",
            assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"),
            description="Sentinel API: read-only on gold/silver through Athena",
        )
        # The release objects too: with SENTINEL_API_GOLD_ENGINE=duckdb the function reads gold by release.
        lake_prefixes = [*(p for layer in READABLE_LAYERS for p in layer_prefixes(layer)), RELEASES]
        for statement in (
            grants.list_bucket(storage.lake, lake_prefixes),
            grants.objects(storage.lake, lake_prefixes, grants.S3_READ),
            grants.list_bucket(storage.athena_results, [athena.results_prefix]),
            grants.objects(
                storage.athena_results, [athena.results_prefix], (*grants.S3_READ, *grants.S3_WRITE)
            ),
            grants.use_key(storage.key, encrypt=True),  # results are written SSE-KMS
            iam.PolicyStatement(actions=list(ATHENA_QUERY_ACTIONS), resources=[athena.arn]),
            grants.catalog(
                config.database_name, [f"{layer}_*" for layer in READABLE_LAYERS], grants.GLUE_CATALOG_READ
            ),
        ):
            self.role.add_to_policy(statement)

        retention = log_retention(config.log_retention_days)
        self.log_group = logs.LogGroup(
            self,
            "FunctionLogs",
            retention=retention,
            encryption_key=storage.key,
            removal_policy=RemovalPolicy.DESTROY,
        )
        # Only this log group, instead of AWSLambdaBasicExecutionRole's logs:* on "*".
        self.role.add_to_policy(
            iam.PolicyStatement(
                actions=["logs:CreateLogStream", "logs:PutLogEvents"],
                resources=[self.log_group.log_group_arn],
            )
        )

        # Signs the audit log's pagination cursors; the API refuses to start without it.
        self.cursor_secret = secretsmanager.Secret(
            self,
            "CursorSecret",
            description="Sentinel API: signs pagination cursors",
            encryption_key=storage.key,
            generate_secret_string=secretsmanager.SecretStringGenerator(password_length=48, exclude_punctuation=True),
            removal_policy=RemovalPolicy.DESTROY,
        )
        self.role.add_to_policy(
            iam.PolicyStatement(actions=["secretsmanager:GetSecretValue"], resources=[self.cursor_secret.secret_arn])
        )

        environment = {
            "SENTINEL_ENV": "aws",
            "SENTINEL_API_CURSOR_SECRET_ARN": self.cursor_secret.secret_arn,
            "SENTINEL_LAKE_BUCKET": storage.lake.bucket_name,
            "SENTINEL_GLUE_DATABASE": config.database_name,
            "SENTINEL_ATHENA_WORKGROUP": athena.name,
            "SENTINEL_ATHENA_OUTPUT": f"s3://{storage.athena_results.bucket_name}/{athena.results_prefix}",
            "SENTINEL_ATHENA_RESULT_REUSE_MINUTES": str(config.athena_result_reuse_minutes),
            "SENTINEL_API_AUTH": config.api_auth,
        }
        if config.api_gold_engine == "duckdb":
            # Published gold is copied once per release into /tmp and reused by warm invocations.
            environment |= {"SENTINEL_API_GOLD_ENGINE": "duckdb", "SENTINEL_API_GOLD_CACHE_DIR": "/tmp/sentinel-gold"}
        if config.api_auth == "jwt":
            environment |= {
                "SENTINEL_JWT_ISSUER": config.jwt_issuer,
                "SENTINEL_JWT_AUDIENCE": ",".join(config.jwt_audience),
            }

        self.function = lambda_.Function(
            self,
            "Function",
            description="Sentinel API (FastAPI + Mangum)",
            # 3.12 runs on Amazon Linux 2023: pyarrow's manylinux_2_28 wheels need glibc >= 2.28, which the
            # 3.11 runtime (Amazon Linux 2, glibc 2.26) lacks. The API code is 3.11/3.12-compatible.
            runtime=lambda_.Runtime.PYTHON_3_12,
            handler=HANDLER,
            code=lambda_.Code.from_asset(str(code_dir)),
            architecture=(
                lambda_.Architecture.ARM_64
                if config.lambda_architecture == "arm64"
                else lambda_.Architecture.X86_64
            ),
            memory_size=config.lambda_memory_mb,
            ephemeral_storage_size=Size.mebibytes(config.lambda_ephemeral_storage_mb),
            timeout=Duration.seconds(config.lambda_timeout_seconds),
            role=self.role,
            log_group=self.log_group,
            environment=environment,
            environment_encryption=storage.key,
            reserved_concurrent_executions=config.lambda_reserved_concurrency,
        )

        authorizer: apigw.IHttpRouteAuthorizer
        if config.api_auth == "jwt":
            # Works with any OIDC issuer; for Cognito: https://cognito-idp.<region>.amazonaws.com/<pool id>
            # and the app client id as audience.
            authorizer = authorizers.HttpJwtAuthorizer(
                "JwtAuthorizer", config.jwt_issuer, jwt_audience=list(config.jwt_audience)
            )
        else:
            authorizer = authorizers.HttpIamAuthorizer()

        self.http_api = apigw.HttpApi(
            self,
            "HttpApi",
            api_name=f"{config.name_prefix}-api",
            description="Sentinel read API",
            create_default_stage=False,
            default_integration=integrations.HttpLambdaIntegration(
                "Lambda", self.function, payload_format_version=apigw.PayloadFormatVersion.VERSION_2_0
            ),
            default_authorizer=authorizer,
            # API Gateway answers preflight requests itself, before the authorizer runs.
            cors_preflight=apigw.CorsPreflightOptions(
                allow_origins=list(cors_allow_origins),
                allow_methods=[
                    apigw.CorsHttpMethod.GET,
                    apigw.CorsHttpMethod.POST,
                    apigw.CorsHttpMethod.OPTIONS,
                ],
                allow_headers=["authorization", "content-type", "x-amz-date", "x-amz-security-token"],
                max_age=Duration.hours(1),
            ),
        )

        self.access_logs = logs.LogGroup(
            self,
            "AccessLogs",
            retention=retention,
            encryption_key=storage.key,
            removal_policy=RemovalPolicy.DESTROY,
        )
        self.stage = apigw.HttpStage(
            self,
            "DefaultStage",
            http_api=self.http_api,
            stage_name="$default",
            auto_deploy=True,
            throttle=apigw.ThrottleSettings(
                rate_limit=config.api_throttle_rate_limit, burst_limit=config.api_throttle_burst_limit
            ),
        )
        cfn_stage = self.stage.node.default_child
        assert isinstance(cfn_stage, apigw.CfnStage)
        cfn_stage.access_log_settings = apigw.CfnStage.AccessLogSettingsProperty(
            destination_arn=self.access_logs.log_group_arn,
            format=json.dumps(
                {
                    "requestId": "$context.requestId",
                    "ip": "$context.identity.sourceIp",
                    "time": "$context.requestTime",
                    "method": "$context.httpMethod",
                    "path": "$context.path",
                    "status": "$context.status",
                    "latencyMs": "$context.responseLatency",
                    "integrationError": "$context.integrationErrorMessage",
                    "authorizerError": "$context.authorizer.error",
                },
                separators=(",", ":"),
            ),
        )

    @property
    def url(self) -> str:
        url = self.stage.url
        assert url is not None
        return url
