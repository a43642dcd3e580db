"""The detector on hand-made series: what alerts, what does not, and how flagged days group."""

from __future__ import annotations

import random
from datetime import date, timedelta

from sentinel_etl.anomalies.baseline import expect
from sentinel_etl.anomalies.detection import SeriesKey, flag_series
from sentinel_etl.anomalies.rules import DetectionRules

START = date(2024, 1, 1)  # a Monday
KEY = SeriesKey("111111111111", "AmazonEC2", "Amazon Elastic Compute Cloud")
RULES = DetectionRules()


def series(days: int, level: float = 100.0, noise: float = 0.05, weekend: float = 0.7, seed: int = 1,
           changes: dict[int, float] | None = None) -> dict[date, float]:
    """A workday level, weekends lower, multiplicative noise; `changes`: day index -> factor."""
    rng = random.Random(seed)
    out = {}
    for i in range(days):
        day = START + timedelta(days=i)
        value = level * (weekend if day.weekday() >= 5 else 1.0) * rng.lognormvariate(0, noise)
        out[day] = value * (changes or {}).get(i, 1.0)
    return out


def days(n: int) -> list[date]:
    return [START + timedelta(days=i) for i in range(n)]


def flagged_days(costs: dict[date, float], rules: DetectionRules = RULES) -> list[date]:
    return [f.expectation.day for f in flag_series(KEY, costs, days(len(costs)), rules)]


def test_a_quiet_series_with_weekends_never_alerts() -> None:
    assert flagged_days(series(90)) == []


def test_the_expected_cost_knows_weekends() -> None:
    costs = series(60, noise=0.0)
    saturday = START + timedelta(days=40)
    assert saturday.weekday() == 5
    e = expect(costs, saturday, START, 28)
    assert abs(e.expected - 70.0) < 0.01 and abs(expect(costs, saturday + timedelta(days=2), START, 28).expected - 100) < 0.01


def test_a_spike_is_one_anomaly_with_its_impact() -> None:
    costs = series(60, changes={45: 3.0})
    (flag,) = flag_series(KEY, costs, days(60), RULES)
    assert flag.expectation.day == START + timedelta(days=45)
    assert 150 < flag.expectation.impact < 250 and flag.expectation.score >= RULES.threshold


def test_a_past_spike_does_not_hide_the_next_one() -> None:
    costs = series(70, changes={40: 4.0, 50: 3.0})
    assert flagged_days(costs) == [START + timedelta(days=40), START + timedelta(days=50)]


def test_a_level_shift_is_one_episode_not_one_alert_a_day() -> None:
    costs = series(90, changes={i: 2.0 for i in range(50, 90)})
    flags = flag_series(KEY, costs, days(90), RULES)
    assert flags and {f.episode_id for f in flags} == {flags[0].episode_id}
    assert flags[0].expectation.day == START + timedelta(days=50)
    assert len(flags) <= 15  # once half the window has shifted, it is the level


def test_a_series_younger_than_two_weeks_never_alerts() -> None:
    costs = series(30, changes={10: 5.0})
    assert flagged_days(costs) == []
    assert flagged_days(series(30, changes={20: 5.0})) == [START + timedelta(days=20)]


def test_small_changes_stay_under_the_floors() -> None:
    cents = series(60, level=0.5, noise=0.01, changes={45: 10.0})  # +$4.50: under the $10 floor
    assert flagged_days(cents) == []
    steady = series(60, level=1000.0, noise=0.01, changes={45: 1.15})  # 7x the spread but +15%: under 20%
    assert flagged_days(steady) == []
    assert flagged_days(steady, DetectionRules(min_relative_impact=0.05)) == [START + timedelta(days=45)]


def test_normal_noise_of_a_volatile_series_rarely_alerts() -> None:
    # ±35% lognormal noise a day: over ten series of 106 scored days, at most one alert a quarter each
    # (the same days at ±5% never alert, see above); what it takes to alert there is a real jump.
    alerts = [len(flagged_days(series(120, noise=0.35, seed=seed))) for seed in range(1, 11)]
    assert sum(alerts) <= 5 and max(alerts) <= 2, alerts
    jumped = series(120, noise=0.35, seed=1, changes={101: 4.0})
    assert START + timedelta(days=101) in flagged_days(jumped)


def test_drops_do_not_alert() -> None:
    assert flagged_days(series(60, changes={45: 0.1})) == []


def test_an_intermittent_series_alerts_only_past_its_usual_occasional_cost() -> None:
    rng = random.Random(3)
    costs = {START + timedelta(days=i): (rng.uniform(40, 60) if i % 5 == 0 else 0.0) for i in range(60)}
    assert flagged_days(costs) == []
    costs[START + timedelta(days=52)] = 400.0
    assert flagged_days(costs) == [START + timedelta(days=52)]


def test_ids_are_stable_and_name_the_series_and_day() -> None:
    costs = series(60, changes={45: 3.0})
    (a,) = flag_series(KEY, costs, days(60), RULES)
    (b,) = flag_series(KEY, dict(costs), days(60), RULES)
    assert a.anomaly_id == b.anomaly_id and a.episode_id == b.episode_id
    other = SeriesKey("222222222222", KEY.service_code, KEY.service)
    assert flag_series(other, costs, days(60), RULES)[0].anomaly_id != a.anomaly_id
