"""What every command shares: consoles and settings."""

from __future__ import annotations

from enum import StrEnum

from rich.console import Console

from sentinel.settings import Settings

console = Console()
err = Console(stderr=True)


class JobEngine(StrEnum):
    """What runs the job scripts locally (Settings.engine)."""

    duckdb = "duckdb"
    spark = "spark"


def settings_for(engine: str | None = None) -> Settings:
    settings = Settings()
    if engine:
        settings = settings.model_copy(update={"engine": JobEngine(engine).value})
    return settings
