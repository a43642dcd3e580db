"""Glue: the `sentinel` database, the two PySpark jobs (Glue 5.1) and one crawler per lake layer.

Each job and crawler has its own role that reads its input prefixes and writes only its output layer.
Dagster launches the jobs through PipesGlueClient and starts the crawlers; nothing here is scheduled.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from aws_cdk import Aws
from aws_cdk import aws_glue as glue
from aws_cdk import aws_iam as iam
from aws_cdk import aws_s3_deployment as s3deploy
from constructs import Construct

from . import grants
from .assets import GLUE_ENTRY_SCRIPTS, GLUE_LIBS_ZIP, stage_glue_code
from .config import SentinelConfig
from .deploy import Deployer
from .storage import GLUE_CODE, GLUE_TMP, GLUE_WHEELS, PIPES, RAW, RELEASES, VERSIONS, Storage, layer_prefixes


@dataclass(frozen=True)
class JobSpec:
    step: str  # job name suffix: sentinel-<step>
    script: str
    reads: tuple[str, ...]  # lake prefixes
    writes: tuple[str, ...]
    reads_tables: tuple[str, ...]  # catalog table name patterns
    writes_tables: tuple[str, ...]


JOBS: tuple[JobSpec, ...] = (
    JobSpec(
        step="raw-to-silver",
        script="raw_to_silver.py",
        reads=(RAW,),
        writes=layer_prefixes("silver"),
        reads_tables=("raw_*",),
        writes_tables=("silver_*",),
    ),
    JobSpec(
        step="silver-to-gold",
        script="silver_to_gold.py",
        reads=layer_prefixes("silver"),
        # It publishes the period's release: gold, and the silver version raw-to-silver staged (silver's
        # pointers and catalog partition, never its data files; older versions are pruned).
        writes=(*layer_prefixes("gold"), f"{VERSIONS}silver/", RELEASES),
        reads_tables=("silver_*",),
        writes_tables=("gold_*", "silver_*"),
    ),
    JobSpec(
        step="gold-to-anomalies",
        script="gold_to_anomalies.py",
        # It reads gold (three periods) and a slice of silver for the drivers, and publishes
        # gold.cost_anomalies into the period's release.
        reads=(*layer_prefixes("gold"), *layer_prefixes("silver")),
        writes=(*layer_prefixes("gold"), RELEASES),
        reads_tables=("gold_*", "silver_*"),
        writes_tables=("gold_*",),
    ),
)
assert {j.script for j in JOBS} == set(GLUE_ENTRY_SCRIPTS)

# What a crawler must skip: Sentinel's own delivery records, export manifests (raw), Spark markers and
# the `_versions/` staging folders (silver/gold) that a catalog partition points into directly.
RAW_EXCLUSIONS = ("**/_delivery.json", "**.json", "**/_SUCCESS", "**.crc")
LAYER_EXCLUSIONS = (
    "_versions/**",
    "**/_versions/**",
    "**/_delivery.json",
    "**/_SUCCESS",
    "**.crc",
    "**/_temporary/**",
)


class GlueEtl(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        config: SentinelConfig,
        storage: Storage,
        deployer: Deployer,
    ) -> None:
        super().__init__(scope, construct_id)
        self.config = config
        self.storage = storage
        db = config.database_name

        self.database = glue.CfnDatabase(
            self,
            "Database",
            catalog_id=Aws.ACCOUNT_ID,
            database_input=glue.CfnDatabase.DatabaseInputProperty(
                name=db,
                description="Sentinel billing lake: raw_*, silver_* and gold_* tables",
                location_uri=f"s3://{storage.lake.bucket_name}/",
            ),
        )

        self.security_configuration = glue.CfnSecurityConfiguration(
            self,
            "SecurityConfiguration",
            name=f"{config.name_prefix}-glue",
            encryption_configuration=glue.CfnSecurityConfiguration.EncryptionConfigurationProperty(
                s3_encryptions=[
                    glue.CfnSecurityConfiguration.S3EncryptionProperty(
                        s3_encryption_mode="SSE-KMS", kms_key_arn=storage.key.key_arn
                    )
                ],
                cloud_watch_encryption=glue.CfnSecurityConfiguration.CloudWatchEncryptionProperty(
                    cloud_watch_encryption_mode="SSE-KMS", kms_key_arn=storage.key.key_arn
                ),
                job_bookmarks_encryption=glue.CfnSecurityConfiguration.JobBookmarksEncryptionProperty(
                    job_bookmarks_encryption_mode="CSE-KMS", kms_key_arn=storage.key.key_arn
                ),
            ),
        )

        staged = stage_glue_code(config.resolve_path(config.glue_asset_path))
        self.code_prefix = f"{GLUE_CODE}{staged.content_hash}/"
        self.code_deployment = deployer.deploy(
            self,
            "Code",
            sources=[s3deploy.Source.asset(str(staged.directory))],
            bucket=storage.artifacts,
            destination_key_prefix=self.code_prefix,
        )

        self.jobs: dict[str, glue.CfnJob] = {}
        self.job_roles: dict[str, iam.Role] = {}
        for spec in JOBS:
            self._job(spec)

        self.crawlers: dict[str, glue.CfnCrawler] = {}
        self.crawler_roles: dict[str, iam.Role] = {}
        self._crawler(
            "raw",
            RAW,
            RAW_EXCLUSIONS,
            table_prefix="raw_",
            grouping={"TableGroupingPolicy": "CombineCompatibleSchemas"},
        )
        for layer in ("silver", "gold"):
            # Level 3 = s3://lake/<layer>/<table>/: one catalog table per table folder.
            self._crawler(
                layer,
                f"{layer}/",
                LAYER_EXCLUSIONS,
                table_prefix=f"{layer}_",
                grouping={"TableLevelConfiguration": 3},
            )

    @property
    def job_names(self) -> list[str]:
        return [self.config.job_name(s.step) for s in JOBS]

    @property
    def crawler_names(self) -> list[str]:
        return [self.config.crawler_name(layer) for layer in ("raw", "silver", "gold")]

    def _artifact_uri(self, name: str) -> str:
        return f"s3://{self.storage.artifacts.bucket_name}/{self.code_prefix}{name}"

    def _job(self, spec: JobSpec) -> None:
        cfg, st = self.config, self.storage
        name = cfg.job_name(spec.step)
        role = iam.Role(
            self,
            f"{spec.step.title().replace('-', '')}Role",
            assumed_by=iam.ServicePrincipal("glue.amazonaws.com"),
            description=f"Glue job {name}: reads {', '.join(spec.reads)}, writes {', '.join(spec.writes)}",
        )
        for statement in (
            grants.list_bucket(st.lake),
            grants.objects(st.lake, spec.reads, grants.S3_READ),
            grants.objects(st.lake, spec.writes, (*grants.S3_READ, *grants.S3_WRITE, *grants.S3_DELETE)),
            grants.list_bucket(st.artifacts, [GLUE_CODE, GLUE_TMP, GLUE_WHEELS, PIPES]),
            grants.objects(st.artifacts, [self.code_prefix, GLUE_WHEELS], grants.S3_READ),
            grants.objects(st.artifacts, [GLUE_TMP], (*grants.S3_READ, *grants.S3_WRITE, *grants.S3_DELETE)),
            # Pipes: read the context Dagster wrote, write messages back.
            grants.objects(st.artifacts, [PIPES], (*grants.S3_READ, *grants.S3_WRITE)),
            grants.use_key(st.key, encrypt=True),
            grants.catalog(cfg.database_name, spec.reads_tables, grants.GLUE_CATALOG_READ),
            grants.catalog(
                cfg.database_name, spec.writes_tables, (*grants.GLUE_CATALOG_READ, *grants.GLUE_CATALOG_WRITE)
            ),
            grants.log_groups(
                "/aws-glue/jobs/*",
                ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "logs:AssociateKmsKey"],
            ),
            grants.glue_metrics(),
        ):
            role.add_to_policy(statement)

        job = glue.CfnJob(
            self,
            spec.step.title().replace("-", ""),
            name=name,
            description=f"Sentinel {spec.step.replace('-', ' ')} (PySpark, launched by Dagster Pipes)",
            role=role.role_arn,
            glue_version="5.1",
            command=glue.CfnJob.JobCommandProperty(
                name="glueetl", python_version="3", script_location=self._artifact_uri(spec.script)
            ),
            worker_type=cfg.glue_worker_type,
            number_of_workers=cfg.glue_number_of_workers,
            timeout=cfg.glue_timeout_minutes,
            max_retries=0,  # Dagster owns retries, so a failure is reported once
            execution_property=glue.CfnJob.ExecutionPropertyProperty(
                max_concurrent_runs=cfg.glue_max_concurrent_runs
            ),
            security_configuration=self.security_configuration.name,
            default_arguments={
                "--job-language": "python",
                # Idempotence comes from replacing whole billing periods, not from bookmarks.
                "--job-bookmark-option": "job-bookmark-disable",
                "--extra-py-files": self._artifact_uri(GLUE_LIBS_ZIP),
                "--additional-python-modules": cfg.glue_python_modules,
                "--TempDir": f"s3://{st.artifacts.bucket_name}/{GLUE_TMP}",
                "--enable-metrics": "true",
                "--enable-continuous-cloudwatch-log": "true",
                # Workers scale between 2 and number_of_workers: small months cost less.
                "--enable-auto-scaling": "true",
                # The scripts' own arguments (sentinel_etl.job_args): Spark rather than the local
                # DuckDB default, and the lake root. Dagster adds --BILLING_PERIOD and the rest per run.
                "--ENGINE": "spark",
                "--LAKE_ROOT": f"s3://{st.lake.bucket_name}/",
            },
        )
        job.node.add_dependency(self.security_configuration)
        job.node.add_dependency(self.code_deployment)
        self.jobs[spec.step] = job
        self.job_roles[spec.step] = role

    def _crawler(
        self,
        layer: str,
        prefix: str,
        exclusions: tuple[str, ...],
        *,
        table_prefix: str,
        grouping: dict[str, object],
    ) -> None:
        cfg, st = self.config, self.storage
        role = iam.Role(
            self,
            f"{layer.title()}CrawlerRole",
            assumed_by=iam.ServicePrincipal("glue.amazonaws.com"),
            description=f"Glue crawler {cfg.crawler_name(layer)}: reads {prefix}, catalogs {table_prefix}*",
        )
        for statement in (
            grants.list_bucket(st.lake, [prefix]),
            grants.objects(st.lake, [prefix], grants.S3_READ),
            grants.use_key(st.key, encrypt=False),
            grants.catalog(
                cfg.database_name,
                [f"{table_prefix}*"],
                (*grants.GLUE_CATALOG_READ, *grants.GLUE_CATALOG_WRITE),
            ),
            grants.log_groups(
                "/aws-glue/crawlers*",
                ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "logs:AssociateKmsKey"],
            ),
        ):
            role.add_to_policy(statement)

        crawler = glue.CfnCrawler(
            self,
            f"{layer.title()}Crawler",
            name=cfg.crawler_name(layer),
            description=f"Catalogs s3://<lake>/{prefix} as {table_prefix}* tables in {cfg.database_name}",
            role=role.role_arn,
            database_name=cfg.database_name,
            table_prefix=table_prefix,
            targets=glue.CfnCrawler.TargetsProperty(
                s3_targets=[
                    glue.CfnCrawler.S3TargetProperty(
                        path=f"s3://{st.lake.bucket_name}/{prefix}", exclusions=list(exclusions)
                    )
                ]
            ),
            # Jobs move partition locations themselves; a crawler may add, never delete.
            schema_change_policy=glue.CfnCrawler.SchemaChangePolicyProperty(
                update_behavior="UPDATE_IN_DATABASE", delete_behavior="LOG"
            ),
            recrawl_policy=glue.CfnCrawler.RecrawlPolicyProperty(recrawl_behavior="CRAWL_EVERYTHING"),
            configuration=json.dumps(
                {
                    "Version": 1.0,
                    "CrawlerOutput": {
                        "Partitions": {"AddOrUpdateBehavior": "InheritFromTable"},
                        "Tables": {"AddOrUpdateBehavior": "MergeNewColumns"},
                    },
                    "Grouping": grouping,
                    "CreatePartitionIndex": True,
                },
                sort_keys=True,
            ),
            crawler_security_configuration=self.security_configuration.name,
        )
        crawler.node.add_dependency(self.database)
        crawler.node.add_dependency(self.security_configuration)
        self.crawlers[layer] = crawler
        self.crawler_roles[layer] = role
