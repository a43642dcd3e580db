"""The job runner on AWS: the same job scripts, run by Glue and launched through dagster-aws's PipesGlueClient.

Context goes in through S3 (`PipesS3ContextInjector`), reports come back through S3
(`PipesS3MessageReader`, which streams while the job runs; the CloudWatch reader only reads after the
run ends), both under `pipes/` of the artifacts bucket, where the orchestrator policy allows them and
a lifecycle rule expires them. A run that ends FAILED, TIMEOUT, ERROR or STOPPED becomes a failed
`JobOutcome` carrying the script's own error and the Glue run's console URL; interrupting the Dagster
run stops the Glue run (PipesGlueClient's `forward_termination`).
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from dagster import AssetCheckResult, AssetExecutionContext, MaterializeResult, PipesMessageHandler
from dagster_aws.pipes import PipesGlueClient, PipesS3ContextInjector, PipesS3MessageReader

from sentinel_assets.aws.clients import aws_client
from sentinel_assets.interfaces import JobOutcome, JobRunner, reported_outcome


class _ReportingS3MessageReader(PipesS3MessageReader):
    """Messages under a fixed prefix; keeps the handler, whose custom messages say how a failed run ended."""

    def __init__(self, *, prefix: str, **kwargs: Any):
        super().__init__(**kwargs)
        self.prefix = prefix
        self.handler: PipesMessageHandler | None = None

    @property
    def expected_writer_count(self) -> int:  # one writer (the script), as in the base, which warns it is preview
        return 1

    @contextmanager
    def get_params(self) -> Iterator[Any]:
        with super().get_params() as params:
            yield {**params, "key_prefix": f"{self.prefix}{params['key_prefix']}"}

    @contextmanager
    def read_messages(self, handler: PipesMessageHandler) -> Iterator[Any]:
        self.handler = handler
        with super().read_messages(handler) as params:
            yield params


class _RecordingGlue:
    """Delegates to the Glue client and remembers the run id, for the URL of a failed run."""

    def __init__(self, client: Any):
        self._client = client
        self.run_id: str | None = None

    def start_job_run(self, **params: Any) -> Any:
        response = self._client.start_job_run(**params)
        self.run_id = response["JobRunId"]
        return response

    def __getattr__(self, name: str) -> Any:
        return getattr(self._client, name)


class GlueJobRunner(JobRunner):
    raw_to_silver_job: str = "sentinel-raw-to-silver"
    silver_to_gold_job: str = "sentinel-silver-to-gold"
    gold_to_anomalies_job: str = "sentinel-gold-to-anomalies"
    artifacts_bucket: str
    pipes_prefix: str = "pipes/"
    database: str = "sentinel"
    timeout_minutes: int | None = None
    poll_seconds: float = 5.0
    region: str | None = None
    endpoint_url: str | None = None

    def glue_client(self) -> Any:
        """The Glue API (tests substitute a client that runs the script locally)."""
        return aws_client("glue", self.region, self.endpoint_url)

    def job_name(self, job: str) -> str:
        return {"raw_to_silver": self.raw_to_silver_job, "silver_to_gold": self.silver_to_gold_job,
                "gold_to_anomalies": self.gold_to_anomalies_job}[job]

    def run(self, context: AssetExecutionContext, job: str, args: Mapping[str, str]) -> JobOutcome:
        started = time.monotonic()
        s3 = aws_client("s3", self.region, self.endpoint_url)
        glue = _RecordingGlue(self.glue_client())
        reader = _ReportingS3MessageReader(prefix=f"{self.pipes_prefix}messages/", bucket=self.artifacts_bucket,
                                           client=s3, interval=self.poll_seconds)
        client = PipesGlueClient(
            context_injector=PipesS3ContextInjector(bucket=self.artifacts_bucket, client=s3,
                                                    key_prefix=f"{self.pipes_prefix}context/"),
            message_reader=reader,
            client=glue,  # type: ignore[arg-type]
            forward_termination=True,
        )
        name = self.job_name(job)
        # Glue's convention: `--KEY value`; the job's default arguments (--ENGINE, --LAKE_ROOT, ...) apply
        # underneath. PipesGlueClient adds the Pipes arguments to (and mutates) this dict.
        arguments = {f"--{key}": value for key, value in {"GLUE_DATABASE": self.database, **args}.items()}
        params: dict[str, Any] = {"JobName": name, "Arguments": arguments}
        if self.timeout_minutes:
            params["Timeout"] = self.timeout_minutes
        try:
            invocation = client.run(context=context, start_job_run_params=params)  # type: ignore[arg-type]
        except RuntimeError as failure:  # the run ended FAILED, TIMEOUT, ERROR or STOPPED
            results = tuple(reader.handler.get_reported_results()) if reader.handler else ()
            outcome = reported_outcome(reader.handler.get_custom_messages() if reader.handler else [])
            url = self.run_url(glue.meta.region_name, name, glue.run_id)
            error = f"{outcome.get('error') or str(failure).strip()} (Glue job {name} run {glue.run_id}: {url})"
            return JobOutcome(job, int(outcome.get("code") or 1), results, error, time.monotonic() - started,
                              tuple(outcome.get("rejected") or ()))
        glue_metadata = dict(invocation.metadata)
        reported = [
            MaterializeResult(asset_key=r.asset_key, metadata={**(r.metadata or {}), **glue_metadata},
                              data_version=r.data_version) if isinstance(r, MaterializeResult) else r
            for r in invocation.get_results(implicit_materializations=False)
        ]
        return JobOutcome(job, 0, tuple(_typed(reported)), None, time.monotonic() - started)

    @staticmethod
    def run_url(region: str, job_name: str, run_id: str | None) -> str:
        return (f"https://{region}.console.aws.amazon.com/gluestudio/home?region={region}"
                f"#/job/{job_name}/run/{run_id}")


def _typed(results: list[Any]) -> Iterator[MaterializeResult | AssetCheckResult]:
    for result in results:
        if isinstance(result, MaterializeResult | AssetCheckResult):
            yield result
