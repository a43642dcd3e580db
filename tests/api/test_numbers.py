"""Every endpoint's totals against direct SQL on gold/silver, and the published sample figures."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest

SEPT = {"start": "2024-09-01", "end": "2024-09-30"}
NOV_2018 = {"start": "2018-11-01", "end": "2018-11-30"}


@pytest.mark.parametrize(("view", "expected"), [
    ("unblended", 3505.326968), ("amortized", 3632.559846), ("public", 3671.199306),
])
def test_summary_2018_11_matches_the_published_totals(client, view, expected) -> None:
    body = client.get("/api/v1/summary", params={**NOV_2018, "view": view}).json()
    assert body["total"] == pytest.approx(expected, abs=1e-6)
    assert body["source"] == "gold.cost_monthly"  # whole month, exactly billed: the small table
    # October 2018 has no loaded billing period: missing data, said so, not zero spend
    assert body["previous_range"] == {"start": "2018-10-01", "end": "2018-10-31", "days": 31, "covered": False}
    assert body["range"]["covered"] is True


def test_breakdown_by_provider_for_billing_period_2024_09(client) -> None:
    body = client.get("/api/v1/costs/breakdown",
                      params={**SEPT, "dimension": "provider", "billing_period": "2024-09"}).json()
    costs = {item["key"]: item["cost"] for item in body["items"]}
    assert costs == pytest.approx({"AWS": 18.006639, "Microsoft": 1.976514, "Oracle": 0.297074}, abs=1e-6)
    assert sum(item["share"] for item in body["items"]) == pytest.approx(1.0)


def test_usage_dates_include_charges_billed_in_the_next_period(client, db, scalar) -> None:
    # The FOCUS sample bills a 2024-09-30 Oracle charge in period 2024-10: by usage date it is September's.
    body = client.get("/api/v1/costs/breakdown", params={**SEPT, "dimension": "provider"}).json()
    costs = {item["key"]: item["cost"] for item in body["items"]}
    expected = scalar("SELECT sum(unblended_cost) FROM silver.line_items WHERE provider = 'Oracle' "
                          "AND usage_date BETWEEN DATE '2024-09-01' AND DATE '2024-09-30'")
    assert costs["Oracle"] == pytest.approx(expected, abs=1e-9) == pytest.approx(0.537074, abs=1e-6)
    assert body["total"] == pytest.approx(scalar("SELECT sum(unblended_cost) FROM gold.cost_daily WHERE usage_date BETWEEN '2024-09-01' AND '2024-09-30'"
    ), abs=1e-9)


@pytest.mark.parametrize("view", ["unblended", "amortized", "public", "net_unblended"])
@pytest.mark.parametrize("period", ["2018-11", "2023-11", "2024-09"])
def test_summary_total_equals_silver_by_usage_date(client, db, scalar, view, period) -> None:
    start, end = f"{period}-01", {"2018-11": "2018-11-30", "2023-11": "2023-11-30", "2024-09": "2024-09-30"}[period]
    body = client.get("/api/v1/summary", params={"start": start, "end": end, "view": view}).json()
    column = {"unblended": "unblended_cost", "amortized": "amortized_cost", "public": "public_cost",
              "net_unblended": "net_unblended_cost"}[view]
    expected = scalar(f"SELECT sum({column}) FROM silver.line_items WHERE usage_date BETWEEN ? AND ?", [start, end])
    assert body["total"] == pytest.approx(expected, abs=1e-9)


def test_partial_range_uses_daily_gold_and_matches_silver(client, db, scalar) -> None:
    params = {"start": "2018-11-05", "end": "2018-11-19", "service": "Amazon Elastic Compute Cloud"}
    body = client.get("/api/v1/summary", params=params).json()
    assert body["source"] == "gold.cost_daily"
    expected = scalar("SELECT sum(unblended_cost) FROM silver.line_items WHERE usage_date BETWEEN ? AND ? "
                          "AND service_name = ?", [params["start"], params["end"], params["service"]])
    assert body["total"] == pytest.approx(expected, abs=1e-9)
    assert body["previous_range"] == {"start": "2018-10-21", "end": "2018-11-04", "days": 15, "covered": False}
    previous = scalar("SELECT sum(unblended_cost) FROM silver.line_items WHERE usage_date BETWEEN "
                          "'2018-10-21' AND '2018-11-04' AND service_name = ?", [params["service"]])
    assert body["previous_total"] == pytest.approx(previous, abs=1e-9)
    assert body["change"] == pytest.approx(body["total"] - body["previous_total"])


def test_summary_counts_and_movers(client, db, scalar) -> None:
    body = client.get("/api/v1/summary", params=NOV_2018).json()
    accounts, services, regions = db.execute(
        "SELECT count(DISTINCT usage_account_id), count(DISTINCT service), count(DISTINCT nullif(region, '')) "
        "FROM gold.cost_daily WHERE billing_period = '2018-11'").fetchone()
    assert body["active"] == {"accounts": accounts, "services": services, "regions": regions}
    assert body["top_movers"] == []  # against a month with no loaded data there is no change to show
    october = client.get("/api/v1/summary", params={"start": "2024-10-01", "end": "2024-10-31"}).json()
    assert october["previous_range"]["covered"] and october["range"]["covered"]
    top = october["top_movers"][0]
    assert top["change"] == pytest.approx(top["current"] - top["previous"]) and top["change"] != 0


@pytest.mark.parametrize(("params", "month"), [
    (SEPT, "2024-09"),  # the newest month
    (NOV_2018, "2018-11"),  # an older closed month: its own total, not the newest month's
    ({"start": "2018-11-12", "end": "2018-11-12"}, "2018-11"),  # a single day: the month it lies in
    ({"start": "2018-10-01", "end": "2018-11-20"}, "2018-11"),  # the month the range ends in
])
def test_the_month_card_is_the_month_the_range_ends_in(client, db, scalar, params, month) -> None:
    mtd = client.get("/api/v1/summary", params=params).json()["month_to_date"]
    last_day = {"2024-09": "2024-09-30", "2018-11": "2018-11-30"}[month]
    assert mtd["month"] == month and mtd["as_of"] == last_day and mtd["complete"]
    expected = scalar("SELECT sum(unblended_cost) FROM silver.line_items WHERE usage_date >= ? "
                      "AND usage_date <= ?", [f"{month}-01", last_day])
    assert mtd["cost"] == pytest.approx(expected, abs=1e-9)
    assert mtd["forecast"] == pytest.approx(mtd["cost"])


@pytest.mark.parametrize("params", [
    {"start": "2020-05-01", "end": "2020-05-31"},  # no billing period loaded for the month
    {"start": "2024-10-01", "end": "2024-10-31"},  # loaded, but no usage day in it yet
])
def test_no_month_card_for_a_month_without_data(client, params) -> None:
    body = client.get("/api/v1/summary", params=params).json()
    assert body["month_to_date"] is None


@pytest.mark.parametrize("group_by", [None, "service", "region", "account", "operation", "usage_type",
                                      "charge_category", "provider", "payer_account", "line_item_type"])
def test_timeseries_sums_to_the_total(client, db, scalar, group_by) -> None:
    params = {**NOV_2018, "top": 3} | ({"group_by": group_by} if group_by else {})
    body = client.get("/api/v1/costs/timeseries", params=params).json()
    assert len(body["buckets"]) == 30
    assert all(len(s["values"]) == 30 for s in body["series"])
    assert sum(sum(s["values"]) for s in body["series"]) == pytest.approx(3505.326968, abs=1e-6)
    if group_by:
        assert len([s for s in body["series"] if not s["is_other"]]) <= 3
    day = body["buckets"].index("2018-11-15")
    expected = scalar("SELECT sum(unblended_cost) FROM gold.cost_daily WHERE usage_date = '2018-11-15'")
    assert sum(s["values"][day] for s in body["series"]) == pytest.approx(expected, abs=1e-9)


def test_monthly_timeseries_over_several_periods(client, db, scalar) -> None:
    body = client.get("/api/v1/costs/timeseries", params={
        "start": "2023-11-01", "end": "2024-10-31", "granularity": "month", "group_by": "provider"}).json()
    assert body["buckets"][0] == "2023-11" and body["buckets"][-1] == "2024-10" and len(body["buckets"]) == 12
    totals = [sum(s["values"][i] for s in body["series"]) for i in range(12)]
    assert totals[0] == pytest.approx(1.682309, abs=1e-6)
    assert totals[10] == pytest.approx(20.520227, abs=1e-6)  # September by usage date
    assert totals[11] == 0


@pytest.mark.parametrize("dimension", ["service", "region", "account", "operation", "usage_type",
                                       "charge_category", "provider", "billing_period"])
def test_breakdown_matches_group_by_sql(client, db, scalar, dimension) -> None:
    column = {"service": "service", "region": "region", "account": "usage_account_id", "operation": "operation",
              "usage_type": "usage_type", "charge_category": "charge_category", "provider": "provider",
              "billing_period": "billing_period"}[dimension]
    body = client.get("/api/v1/costs/breakdown", params={**NOV_2018, "dimension": dimension, "top": 4}).json()
    expected = dict(db.execute(
        f"SELECT {column}, sum(unblended_cost) FROM gold.cost_daily WHERE usage_date BETWEEN '2018-11-01' AND "
        f"'2018-11-30' GROUP BY 1").fetchall())
    for item in body["items"]:
        assert item["cost"] == pytest.approx(float(expected[item["key"]]), abs=1e-9)
    assert body["groups"] == len(expected)
    assert body["total"] == pytest.approx(3505.326968, abs=1e-6)
    rest = sum(float(v) for k, v in expected.items() if k not in {i["key"] for i in body["items"]})
    assert (body["other"]["cost"] if body["other"] else 0.0) == pytest.approx(rest, abs=1e-9)


def test_breakdown_by_tag_reports_the_untagged_remainder(client, db, scalar) -> None:
    body = client.get("/api/v1/costs/breakdown",
                      params={**NOV_2018, "dimension": "tag", "tag_key": "user_cost_center", "top": 50}).json()
    assert body["source"] == "gold.cost_by_tag_daily"
    tagged = dict(db.execute(
        "SELECT tags['user_cost_center'], sum(unblended_cost) FROM silver.line_items WHERE billing_period = "
        "'2018-11' AND tags['user_cost_center'] IS NOT NULL GROUP BY 1").fetchall())
    costs = {item["key"]: item["cost"] for item in body["items"]}
    untagged = costs.pop("")
    assert costs == pytest.approx({k: float(v) for k, v in tagged.items()}, abs=1e-9)
    assert untagged == pytest.approx(3505.326968 - sum(float(v) for v in tagged.values()), abs=1e-6)
    assert body["total"] == pytest.approx(3505.326968, abs=1e-6)


def test_tag_filter_matches_silver_tags(client, db, scalar) -> None:
    params = {**NOV_2018, "tag": "user_environment=Production", "dimension": "service"}
    body = client.get("/api/v1/costs/breakdown", params=params).json()
    expected = scalar("SELECT sum(unblended_cost) FROM silver.line_items WHERE billing_period = '2018-11' "
                          "AND tags['user_environment'] = 'Production'")
    assert body["total"] == pytest.approx(expected, abs=1e-9)
    series = client.get("/api/v1/costs/timeseries", params={**params, "group_by": "region"}).json()
    assert series["total"] == pytest.approx(expected, abs=1e-9)
    summary = client.get("/api/v1/summary", params=params).json()
    assert summary["total"] == pytest.approx(expected, abs=1e-9)


def test_export_cost_column_sums_to_the_summary_total(client) -> None:
    for params in ({**SEPT}, {**NOV_2018, "service": "Amazon Relational Database Service", "view": "amortized"},
                   {**NOV_2018, "tag": "user_environment=Production"}):
        total = client.get("/api/v1/summary", params=params).json()["total"]
        response = client.get("/api/v1/line-items/export.csv", params=params)
        rows = list(csv.DictReader(io.StringIO(response.text)))
        assert float(sum((Decimal(r["cost"]) for r in rows), Decimal(0))) == pytest.approx(total, abs=1e-9)


def test_dimension_values_are_ranked_by_cost(client, db, scalar) -> None:
    body = client.get("/api/v1/dimensions/service/values", params={**NOV_2018, "search": "amazon", "limit": 3}).json()
    expected = db.execute(
        "SELECT service, sum(unblended_cost) FROM gold.cost_monthly WHERE billing_period = '2018-11' "
        "AND lower(service) LIKE '%amazon%' GROUP BY 1 ORDER BY 2 DESC LIMIT 3").fetchall()
    assert [(v["key"], pytest.approx(v["cost"], abs=1e-9)) for v in body["values"]] == [
        (k, float(c)) for k, c in expected]
    assert body["truncated"] is True


def test_accounts_are_labelled_with_their_names(client, db) -> None:
    names = dict(db.execute(
        "SELECT usage_account_id, max(usage_account_name) FROM silver.line_items WHERE billing_period = '2024-09' "
        "GROUP BY 1").fetchall())
    payer_names = dict(db.execute(
        "SELECT payer_account_id, max(payer_account_name) FROM silver.line_items WHERE billing_period = '2024-09' "
        "GROUP BY 1").fetchall())
    breakdown = client.get("/api/v1/costs/breakdown", params={**SEPT, "dimension": "account", "top": 5}).json()
    assert breakdown["items"] and all(i["label"] == names[i["key"]] != i["key"] for i in breakdown["items"])
    payers = client.get("/api/v1/costs/breakdown", params={**SEPT, "dimension": "payer_account"}).json()
    assert [i["label"] for i in payers["items"]] == [payer_names[i["key"]] or i["key"] for i in payers["items"]]
    series = client.get("/api/v1/costs/timeseries", params={**SEPT, "group_by": "account", "top": 3}).json()
    assert [s["label"] for s in series["series"] if not s["is_other"]] == [
        names[s["key"]] for s in series["series"] if not s["is_other"]]
    october = {"start": "2024-10-01", "end": "2024-10-31", "movers_by": "account"}  # against September
    movers = client.get("/api/v1/summary", params=october).json()["top_movers"]
    assert movers and all(m["label"] == names[m["key"]] for m in movers)
    # A picker finds an account by its name as well as its id, and filters still take the id.
    key, name = next(iter(sorted(names.items())))
    found = client.get("/api/v1/dimensions/account/values", params={**SEPT, "search": name.upper()[:6]}).json()
    assert (key, name) in {(v["key"], v["label"]) for v in found["values"]}
    assert all(name.upper()[:6] in (v["label"] + v["key"]).upper() for v in found["values"])
    by_id = client.get("/api/v1/dimensions/account/values", params={**SEPT, "search": key}).json()
    assert [v["key"] for v in by_id["values"]] == [key]
    # Samples without names keep the id as the label.
    nov = client.get("/api/v1/costs/breakdown", params={**NOV_2018, "dimension": "account"}).json()
    assert all(i["label"] == i["key"] for i in nov["items"])


def test_resources_come_from_silver_and_drill_down_to_the_line_items(client, db) -> None:
    expected = db.execute(
        "SELECT coalesce(resource_id, ''), sum(unblended_cost), count(*) FROM silver.line_items "
        "WHERE usage_date BETWEEN '2018-11-01' AND '2018-11-30' GROUP BY 1 ORDER BY 2 DESC, 1").fetchall()
    body = client.get("/api/v1/costs/breakdown", params={**NOV_2018, "dimension": "resource", "top": 5}).json()
    assert body["source"] == "silver.line_items"
    assert [(i["key"], pytest.approx(i["cost"], abs=1e-9), i["line_items"]) for i in body["items"]] == [
        (k, float(c), n) for k, c, n in expected[:5]]
    assert body["groups"] == len(expected) and body["total"] == pytest.approx(3505.326968, abs=1e-6)
    resource = next(k for k, _, _ in expected if k)
    params = {**NOV_2018, "resource": resource}
    cost = db.execute("SELECT sum(unblended_cost) FROM silver.line_items WHERE resource_id = ? AND usage_date "
                      "BETWEEN '2018-11-01' AND '2018-11-30'", [resource]).fetchone()[0]
    assert client.get("/api/v1/summary", params=params).json()["total"] == pytest.approx(float(cost), abs=1e-9)
    series = client.get("/api/v1/costs/timeseries", params={**params, "group_by": "service"}).json()
    assert series["source"] == "silver.line_items" and series["total"] == pytest.approx(float(cost), abs=1e-9)
    page = client.get("/api/v1/line-items", params={**params, "limit": 500}).json()
    assert page["items"] and {i["resource_id"] for i in page["items"]} == {resource}


def test_resource_values_are_paged_and_searched(client, db) -> None:
    ranked = [k for k, in db.execute(
        "SELECT coalesce(resource_id, '') FROM silver.line_items WHERE usage_date BETWEEN '2018-11-01' AND "
        "'2018-11-30' GROUP BY 1 ORDER BY coalesce(sum(unblended_cost), 0) DESC, 1").fetchall()]
    pages = [client.get("/api/v1/dimensions/resource/values", params={**NOV_2018, "limit": 7, "offset": o}).json()
             for o in (0, 7, 14)]
    assert [v["key"] for p in pages for v in p["values"]] == ranked[:21]
    assert [p["offset"] for p in pages] == [0, 7, 14] and all(p["truncated"] for p in pages)
    last = client.get("/api/v1/dimensions/resource/values",
                      params={**NOV_2018, "limit": 7, "offset": len(ranked) - 3}).json()
    assert [v["key"] for v in last["values"]] == ranked[-3:] and last["truncated"] is False
    needle = next(k for k in ranked if k)[-6:]
    found = client.get("/api/v1/dimensions/resource/values", params={**NOV_2018, "search": needle}).json()
    assert [v["key"] for v in found["values"]] == [k for k in ranked if needle.lower() in k.lower()]


def test_a_tag_group_by_with_a_resource_filter_is_refused(client) -> None:
    response = client.get("/api/v1/costs/breakdown", params={
        **NOV_2018, "resource": "i-1", "dimension": "tag", "tag_key": "user_cost_center"})
    assert response.status_code == 422
    (error,) = response.json()["detail"]
    assert error["loc"] == ["query", "dimension"] and "resource" in error["msg"]


@pytest.mark.parametrize(("params", "offered"), [
    (NOV_2018, {"start": "2024-10-01", "end": "2024-10-31"}),  # October 2018 has no data; 2024-10 and 09 do
    (SEPT, {"start": "2024-10-01", "end": "2024-10-31"}),  # the nearest month whose previous month is loaded
    # a week keeps its days: the nearest loaded week whose previous week is loaded too
    ({"start": "2020-05-03", "end": "2020-05-09"}, {"start": "2024-10-03", "end": "2024-10-09"}),
    ({"start": "2024-10-01", "end": "2024-10-31"}, None),  # comparable itself: nothing to offer
])
def test_an_uncomparable_range_offers_the_nearest_comparable_one(client, params, offered) -> None:
    body = client.get("/api/v1/summary", params=params).json()
    assert body["comparable_range"] == offered
    if offered:
        again = client.get("/api/v1/summary", params=offered).json()
        assert again["range"]["covered"] and again["previous_range"]["covered"]


def test_ranges_move_by_whole_months_keeping_their_shape() -> None:
    from datetime import date

    from api.queries.summary import shift_months

    assert shift_months(date(2024, 1, 1), date(2024, 1, 31), 1) == (date(2024, 2, 1), date(2024, 2, 29))
    assert shift_months(date(2024, 1, 1), date(2024, 3, 31), -2) == (date(2023, 11, 1), date(2024, 1, 31))
    assert shift_months(date(2024, 1, 31), date(2024, 2, 6), 1) == (date(2024, 2, 29), date(2024, 3, 6))
    assert shift_months(date(2024, 12, 10), date(2024, 12, 10), 1) == (date(2025, 1, 10), date(2025, 1, 10))
