"""What makes a day anomalous: the settings of the detector, with the defaults users get."""

from __future__ import annotations

from dataclasses import dataclass

VIEWS = {"unblended": "unblended_cost", "net_unblended": "net_unblended_cost", "amortized": "amortized_cost",
         "public": "public_cost"}


@dataclass(frozen=True)
class DetectionRules:
    view: str = "amortized"  # the cost view of the series (a key of VIEWS)
    window_days: int = 28  # the baseline: the days before the scored one
    min_history_days: int = 14  # a series younger than this never alerts
    threshold: float = 5.0  # robust score (impact over the scaled MAD) a day must reach
    min_impact: float = 10.0  # and its impact, in the billing currency, at least this
    min_relative_impact: float = 0.2  # and at least this share of the series' level (its baseline median)

    def __post_init__(self) -> None:
        if self.view not in VIEWS:
            raise ValueError(f"anomaly view must be one of {', '.join(VIEWS)}, not {self.view!r}")
        if self.window_days < 7 or self.min_history_days < 7:
            raise ValueError("the anomaly window and the history needed are at least 7 days")
        if self.threshold <= 0 or self.min_impact < 0 or self.min_relative_impact < 0:
            raise ValueError("the anomaly threshold must be positive and the impact floors not negative")

    @property
    def column(self) -> str:
        return VIEWS[self.view]
