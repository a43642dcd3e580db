"""Manifest documents as AWS writes them: legacy CUR `<report>-Manifest.json` and AWS Data Exports
`<export>-Manifest.json`. Nothing here reads the clock: ids and times derive from the run."""

from __future__ import annotations

from typing import Any

from sentinel.generate.ids import stable_hex
from sentinel.generate.periods import BillingPeriod, iso, manifest_time


def legacy_manifest(*, assembly_id: str, account: str, columns: list[dict[str, str]], compression: str,
                    content_type: str, report_id: str, report_name: str, period: BillingPeriod, bucket: str,
                    report_keys: list[str]) -> dict[str, Any]:
    """A legacy CUR manifest (fields and order as in AWS's files)."""
    return {
        "assemblyId": assembly_id,
        "account": account,
        "columns": columns,
        "charset": "UTF-8",
        "compression": compression,
        "contentType": content_type,
        "reportId": report_id,
        "reportName": report_name,
        "billingPeriod": {"start": manifest_time(period.start), "end": manifest_time(period.end)},
        "bucket": bucket,
        "reportKeys": report_keys,
        "additionalArtifactKeys": [],
    }


def data_export_manifest(*, execution_id: str, export_arn: str, export_name: str, period: BillingPeriod,
                         bucket: str, data_files: list[str], columns: list[dict[str, str]], file_format: str,
                         compression: str, table: str) -> dict[str, Any]:
    """An AWS Data Exports manifest (CUR 2.0 and FOCUS exports): the execution that delivered the
    files, the files as full S3 URIs, and the columns with their types."""
    return {
        "executionId": execution_id,
        "exportArn": export_arn,
        "exportName": export_name,
        "table": table,
        "bucket": bucket,
        "billingPeriod": {"start": iso(period.start), "end": iso(period.end)},
        "format": file_format,
        "compression": compression,
        "dataFiles": data_files,
        "columns": columns,
        "additionalOutputFiles": [],
    }


def export_arn(payer: str, export_name: str, seed: str) -> str:
    return f"arn:aws:bcm-data-exports:us-east-1:{payer}:export/{export_name}-{stable_hex('export', seed, length=8)}"
