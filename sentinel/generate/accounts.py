"""The AWS organisation being billed: payer (management) accounts and their linked accounts."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pyarrow as pa

from sentinel.generate.catalog import ENVIRONMENTS, INVOICING_ENTITIES, TEAMS
from sentinel.generate.ids import stable_digest


@dataclass(frozen=True)
class Organisation:
    """`accounts` usage accounts; the first `payers` of them are also payer accounts. Linked account
    i bills to payer i % payers."""

    seed: int
    accounts: int

    def __post_init__(self) -> None:
        if not 1 <= self.accounts <= 5000:
            raise ValueError("accounts must be between 1 and 5000")

    @property
    def payers(self) -> int:
        return 1 if self.accounts <= 4 else 2 if self.accounts <= 24 else 3

    @cached_property
    def ids(self) -> list[str]:
        seen: set[str] = set()
        out: list[str] = []
        n = 0
        while len(out) < self.accounts:
            value = int.from_bytes(stable_digest("account", self.seed, n)[:8], "big") % 10**12
            n += 1
            text = f"{value:012d}"
            if text not in seen:
                seen.add(text)
                out.append(text)
        return out

    @cached_property
    def names(self) -> list[str]:
        names = []
        for i in range(self.accounts):
            if i < self.payers:
                names.append("sentinel-management" if i == 0 else f"sentinel-management-{i + 1}")
            else:
                j = i - self.payers
                team = TEAMS[j % len(TEAMS)]
                env = ENVIRONMENTS[(j // len(TEAMS)) % len(ENVIRONMENTS)]
                suffix = f"-{j // (len(TEAMS) * len(ENVIRONMENTS)) + 1}" if j >= len(TEAMS) * len(ENVIRONMENTS) else ""
                names.append(f"{team}-{env}{suffix}")
        return names

    @cached_property
    def payer_of(self) -> np.ndarray:
        """Index of each account's payer account."""
        return np.arange(self.accounts, dtype=np.int64) % self.payers

    @cached_property
    def team_of(self) -> np.ndarray:
        """Index into TEAMS of each account's cost category Team (payers: the security team)."""
        linked = (np.arange(self.accounts, dtype=np.int64) - self.payers) % len(TEAMS)
        return np.where(np.arange(self.accounts) < self.payers, TEAMS.index("security"), linked)

    @cached_property
    def environment_of(self) -> np.ndarray:
        """Index into ENVIRONMENTS of each account (payers count as prod)."""
        envs = []
        for name in self.names:
            found = [k for k, env in enumerate(ENVIRONMENTS) if f"-{env}" in name]
            envs.append(found[0] if found else 0)
        return np.array(envs, dtype=np.int64)

    @cached_property
    def weights(self) -> np.ndarray:
        """Spend share: a few big accounts and a long tail, like real organisations."""
        ranks = np.arange(1, self.accounts + 1, dtype=np.float64)
        return 1.0 / ranks**0.9

    @cached_property
    def id_array(self) -> pa.StringArray:
        return pa.array(self.ids, pa.string())

    @cached_property
    def name_array(self) -> pa.StringArray:
        return pa.array(self.names, pa.string())

    def invoicing_entity(self, payer: int) -> str:
        return INVOICING_ENTITIES[payer % len(INVOICING_ENTITIES)]
