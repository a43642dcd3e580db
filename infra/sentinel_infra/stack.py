"""Composition: one stack for Sentinel, plus a small us-east-1 stack for the billing export when Sentinel
itself is deployed to another region."""

from __future__ import annotations

from aws_cdk import App, Aws, CfnCondition, CfnOutput, Environment, Fn, Stack, Tags, Token
from constructs import Construct

from .api import Api
from .athena import AthenaWorkgroup
from .config import SentinelConfig, log_retention
from .deploy import Deployer
from .export import billing_export
from .glue import GlueEtl
from .monitoring import Monitoring
from .orchestration import OrchestratorPolicy
from .storage import Storage, landing_bucket_name
from .web import WebHosting

EXPORT_REGION = "us-east-1"  # AWS Data Exports (and legacy CUR) only exist there


class SentinelStack(Stack):
    def __init__(
        self, scope: Construct, construct_id: str, *, config: SentinelConfig, env: Environment | None = None
    ) -> None:
        super().__init__(
            scope, construct_id, description="Sentinel: AWS cost analytics (lake, ETL, API, web)", env=env
        )
        self.config = config
        self.storage = Storage(self, "Storage", config=config)
        self.deployer = Deployer(
            self, "Deployer", key=self.storage.key, retention=log_retention(config.log_retention_days)
        )
        self.glue = GlueEtl(self, "Glue", config=config, storage=self.storage, deployer=self.deployer)
        self.athena = AthenaWorkgroup(self, "Athena", config=config, storage=self.storage)
        self.web = WebHosting(self, "Web", config=config, storage=self.storage)
        self.api = Api(
            self,
            "Api",
            config=config,
            storage=self.storage,
            athena=self.athena,
            cors_allow_origins=config.cors_allow_origins or (self.web.url,),
        )
        self.web.deploy_site(api_url=self.api.url, deployer=self.deployer)
        self.monitoring = Monitoring(
            self,
            "Monitoring",
            config=config,
            storage=self.storage,
            job_names=self.glue.job_names,
            crawler_names=self.glue.crawler_names,
            api=self.api,
        )
        self.orchestrator = OrchestratorPolicy(
            self,
            "Orchestrator",
            config=config,
            storage=self.storage,
            athena=self.athena,
            job_names=self.glue.job_names,
            crawler_names=self.glue.crawler_names,
        )
        self.export = self._export_here()
        Tags.of(self).add("project", "sentinel")
        self._outputs()

    @property
    def export_needs_own_stack(self) -> bool:
        return (
            self.config.export_type != "none"
            and not Token.is_unresolved(self.region)
            and self.region != EXPORT_REGION
        )

    def _export_here(self) -> Construct | None:
        if self.config.export_type == "none" or self.export_needs_own_stack:
            return None
        export = billing_export(
            self,
            "BillingExport",
            config=self.config,
            bucket_name=self.storage.landing.bucket_name,
            bucket_region=self.region,
        )
        # Data Exports checks the bucket policy when the export is created.
        policy = self.storage.landing.policy
        assert policy is not None
        export.node.add_dependency(policy)
        if Token.is_unresolved(self.region):
            # Region-agnostic synthesis: create the export only where the service exists; elsewhere
            # deploy with an explicit region (the app then adds a us-east-1 stack) or create it by hand.
            export.cfn_options.condition = CfnCondition(
                self, "InExportRegion", expression=Fn.condition_equals(Aws.REGION, EXPORT_REGION)
            )
        return export

    def _outputs(self) -> None:
        st, glue = self.storage, self.glue
        outputs = {
            # The environment of the Dagster code location (SENTINEL_ENV=aws), see docs/deployment.md.
            "Region": (self.region, "SENTINEL_AWS_REGION"),
            "LandingBucket": (st.landing.bucket_name, "SENTINEL_LANDING_BUCKET"),
            "LandingPrefix": (self.config.export_prefix, "SENTINEL_LANDING_PREFIX"),
            "LakeBucket": (st.lake.bucket_name, "SENTINEL_LAKE_BUCKET"),
            "ArtifactsBucket": (st.artifacts.bucket_name, "SENTINEL_ARTIFACTS_BUCKET"),
            "GlueDatabase": (self.config.database_name, "SENTINEL_GLUE_DATABASE"),
            "RawToSilverJob": (glue.job_names[0], "SENTINEL_GLUE_JOB_RAW_TO_SILVER"),
            "SilverToGoldJob": (glue.job_names[1], "SENTINEL_GLUE_JOB_SILVER_TO_GOLD"),
            "GoldToAnomaliesJob": (glue.job_names[2], "SENTINEL_GLUE_JOB_GOLD_TO_ANOMALIES"),
            "RawCrawler": (glue.crawler_names[0], "SENTINEL_GLUE_CRAWLER_RAW"),
            "SilverCrawler": (glue.crawler_names[1], "SENTINEL_GLUE_CRAWLER_SILVER"),
            "GoldCrawler": (glue.crawler_names[2], "SENTINEL_GLUE_CRAWLER_GOLD"),
            "AthenaWorkgroup": (self.athena.name, "SENTINEL_ATHENA_WORKGROUP"),
            "AthenaResultsBucket": (st.athena_results.bucket_name, "SENTINEL_ATHENA_RESULTS_BUCKET"),
            "OrchestratorPolicyArn": (self.orchestrator.policy.managed_policy_arn, ""),
            "ApiUrl": (self.api.url, ""),
            "DashboardUrl": (self.web.url, ""),
            "AlarmTopicArn": (self.monitoring.topic.topic_arn, ""),
            "KmsKeyArn": (st.key.key_arn, ""),
        }
        for name, (value, env_var) in outputs.items():
            CfnOutput(self, name, value=value, description=f"env {env_var}" if env_var else None)


class BillingExportStack(Stack):
    """The export alone, in us-east-1, delivering to the landing bucket of a stack in another region.
    It refers to the bucket by its predictable name, so no cross-region reference is needed."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        config: SentinelConfig,
        landing_region: str,
        env: Environment | None = None,
    ) -> None:
        super().__init__(scope, construct_id, description="Sentinel: billing export (us-east-1)", env=env)
        bucket = config.landing_bucket_name or landing_bucket_name(config, landing_region)
        self.export = billing_export(
            self, "BillingExport", config=config, bucket_name=bucket, bucket_region=landing_region
        )
        Tags.of(self).add("project", "sentinel")
        CfnOutput(self, "ExportArn", value=self.export.attr_export_arn)


def build_app(app: App, config: SentinelConfig, env: Environment | None = None) -> SentinelStack:
    main = SentinelStack(app, config.name_prefix, config=config, env=env)
    if main.export_needs_own_stack:
        export_stack = BillingExportStack(
            app,
            f"{config.name_prefix}-billing-export",
            config=config,
            landing_region=main.region,
            env=Environment(account=env.account if env else None, region=EXPORT_REGION),
        )
        export_stack.add_dependency(main)  # bucket and bucket policy first
    return main
