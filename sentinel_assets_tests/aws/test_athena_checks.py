"""The checks' Athena engine against moto: the statement sent (catalog table names, bound period) and the
answer parsed. moto returns the seeded result for any query; it does not run SQL."""

from __future__ import annotations

import json
import urllib.request
from decimal import Decimal

import pytest

from sentinel_assets.aws.athena_query import AthenaLakeTotals
from sentinel_assets.resources import build_resources
from sentinel_assets_tests.aws.conftest import Stack

pytestmark = pytest.mark.aws


def seed(endpoint: str, rows: list[list[str]]) -> None:
    columns = [{"CatalogName": "hive", "SchemaName": "", "TableName": "", "Name": name, "Label": name,
                "Type": "varchar", "Precision": 2147483647, "Scale": 0, "Nullable": "UNKNOWN", "CaseSensitive": True}
               for name in rows[0]]
    body = {"results": [{"rows": [{"Data": [{"VarCharValue": v} for v in row]} for row in rows],
                         "column_info": columns}]}
    request = urllib.request.Request(f"{endpoint}/moto-api/static/athena/query-results", method="POST",
                                     data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    urllib.request.urlopen(request, timeout=10).close()


def test_gold_totals_through_athena(stack: Stack) -> None:
    settings = stack.settings.model_copy(update={"check_engine": "athena", "athena_workgroup": "primary"})
    engine = build_resources(settings)["lake_totals"]
    assert isinstance(engine, AthenaLakeTotals)
    seed(stack.moto.endpoint, [["_col0", "_col1", "_col2", "_col3"], ["1281", "1.6823090000", "3.3561730000",
                                                                       "1.6823090000"]])

    totals = engine.totals("gold", "period_summary", "2023-11")

    assert totals is not None and (totals.rows, totals.unblended) == (1281, Decimal("1.682309"))
    athena = stack.moto.client("athena")
    execution_id = athena.list_query_executions()["QueryExecutionIds"][-1]
    execution = athena.get_query_execution(QueryExecutionId=execution_id)["QueryExecution"]
    assert f'"{settings.glue_database}"."gold_period_summary"' in execution["Query"]
    assert execution["ExecutionParameters"] == ["'2023-11'"] and "2023-11" not in execution["Query"]
    with pytest.raises(ValueError, match="not a column"):
        engine.distinct("silver", "line_items", "2023-11", "delivery_id; DROP")
