"""What the Dagster code location may do on AWS, as one customer managed policy.

Dagster runs outside this stack (ECS, EC2 or a Dagster+ agent), so the stack does not guess its role:
attach this policy to whatever role the code location's runs use (docs/deployment.md).
"""

from __future__ import annotations

from collections.abc import Sequence

from aws_cdk import Aws
from aws_cdk import aws_iam as iam
from constructs import Construct

from . import grants
from .athena import AthenaWorkgroup
from .config import SentinelConfig
from .storage import PIPES, RAW, Storage


class OrchestratorPolicy(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        config: SentinelConfig,
        storage: Storage,
        athena: AthenaWorkgroup,
        job_names: Sequence[str],
        crawler_names: Sequence[str],
    ) -> None:
        super().__init__(scope, construct_id)
        glue_base = f"arn:{Aws.PARTITION}:glue:{Aws.REGION}:{Aws.ACCOUNT_ID}"
        statements = [
            # Sense deliveries in the landing bucket and copy them, byte for byte, into raw/.
            grants.list_bucket(storage.landing),
            grants.objects(storage.landing, [""], grants.S3_READ),
            grants.list_bucket(storage.lake),
            grants.objects(storage.lake, [""], grants.S3_READ),  # reconciliation reads every layer
            grants.objects(storage.lake, [RAW], grants.S3_WRITE),  # no delete: raw is append-only
            # Pipes context in, messages out (PipesS3ContextInjector / PipesS3MessageReader).
            grants.list_bucket(storage.artifacts, [PIPES]),
            grants.objects(
                storage.artifacts, [PIPES], (*grants.S3_READ, *grants.S3_WRITE, *grants.S3_DELETE)
            ),
            grants.use_key(storage.key, encrypt=True),
            iam.PolicyStatement(
                actions=["glue:StartJobRun", "glue:GetJobRun", "glue:GetJobRuns", "glue:BatchStopJobRun"],
                resources=[f"{glue_base}:job/{name}" for name in job_names],
            ),
            iam.PolicyStatement(
                actions=["glue:StartCrawler", "glue:GetCrawler", "glue:StopCrawler"],
                resources=[f"{glue_base}:crawler/{name}" for name in crawler_names],
            ),
            # Moving a silver/gold partition to its new version prefix is one catalog call.
            grants.catalog(
                config.database_name,
                ["raw_*", "silver_*", "gold_*"],
                (*grants.GLUE_CATALOG_READ, *grants.GLUE_CATALOG_WRITE),
            ),
            # Checks and reconciliation queries.
            iam.PolicyStatement(
                actions=[
                    "athena:StartQueryExecution",
                    "athena:StopQueryExecution",
                    "athena:GetQueryExecution",
                    "athena:GetQueryResults",
                    "athena:GetWorkGroup",
                ],
                resources=[athena.arn],
            ),
            grants.list_bucket(storage.athena_results, [athena.results_prefix]),
            grants.objects(
                storage.athena_results, [athena.results_prefix], (*grants.S3_READ, *grants.S3_WRITE)
            ),
            # Glue driver logs, forwarded into the Dagster run by the CloudWatch log reader.
            grants.log_groups(
                "/aws-glue/jobs/*", ["logs:GetLogEvents", "logs:FilterLogEvents", "logs:DescribeLogStreams"]
            ),
        ]
        self.policy = iam.ManagedPolicy(
            self,
            "Policy",
            description="Sentinel Dagster code location: land deliveries, launch Glue jobs and crawlers",
            statements=statements,
        )
