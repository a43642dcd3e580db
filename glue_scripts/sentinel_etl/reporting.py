"""How a job reports results: through Dagster Pipes when Dagster launched it, else into a JSON file.

Only the job entry points talk to Dagster; transforms never see this.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

JsonDict = dict[str, Any]


@dataclass
class Reporter:
    pipes: Any = None  # dagster_pipes.PipesContext when launched through Pipes
    materializations: list[JsonDict] = field(default_factory=list)
    checks: list[JsonDict] = field(default_factory=list)
    logs: list[str] = field(default_factory=list)

    def log(self, message: str) -> None:
        self.logs.append(message)
        if self.pipes is not None:
            self.pipes.log.info(message)
        else:
            print(message, flush=True)

    def materialization(self, asset_key: str, metadata: JsonDict) -> None:
        self.materializations.append({"asset_key": asset_key, "metadata": metadata})
        if self.pipes is not None:
            self.pipes.report_asset_materialization(asset_key=asset_key, metadata=_pipes_metadata(metadata))

    def check(self, asset_key: str, check_name: str, passed: bool, metadata: JsonDict, *,
              severity: str = "ERROR") -> None:
        self.checks.append({"asset_key": asset_key, "check_name": check_name, "passed": passed, "metadata": metadata,
                            "severity": severity})
        if self.pipes is not None:
            self.pipes.report_asset_check(
                asset_key=asset_key, check_name=check_name, passed=passed, severity=severity,
                metadata=_pipes_metadata(metadata),
            )

    def as_json(self) -> JsonDict:
        return {"materializations": self.materializations, "checks": self.checks}


def _pipes_metadata(metadata: JsonDict) -> JsonDict:
    out: JsonDict = {}
    for key, value in metadata.items():
        if isinstance(value, bool | int | float | str) or value is None:
            out[key] = value
        else:
            out[key] = {"raw_value": json.loads(json.dumps(value, default=str)), "type": "json"}
    return out
