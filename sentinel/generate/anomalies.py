"""Realistic daily series with known anomalies, for measuring the anomaly detector (`--anomalies N`).

Series are usage account × service. With a plan, usage follows a weekly rhythm (weekends cost less), each
series-day carries its own noise (`series_noise`, the sigma of a median-1 lognormal), one large series is
deliberately noisy (three times that), and N anomalies are injected into the largest other series:
one-day spikes, multi-day bursts and level shifts, of varied size, starting after at least five weeks of
history. The plan is written beside expected_totals.json as anomalies.json: what the detector should find.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Literal

import numpy as np

from sentinel.generate.accounts import Organisation
from sentinel.generate.catalog import ALL_SKUS, SKUS
from sentinel.generate.hashing import hash_keys, lognormal, pick, uniform

Kind = Literal["spike", "burst", "level_shift"]
KINDS: tuple[Kind, ...] = ("spike", "burst", "level_shift")
WEEKEND_FACTOR = 0.7
FIRST_ANOMALY_DAY = 35  # days of history before the first injected anomaly
NOISY_FACTOR = 3.0
SERVICE_CODES = sorted({s.service for s in ALL_SKUS})
_SKU_SERVICE = np.array([SERVICE_CODES.index(s.service) for s in ALL_SKUS], dtype=np.int64)


@dataclass(frozen=True)
class InjectedAnomaly:
    account: int  # index in the organisation
    service: str  # service code
    kind: Kind
    first_day: date
    last_day: date
    factor: float  # usage on the anomalous days, times the usual


@dataclass(frozen=True)
class SeriesPlan:
    first_day: date
    last_day: date
    series_noise: float
    noisy: tuple[int, str]
    anomalies: tuple[InjectedAnomaly, ...]
    seed: int

    @classmethod
    def build(cls, seed: int, organisation: Organisation, first_day: date, last_day: date, count: int,
              series_noise: float = 0.1) -> SeriesPlan:
        days = (last_day - first_day).days + 1
        if count and days < FIRST_ANOMALY_DAY + 3:
            raise ValueError(f"--anomalies needs at least {FIRST_ANOMALY_DAY + 3} days of data (two months)")
        ranked = _largest_series(organisation)
        if count + 1 > len(ranked):
            raise ValueError(f"at most {len(ranked) - 1} anomalies fit {organisation.accounts} accounts")
        noisy, chosen = ranked[0], ranked[1:count + 1]
        anomalies = []
        for i, (account, service) in enumerate(chosen):
            kind = KINDS[i % len(KINDS)]
            h = hash_keys(seed, "anomaly", np.array([i]))
            start = first_day + timedelta(days=FIRST_ANOMALY_DAY + int(pick(h, days - FIRST_ANOMALY_DAY - 3)[0]))
            size = float(uniform(hash_keys(seed, "anomaly-size", np.array([i])))[0])
            if kind == "spike":
                length, factor = 1, 2.5 + 2.5 * size
            elif kind == "burst":
                length, factor = 2 + int(pick(h, 3)[0]), 1.8 + 1.5 * size
            else:
                length, factor = (last_day - start).days + 1, 1.6 + 0.8 * size
            end = min(last_day, start + timedelta(days=length - 1))
            anomalies.append(InjectedAnomaly(account, service, kind, start, end, round(factor, 3)))
        return cls(first_day, last_day, series_noise, noisy, tuple(anomalies), seed)

    def factors(self, day: np.ndarray, account: np.ndarray, sku: np.ndarray) -> np.ndarray:
        """The multiplier of each row's usage: weekday rhythm × series-day noise × injected anomalies.
        `day`: days since 0001-01-01 (date.toordinal) of each row's usage."""
        service = _SKU_SERVICE[sku]
        weekday = (day + 6) % 7  # date.weekday() of an ordinal: Monday 0
        factor = np.where(weekday >= 5, WEEKEND_FACTOR, 1.0)
        noisy = (account == self.noisy[0]) & (service == SERVICE_CODES.index(self.noisy[1]))
        sigma = np.where(noisy, self.series_noise * NOISY_FACTOR, self.series_noise)
        factor = factor * _lognormal_sigma(hash_keys(self.seed, "series-day", account, service, day), sigma)
        for anomaly in self.anomalies:
            hit = ((account == anomaly.account) & (service == SERVICE_CODES.index(anomaly.service))
                   & (day >= anomaly.first_day.toordinal()) & (day <= anomaly.last_day.toordinal()))
            factor = np.where(hit, factor * anomaly.factor, factor)
        return np.asarray(factor, dtype=np.float64)

    def to_json(self, organisation: Organisation) -> dict[str, object]:
        return {
            "first_day": self.first_day.isoformat(), "last_day": self.last_day.isoformat(),
            "series_noise": self.series_noise, "weekend_factor": WEEKEND_FACTOR,
            "noisy_series": {"usage_account_id": organisation.ids[self.noisy[0]], "service_code": self.noisy[1]},
            "anomalies": [{"usage_account_id": organisation.ids[a.account], "service_code": a.service, "kind": a.kind,
                           "first_day": a.first_day.isoformat(), "last_day": a.last_day.isoformat(),
                           "factor": a.factor} for a in self.anomalies],
        }

    def write(self, path: Path, organisation: Organisation) -> None:
        path.write_text(json.dumps(self.to_json(organisation), indent=2) + "\n", encoding="utf-8")


def _lognormal_sigma(h: np.ndarray, sigma: np.ndarray) -> np.ndarray:
    # lognormal(h, 1) is exp(z) for a standard normal z: exp(z)^sigma is exp(sigma z)
    return np.asarray(np.power(lognormal(h, 1.0), sigma), dtype=np.float64)


def _largest_series(organisation: Organisation) -> list[tuple[int, str]]:
    """Usage account × service series, the largest expected usage first (account weight × the weight of
    the service's usage types)."""
    service_weight: dict[str, float] = {}
    for sku in SKUS:
        service_weight[sku.service] = service_weight.get(sku.service, 0.0) + sku.weight
    accounts = organisation.weights
    pairs = [(float(accounts[a]) * weight, a, service) for a in range(organisation.accounts)
             for service, weight in service_weight.items()]
    return [(a, service) for _, a, service in sorted(pairs, key=lambda p: (-p[0], p[1], p[2]))]
