"""Row-addressable copies of silver.line_items that serve audit-log pages without SQL.

A page must pick 100 rows out of a month by a sort key and filters, then return those rows whole. From
Parquet the second step decodes the whole month, because the rows are spread over every row group. The
API therefore keeps, per billing period and per published silver version, an uncompressed Arrow IPC copy
(low-cardinality text dictionary-encoded), sorted by usage_start and memory-mapped: any row is a few
page reads away, and the sort and filter columns are numpy views of the mapped file.

Copies are built in the background by the API (never by the pipeline run), only for periods whose silver
files changed, under a lock shared by every process that uses the same folder; until a period's copy is
ready its pages come from the engine. Pages are the located SQL pages row for row, with the same cursors
(tests/api/test_line_store.py runs both on every sort, order, filter and page).
"""
