"""The crawler on AWS: the Glue crawler of raw/, whose schema drifts with every export.

Silver and gold need no crawl: their job publishes each version by moving the catalog partition
(`CreatePartition`/`UpdatePartition` in glue_scripts/sentinel_etl/s3_lake.py), which is atomic and
free, where a crawl costs at least ten DPU-minutes and could see a version before it is published.
The `sentinel-silver`/`sentinel-gold` crawlers stay available for schema changes, by hand.
"""

from __future__ import annotations

import contextlib
import time
from typing import Any

from dagster import Failure

from sentinel_assets.aws.clients import aws_client
from sentinel_assets.interfaces import Crawler


class GlueCrawler(Crawler):
    crawler_name: str = "sentinel-raw"
    poll_seconds: float = 5.0
    timeout_seconds: float = 1800.0
    region: str | None = None
    endpoint_url: str | None = None

    def glue_client(self) -> Any:
        return aws_client("glue", self.region, self.endpoint_url)

    def crawl(self) -> dict[str, list[str]]:
        glue = self.glue_client()
        # Already running (another period's run): wait for that crawl instead. It may have started
        # before our files landed; the next crawl picks them up, and raw tables are only for browsing.
        with contextlib.suppress(glue.exceptions.CrawlerRunningException):
            glue.start_crawler(Name=self.crawler_name)
        deadline = time.monotonic() + self.timeout_seconds
        while True:
            crawler = glue.get_crawler(Name=self.crawler_name)["Crawler"]
            if crawler["State"] == "READY":
                break
            if time.monotonic() > deadline:
                raise Failure(description=f"Glue crawler {self.crawler_name} still {crawler['State']} after "
                                          f"{self.timeout_seconds:g} s", allow_retries=True)
            time.sleep(self.poll_seconds)
        last = crawler.get("LastCrawl") or {}
        if last.get("Status") == "FAILED":
            raise Failure(description=f"Glue crawler {self.crawler_name} failed: {last.get('ErrorMessage')}",
                          metadata={"log_group": str(last.get("LogGroup")), "log_stream": str(last.get("LogStream"))})
        return {"raw": [self.crawler_name]}
