"""The Athena workgroup `sentinel`.

The workgroup configuration is enforced: every query in it writes SSE-KMS results to the results bucket
and is cancelled once it has scanned `athenaBytesScannedCutoff` bytes, whatever the client asks for.

Query result reuse is not a workgroup setting: it is requested per query
(`StartQueryExecution(ResultReuseConfiguration={"ResultReuseByAgeConfiguration": {"Enabled": True,
"MaxAgeInMinutes": N}})`, or pyathena's `result_reuse_enable=True, result_reuse_minutes=N`). The API
gets N from SENTINEL_ATHENA_RESULT_REUSE_MINUTES; gold only changes when a Dagster run lands, so the
dashboard's repeated queries are served from the previous result without scanning again.
"""

from __future__ import annotations

from aws_cdk import Aws
from aws_cdk import aws_athena as athena
from constructs import Construct

from .config import SentinelConfig
from .storage import ATHENA_RESULTS, Storage


class AthenaWorkgroup(Construct):
    def __init__(
        self, scope: Construct, construct_id: str, *, config: SentinelConfig, storage: Storage
    ) -> None:
        super().__init__(scope, construct_id)
        self.name = config.workgroup_name
        self.results_prefix = f"{ATHENA_RESULTS}{self.name}/"
        self.workgroup = athena.CfnWorkGroup(
            self,
            "WorkGroup",
            name=self.name,
            description="Sentinel: API and orchestration queries over the billing lake",
            state="ENABLED",
            recursive_delete_option=False,
            work_group_configuration=athena.CfnWorkGroup.WorkGroupConfigurationProperty(
                enforce_work_group_configuration=True,
                bytes_scanned_cutoff_per_query=config.athena_bytes_scanned_cutoff,
                publish_cloud_watch_metrics_enabled=True,
                requester_pays_enabled=False,
                engine_version=athena.CfnWorkGroup.EngineVersionProperty(
                    selected_engine_version=config.athena_engine_version
                ),
                result_configuration=athena.CfnWorkGroup.ResultConfigurationProperty(
                    output_location=f"s3://{storage.athena_results.bucket_name}/{self.results_prefix}",
                    expected_bucket_owner=Aws.ACCOUNT_ID,
                    encryption_configuration=athena.CfnWorkGroup.EncryptionConfigurationProperty(
                        encryption_option="SSE_KMS", kms_key=storage.key.key_arn
                    ),
                ),
            ),
        )

    @property
    def arn(self) -> str:
        return f"arn:{Aws.PARTITION}:athena:{Aws.REGION}:{Aws.ACCOUNT_ID}:workgroup/{self.name}"
