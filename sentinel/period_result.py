"""What one billing period's run built, as `sentinel run` reports and remembers it (no Dagster here, so
the command can answer an unchanged re-run without loading it)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class PeriodResult:
    period: str
    rows: int = 0
    unblended: float = 0.0
    amortized: float = 0.0
    public: float = 0.0
    checks_passed: int = 0
    checks_total: int = 0
    deliveries: list[str] = field(default_factory=list)
    seconds: float = 0.0
    error: str | None = None  # why the period failed (None: it succeeded)
    failed_checks: list[str] = field(default_factory=list)
    run_id: str | None = None
    exit_code: int | None = None  # the failed job's exit code (sentinel_etl.errors), when a job failed
    notes: list[str] = field(default_factory=list)  # exports and datasets set aside, values ignored
    no_delivery: bool = False  # nothing was ever delivered for the period: nothing built, nothing failed

    @property
    def succeeded(self) -> bool:
        return self.error is None
