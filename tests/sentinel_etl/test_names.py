from sentinel_etl.names import snake_case, snake_case_all


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
