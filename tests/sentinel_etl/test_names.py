import pytest
from sentinel_etl.names import NameClash, first_clash, snake_case, snake_case_all


def test_legacy_cur_headers_follow_athena_convention() -> None:
    assert snake_case("lineItem/UnblendedCost") == "line_item_unblended_cost"
    assert snake_case("reservation/ReservationARN") == "reservation_reservation_a_r_n"
    assert snake_case("resourceTags/user:CostCenter") == "resource_tags_user_cost_center"
    assert snake_case("pricing/publicOnDemandCost") == "pricing_public_on_demand_cost"
    assert snake_case("product/servicecode") == "product_servicecode"


def test_focus_headers() -> None:
    assert snake_case("BilledCost") == "billed_cost"
    assert snake_case("x_ServiceCode") == "x_service_code"
    assert snake_case("ChargePeriodStart") == "charge_period_start"


def test_names_stay_unique() -> None:
    assert snake_case_all(["resourceTags/user:Name", "resourceTags/user:name", "a"]) == [
        "resource_tags_user_name", "resource_tags_user_name_2", "a",
    ]


@pytest.mark.parametrize(
    ("headers", "clash"),
    [
        (["lineItem/UnblendedCost", "a", "lineItem/UnblendedCost"], NameClash(0, 2, "line_item_unblended_cost", True)),
        (["lineItem/UnblendedCost", "lineItem/unblendedCost"], NameClash(0, 1, "line_item_unblended_cost", False)),
        (["BilledCost", "billed_cost"], NameClash(0, 1, "billed_cost", False)),
        ([" BilledCost", "BilledCost"], NameClash(0, 1, "billed_cost", False)),  # the space is stripped
        (["", "unnamed"], NameClash(0, 1, "unnamed", False)),
        (["x_Cost", "x", "x"], NameClash(1, 2, "x", True)),
        # tags: the same key twice, and a numbered name landing on another tag's own name
        (["resourceTags/user:team", "resourceTags/user:Team", "resourceTags/user:team"],
         NameClash(0, 2, "resource_tags_user_team", True)),
        (["resourceTags/user:team_2", "resourceTags/user:team", "resourceTags/user:Team"],
         NameClash(0, 2, "resource_tags_user_team_2", False)),
    ],
)
def test_columns_that_cannot_both_be_read_by_name(headers: list[str], clash: NameClash) -> None:
    assert first_clash(headers) == clash


def test_distinct_tag_and_cost_category_keys_may_share_a_snake_case_name() -> None:
    headers = ["resourceTags/user:team", "resourceTags/user:Team", "resourceTags/user:cost-center",
               "resourceTags/user:CostCenter", "costCategory/Owner", "costCategory/owner", "lineItem/UnblendedCost"]
    assert first_clash(headers) is None
    assert len(set(snake_case_all(headers))) == len(headers)
