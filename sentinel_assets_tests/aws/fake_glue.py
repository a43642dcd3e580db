"""A Glue client that runs the real job script on this machine (moto starts no job runs).

The pattern of dagster-aws's own tests (LocalGlueMockClient): job definitions live in moto (get_job,
DefaultArguments); `start_job_run` merges the run's arguments over the job's defaults, as Glue does, adds
Glue's own (`--JOB_NAME`, `--JOB_RUN_ID`) and starts `python <script> --KEY value ...` as a subprocess,
which reads the Pipes context from and writes messages to the moto S3 server.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sentinel.job_runner import glue_script


def script_for(job_name: str) -> str:
    """The script a job definition runs (the stack names jobs `<prefix>-raw-to-silver`, ...)."""
    for step in ("raw-to-silver", "silver-to-gold", "gold-to-anomalies"):
        if job_name.endswith(step):
            return step.replace("-", "_")
    raise ValueError(f"no script for the Glue job {job_name}")


@dataclass
class _Run:
    job_name: str
    process: subprocess.Popen[bytes]
    log: Path
    stopped: bool = False


class LocalGlueClient:
    def __init__(self, moto_glue: Any, *, wait_seconds: float = 120.0, interrupt_on_poll: int | None = None):
        self.moto = moto_glue
        self.meta = moto_glue.meta
        self.exceptions = moto_glue.exceptions
        self.wait_seconds = wait_seconds  # get_job_run waits this long for the process (spares the 5 s polls)
        self.interrupt_on_poll = interrupt_on_poll  # simulate Dagster terminating the run at the n-th poll
        self.polls = 0
        self.runs: dict[str, _Run] = {}
        self.started: list[dict[str, Any]] = []
        self._logs = tempfile.TemporaryDirectory(prefix="fake-glue-")

    def get_job(self, **kwargs: Any) -> Any:
        return self.moto.get_job(**kwargs)

    def start_job_run(self, *, JobName: str, Arguments: dict[str, str] | None = None, **rest: Any) -> dict[str, str]:
        job = self.moto.get_job(JobName=JobName)["Job"]  # EntityNotFoundException for an unknown job, like Glue
        run_id = f"jr_{uuid.uuid4().hex}"
        arguments = {**job.get("DefaultArguments", {}), **(Arguments or {}),
                     "--JOB_NAME": JobName, "--JOB_RUN_ID": run_id}
        self.started.append({"JobName": JobName, "Arguments": dict(arguments), **rest})
        command = [sys.executable, str(glue_script(script_for(JobName)))]
        for key, value in arguments.items():
            command += [key, value]
        log = Path(self._logs.name) / f"{run_id}.log"
        with log.open("wb") as handle:
            process = subprocess.Popen(command, stdout=handle, stderr=subprocess.STDOUT)
        self.runs[run_id] = _Run(JobName, process, log)
        return {"JobRunId": run_id}

    def get_job_run(self, *, JobName: str, RunId: str, **_: Any) -> dict[str, Any]:
        run = self.runs[RunId]
        self.polls += 1
        if self.polls == self.interrupt_on_poll:
            from dagster import DagsterExecutionInterruptedError

            raise DagsterExecutionInterruptedError("terminated")  # what Dagster raises inside the poll loop
        try:
            code = run.process.wait(timeout=self.wait_seconds)
        except subprocess.TimeoutExpired:
            code = None
        state = ("RUNNING" if code is None else "STOPPED" if run.stopped else "SUCCEEDED" if code == 0 else "FAILED")
        job_run: dict[str, Any] = {"Id": RunId, "JobName": JobName, "JobRunState": state}
        if state == "FAILED":
            tail = run.log.read_text(errors="replace").strip().splitlines()[-3:]
            job_run["ErrorMessage"] = f"exit code {code}: " + " | ".join(tail)
        return {"JobRun": job_run}

    def batch_stop_job_run(self, *, JobName: str, JobRunIds: list[str]) -> dict[str, Any]:
        for run_id in JobRunIds:
            run = self.runs[run_id]
            run.stopped = True
            run.process.terminate()
            run.process.wait(timeout=30)
        return {"SuccessfulSubmissions": [{"JobName": JobName, "JobRunId": r} for r in JobRunIds], "Errors": []}
