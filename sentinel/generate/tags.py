"""Resource tags and cost categories of resource lines (some lines untagged, some keys missing)."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from sentinel.generate.accounts import Organisation
from sentinel.generate.catalog import COST_CATEGORIES, NEW_TAG, TAG_KEYS
from sentinel.generate.hashing import U64, hash_keys, pick, uniform

UNTAGGED_SHARE = 0.22
# chance that a tagged line carries each key, in TAG_KEYS order
KEY_PRESENCE = {"user:CostCenter": 0.9, "user:Environment": 0.95, "user:Application": 0.8,
                "aws:createdBy": 0.6, "user:Project": 0.55}
NEW_TAG_FIRST_MONTH = 1  # the Project tag is activated in the second generated month


def tag_matrix(seed: int, key: U64, account: npt.NDArray[np.int64], org: Organisation,
               month_index: int) -> npt.NDArray[np.int8]:
    """(n, len(TAG_KEYS)) value indices per line, -1 where the tag is absent."""
    n = len(key)
    out = np.full((n, len(TAG_KEYS)), -1, dtype=np.int8)
    tagged = uniform(hash_keys(seed, "tagged", key)) >= UNTAGGED_SHARE
    for j, (name, values) in enumerate(TAG_KEYS):
        if name == NEW_TAG and month_index < NEW_TAG_FIRST_MONTH:
            continue
        h = hash_keys(seed, f"tag:{name}", key)
        present = tagged & (uniform(h) < KEY_PRESENCE[name])
        value = pick(h >> np.uint64(16), len(values))
        if name == "user:Environment":
            # mostly the environment of the account the resource lives in
            follow = uniform(hash_keys(seed, "tag:env-follow", key)) < 0.85
            value = np.where(follow, org.environment_of[account], value)
        out[:, j] = np.where(present, value, -1)
    return out


def cost_category_matrix(tags: npt.NDArray[np.int8], account: npt.NDArray[np.int64],
                         org: Organisation) -> npt.NDArray[np.int8]:
    """Team follows the account; BusinessUnit follows the cost center tag (else 'Unallocated')."""
    cost_center = tags[:, 0].astype(np.int64)
    business_units = len(COST_CATEGORIES[1][1])
    unit = np.where(cost_center >= 0, cost_center % (business_units - 1), business_units - 1)
    return np.stack([org.team_of[account], unit], axis=1).astype(np.int8)
