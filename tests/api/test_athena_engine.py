"""The Athena engine: start, poll, fetch, failure and timeout, against a recorded fake Athena client and
against moto's Athena (ThreadedMotoServer on a free loopback port)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import boto3
import pytest
import requests
from api_support import local_settings
from fastapi.testclient import TestClient

from api.main import create_app
from api.settings import ApiSettings
from sentinel.engines.athena_engine import AthenaEngine, athena_literal
from sentinel.engines.base import Query, QueryTimeout, UpstreamError

QUERY = Query("SELECT service, sum(unblended_cost) AS cost FROM gold.cost_daily "
              "WHERE billing_period BETWEEN ? AND ? AND usage_date BETWEEN ? AND ? AND service IN (?) GROUP BY 1",
              ("2024-09", "2024-09", date(2024, 9, 1), date(2024, 9, 30), "O'Brien's; DROP TABLE x --"), "test")
COLUMNS = [  # what Athena's GetQueryResults describes
    {"CatalogName": "hive", "SchemaName": "", "TableName": "", "Name": name, "Label": name, "Type": kind,
     "Precision": precision, "Scale": scale, "Nullable": "UNKNOWN", "CaseSensitive": kind == "varchar"}
    for name, kind, precision, scale in (("service", "varchar", 2147483647, 0), ("cost", "decimal", 38, 10))
]


def test_literals_are_typed_and_quoted() -> None:
    assert athena_literal("O'Brien") == "'O''Brien'"
    assert athena_literal("'; DROP TABLE x; --") == "'''; DROP TABLE x; --'"
    assert athena_literal(date(2024, 9, 1)) == "DATE '2024-09-01'"
    assert athena_literal(datetime(2024, 9, 1, 2, 0, tzinfo=UTC)) == "TIMESTAMP '2024-09-01 02:00:00.000000'"
    assert athena_literal(Decimal("0.1200000000")) == "DECIMAL '0.1200000000'"
    assert athena_literal(5) == "5" and athena_literal(1.5) == "DOUBLE '1.5'" and athena_literal(None) == "NULL"
    with pytest.raises(ValueError):
        athena_literal(float("nan"))


# --- a recorded fake of the boto3 Athena client ---------------------------------------------------

class FakeAthena:
    def __init__(self, states: list[str], rows: list[list[str | None]], page: int = 2, reason: str = ""):
        self.states, self.rows, self.page, self.reason = list(states), rows, page, reason
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.stopped = False

    def start_query_execution(self, **request: Any) -> dict[str, Any]:
        self.calls.append(("start", request))
        return {"QueryExecutionId": "q-1"}

    def get_query_execution(self, QueryExecutionId: str) -> dict[str, Any]:
        state = self.states.pop(0) if len(self.states) > 1 else self.states[0]
        self.calls.append(("poll", {"state": state}))
        return {"QueryExecution": {
            "QueryExecutionId": QueryExecutionId, "Query": "SELECT ...", "StatementType": "DML",
            "Status": {"State": state, "StateChangeReason": self.reason},
            "ResultConfiguration": {"OutputLocation": "s3://results/q-1.csv"},
        }}

    def get_query_results(self, **request: Any) -> dict[str, Any]:
        self.calls.append(("fetch", request))
        header = [{"Data": [{"VarCharValue": c["Name"]} for c in COLUMNS]}]
        data = [{"Data": [{"VarCharValue": v} if v is not None else {} for v in row]} for row in self.rows]
        pages = [header + data[: self.page - 1]] + [data[i:i + self.page] for i in range(self.page - 1, len(data),
                                                                                          self.page)]
        index = int(request.get("NextToken", 0))
        result: dict[str, Any] = {"ResultSet": {"Rows": pages[index], "ResultSetMetadata": {"ColumnInfo": COLUMNS}},
                                  "UpdateCount": 0}
        if index + 1 < len(pages):
            result["NextToken"] = str(index + 1)
        return result

    def stop_query_execution(self, QueryExecutionId: str) -> dict[str, Any]:
        self.stopped = True
        self.calls.append(("stop", {}))
        return {}


class FakeSession:
    region_name = "eu-west-1"

    def __init__(self, client: FakeAthena):
        self._client = client

    def client(self, name: str, **_: Any) -> FakeAthena:
        assert name == "athena"
        return self._client


def athena_settings(**overrides: Any) -> ApiSettings:
    values: dict[str, Any] = {"env": "aws", "athena_workgroup": "sentinel", "athena_database": "sentinel",
                              "athena_output": "s3://results/", "athena_region": "eu-west-1",
                              "athena_poll_interval": 0.01, "athena_result_reuse_minutes": 60}
    return ApiSettings(**{**values, **overrides})


def fake_engine(fake: FakeAthena, **overrides: Any) -> AthenaEngine:
    from pyathena import connect

    return AthenaEngine(athena_settings(**overrides).athena_options(), connect=lambda **kw: connect(session=FakeSession(fake), **kw))


def test_start_poll_fetch() -> None:
    fake = FakeAthena(["QUEUED", "RUNNING", "SUCCEEDED"], [["Amazon EC2", "12.5000000000"], ["AWS Glue", None],
                                                          ["Amazon S3", "0.0000000100"]])
    result = fake_engine(fake).execute(QUERY)
    assert result.columns == ["service", "cost"]
    assert result.rows == [("Amazon EC2", Decimal("12.5")), ("AWS Glue", None), ("Amazon S3", Decimal("1E-8"))]
    kinds = [kind for kind, _ in fake.calls]
    assert kinds[:4] == ["start", "poll", "poll", "poll"] and kinds.count("fetch") == 2
    request = fake.calls[0][1]
    assert request["WorkGroup"] == "sentinel"
    assert request["QueryExecutionContext"]["Database"] == "sentinel"
    assert request["ResultReuseConfiguration"] == {
        "ResultReuseByAgeConfiguration": {"Enabled": True, "MaxAgeInMinutes": 60}}
    assert '"sentinel"."gold_cost_daily"' in request["QueryString"]
    assert "O''Brien" not in request["QueryString"] and "DROP" not in request["QueryString"]
    assert request["ExecutionParameters"] == [
        "'2024-09'", "'2024-09'", "DATE '2024-09-01'", "DATE '2024-09-30'", "'O''Brien''s; DROP TABLE x --'"]


def test_stream_pages_through_results() -> None:
    rows = [[f"s{i}", f"{i}.0000000000"] for i in range(7)]
    batches = list(fake_engine(FakeAthena(["SUCCEEDED"], rows, page=3)).stream(QUERY, 4))
    assert sum(b.num_rows for b in batches) == 7 and batches[0].schema.names == ["service", "cost"]


def test_a_failed_query_is_an_upstream_error() -> None:
    fake = FakeAthena(["RUNNING", "FAILED"], [], reason="SYNTAX_ERROR: line 1:8")
    with pytest.raises(UpstreamError) as error:
        fake_engine(fake).execute(QUERY)
    assert error.value.status_code == 502 and "SYNTAX_ERROR" not in str(error.value)


def test_a_slow_query_times_out_and_is_stopped() -> None:
    fake = FakeAthena(["RUNNING"], [])
    with pytest.raises(QueryTimeout) as error:
        fake_engine(fake, athena_timeout_seconds=0.1).execute(QUERY)
    assert error.value.status_code == 504 and fake.stopped


def test_a_start_failure_is_an_upstream_error() -> None:
    fake = FakeAthena(["SUCCEEDED"], [])

    def refuse(**_: Any) -> None:
        raise RuntimeError("AccessDeniedException")

    fake.start_query_execution = refuse  # type: ignore[method-assign]
    with pytest.raises(UpstreamError):
        fake_engine(fake).execute(QUERY)


@pytest.mark.parametrize(("states", "status"), [(["FAILED"], 502), (["RUNNING"], 504)])
def test_the_api_maps_athena_failures(states: list[str], status: int) -> None:
    # A failure must not race the timeout on a busy machine: only the timeout case waits briefly.
    engine = fake_engine(FakeAthena(states, []), athena_timeout_seconds=0.1 if status == 504 else 30)
    app = create_app(local_settings(Path("/nonexistent"), env="local", engine="athena"), engine=engine)
    with TestClient(app, base_url="http://localhost") as client:
        assert client.get("/api/v1/health").json()["engine"] == "athena"
        response = client.get("/api/v1/summary")
    assert response.status_code == status and response.json()["request_id"]


# --- moto ------------------------------------------------------------------------------------------

@pytest.fixture
def aws_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                        "AWS_DEFAULT_REGION": "us-east-1", "AWS_REGION": "us-east-1"}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("AWS_PROFILE", raising=False)


def test_query_flow_against_moto(moto_endpoint: str, aws_env: None) -> None:
    results = {"results": [{
        "rows": [{"Data": [{"VarCharValue": "service"}, {"VarCharValue": "cost"}]},
                 {"Data": [{"VarCharValue": "Amazon EC2"}, {"VarCharValue": "12.5"}]}],
        "column_info": COLUMNS,
    }]}
    assert requests.post(f"{moto_endpoint}/moto-api/static/athena/query-results", json=results).status_code == 201
    settings = athena_settings(athena_endpoint_url=moto_endpoint, athena_region="us-east-1",
                               athena_workgroup="primary", athena_output="s3://athena-results/")
    result = AthenaEngine(settings.athena_options()).execute(QUERY)
    assert result.rows == [("Amazon EC2", Decimal("12.5"))]
    athena = boto3.client("athena", endpoint_url=moto_endpoint, region_name="us-east-1")
    (execution_id,) = athena.list_query_executions()["QueryExecutionIds"][-1:]
    execution = athena.get_query_execution(QueryExecutionId=execution_id)["QueryExecution"]
    assert '"sentinel"."gold_cost_daily"' in execution["Query"] and "O''Brien" not in execution["Query"]
    assert execution["ExecutionParameters"][-1] == "'O''Brien''s; DROP TABLE x --'"


def test_independent_queries_run_side_by_side() -> None:
    fake = FakeAthena(["SUCCEEDED"], [["Amazon EC2", "1.0000000000"]])
    results = fake_engine(fake).execute_many([QUERY, QUERY, QUERY])
    assert [r.rows for r in results] == [[("Amazon EC2", Decimal("1"))]] * 3
    assert [kind for kind, _ in fake.calls].count("start") == 3
