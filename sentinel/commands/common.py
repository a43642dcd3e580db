"""What every command shares: consoles and settings."""

from __future__ import annotations

from rich.console import Console

from sentinel.settings import Settings

console = Console()
err = Console(stderr=True)


def settings_for(engine: str | None = None) -> Settings:
    settings = Settings()
    if engine:
        settings = settings.model_copy(update={"engine": engine})
    return settings
