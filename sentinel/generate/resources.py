"""Resource ids ('i-0…', 'arn:aws:rds:…:db:orders-prod-1a2b') and commitment ARNs, vectorised."""

from __future__ import annotations

from functools import cache

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from sentinel.generate.catalog import ALL_SKUS, ENVIRONMENTS, GLOBAL_REGION, REGIONS, RESOURCES, WORKLOADS
from sentinel.generate.hashing import U64, hash_keys, pick
from sentinel.generate.ids import hex_strings, uuid_strings

_REGION_CODES = pa.array([r.code for r in REGIONS] + [""], pa.string())
_WORKLOADS = pa.array(list(WORKLOADS), pa.string())
_ENVS = pa.array(list(ENVIRONMENTS), pa.string())
_RI_SERVICE = {"AmazonEC2": "ec2", "AmazonRDS": "rds", "AmazonElastiCache": "elasticache",
               "AmazonRedshift": "redshift", "AmazonES": "es"}


@cache
def _templates() -> dict[str, pa.Array | np.ndarray]:
    keys = [s.resource for s in ALL_SKUS]
    tmpl = [RESOURCES.get(k) for k in keys]
    return {
        "present": np.array([t is not None for t in tmpl]),
        "arn": np.array([bool(t and t.arn) for t in tmpl]),
        "regional": np.array([bool(t and t.regional) for t in tmpl]),
        "with_account": np.array([bool(t and t.with_account) for t in tmpl]),
        "body": np.array([{"hex": 0, "name": 1, "uuid": 2}[t.body] if t else 0 for t in tmpl]),
        "head": pa.array([t.head if t else "" for t in tmpl], pa.string()),
        "mid": pa.array([t.mid if t else "" for t in tmpl], pa.string()),
    }


def _names(h: U64) -> pa.Array:
    """'orders-prod-3f9a'-style names."""
    workload = _WORKLOADS.take(pa.array(pick(h, len(WORKLOADS))))
    env = _ENVS.take(pa.array(pick(h >> np.uint64(8), len(ENVIRONMENTS))))
    return pc.binary_join_element_wise(workload, env, hex_strings(h >> np.uint64(20), 4), "-")


def resource_ids(seed: int, key: U64, sku: np.ndarray, region: np.ndarray, account_ids: pa.Array) -> pa.Array:
    """Resource ids for lines with the given attribute keys; null where the SKU has no resource."""
    t = _templates()
    n = len(key)
    if n == 0:
        return pa.array([], pa.string())
    h1 = hash_keys(seed, "resource", key)
    h2 = hash_keys(seed, "resource2", key)
    body_kind = np.asarray(t["body"])[sku]
    body = pc.if_else(pa.array(body_kind == 1), _names(h1), hex_strings(h2, 16))
    body = pc.if_else(pa.array(body_kind == 2), uuid_strings(h1, h2), body)
    sku_arr = pa.array(sku)
    regional = np.asarray(t["regional"])[sku] & (region != GLOBAL_REGION)
    region_part = pc.if_else(pa.array(regional), _REGION_CODES.take(pa.array(np.minimum(region, GLOBAL_REGION))), "")
    account_part = pc.if_else(pa.array(np.asarray(t["with_account"])[sku]), account_ids, "")
    head = t["head"].take(sku_arr)
    arn = pc.binary_join_element_wise("arn:aws:", head, ":", region_part, ":", account_part, ":",
                                      t["mid"].take(sku_arr), body, "")
    plain = pc.binary_join_element_wise(head, body, "")
    out = pc.if_else(pa.array(np.asarray(t["arn"])[sku]), arn, plain)
    present = np.asarray(t["present"])[sku]
    return pc.if_else(pa.array(present), out, pa.nulls(n, pa.string()))


def ri_arns(seed: int, payer_ids: pa.Array, sku: np.ndarray, region: np.ndarray, slot: np.ndarray) -> pa.Array:
    """'arn:aws:ec2:us-east-1:<payer>:reserved-instances/<uuid>': a few reservations per payer,
    SKU and region."""
    services = pa.array([_RI_SERVICE.get(s.service, "ec2") for s in ALL_SKUS], pa.string())
    payer_key = pc.cast(payer_ids, pa.int64()).to_numpy(zero_copy_only=False)
    h1 = hash_keys(seed, "ri", payer_key, sku, region, slot)
    h2 = hash_keys(seed, "ri2", payer_key, sku, region, slot)
    region_code = _REGION_CODES.take(pa.array(np.minimum(region, GLOBAL_REGION)))
    return pc.binary_join_element_wise("arn:aws:", services.take(pa.array(sku)), ":", region_code, ":", payer_ids,
                                       ":reserved-instances/", uuid_strings(h1, h2), "")


def sp_arns(seed: int, payer_ids: pa.Array, slot: np.ndarray) -> pa.Array:
    """'arn:aws:savingsplans::<payer>:savingsplan/<uuid>': one or two Savings Plans per payer."""
    payer_key = pc.cast(payer_ids, pa.int64()).to_numpy(zero_copy_only=False)
    h1 = hash_keys(seed, "sp", payer_key, slot)
    h2 = hash_keys(seed, "sp2", payer_key, slot)
    return pc.binary_join_element_wise("arn:aws:savingsplans::", payer_ids, ":savingsplan/", uuid_strings(h1, h2), "")
