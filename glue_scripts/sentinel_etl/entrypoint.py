"""The thin edge shared by the job scripts: arguments, engine, Dagster Pipes, exit codes."""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Callable, Iterator
from typing import Any

from sentinel_etl.engine import DEFAULT_ENGINE, Engine, start_engine
from sentinel_etl.errors import EXIT_CHECK_FAILED, EXIT_INPUT_ERROR, CheckFailed, InputError
from sentinel_etl.job_args import parse_job_args
from sentinel_etl.lake import VersionedLake, open_lake
from sentinel_etl.reporting import Reporter

JobBody = Callable[[Engine, VersionedLake, dict[str, str], Reporter], Any]


def main(argv: list[str], required: list[str], body: JobBody) -> int:
    args = parse_job_args(argv, ["BILLING_PERIOD", "LAKE_ROOT", *required], {"ENGINE": DEFAULT_ENGINE})
    with _pipes(argv) as pipes:
        reporter = Reporter(pipes=pipes)
        engine = start_engine(args["ENGINE"], spark_master=args.get("SPARK_MASTER") or None,
                              memory_limit=args.get("DUCKDB_MEMORY_LIMIT") or None)
        lake = open_lake(args["LAKE_ROOT"], args["ENGINE"], database=args.get("GLUE_DATABASE") or None,
                         mode=args.get("LAKE_MODE") or None)
        rejected: list[str] = []
        try:
            result = body(engine, lake, args, reporter)
            code, error = 0, None
        except InputError as failure:
            code, error, rejected = EXIT_INPUT_ERROR, lake.public(str(failure)), failure.deliveries
        except CheckFailed as failure:
            code, error = EXIT_CHECK_FAILED, lake.public(str(failure))
        except Exception as failure:  # reported like the others, so the launcher need not parse a traceback
            if pipes is not None:
                pipes.report_custom_message({"outcome": {"code": 1, "rejected": [],
                                                         "error": f"{type(failure).__name__}: {failure}"}})
            raise
        finally:
            engine.stop()
            lake.close()
        if args.get("RESULT_PATH"):
            with open(args["RESULT_PATH"], "w", encoding="utf-8") as handle:
                payload = {**reporter.as_json(), "error": error, "rejected": rejected,
                           "result": _jsonable(result) if code == 0 else None}
                json.dump(payload, handle, indent=2, default=str)
        if pipes is not None:  # how the job ended, for the launcher (locally, or PipesGlueClient's on Glue)
            pipes.report_custom_message({"outcome": {"code": code, "error": error, "rejected": rejected}})
        if error:
            print(f"error: {error}", file=sys.stderr, flush=True)
            if pipes is not None:
                pipes.log.error(error)
                raise SystemExit(code)  # Glue marks the run failed
        return code


@contextlib.contextmanager
def _pipes(argv: list[str]) -> Iterator[Any]:
    """Open Dagster Pipes when this process was launched by Dagster, locally or on Glue."""
    if "--dagster-pipes-context" in argv or "--dagster-pipes-messages" in argv:
        import boto3
        from dagster_pipes import (
            PipesCliArgsParamsLoader,
            PipesS3ContextLoader,
            PipesS3MessageWriter,
            open_dagster_pipes,
        )

        client = boto3.client("s3")
        with open_dagster_pipes(
            params_loader=PipesCliArgsParamsLoader(),
            context_loader=PipesS3ContextLoader(client=client),
            message_writer=PipesS3MessageWriter(client=client),
        ) as pipes:
            yield pipes
    elif os.environ.get("DAGSTER_PIPES_CONTEXT"):
        from dagster_pipes import open_dagster_pipes

        with open_dagster_pipes() as pipes:
            yield pipes
    else:
        yield None


def _jsonable(value: Any) -> Any:
    from dataclasses import asdict, is_dataclass

    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    return value
