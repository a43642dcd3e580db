"""In-memory rollups of the gold cost tables, so that dashboard answers cost no SQL statement.

A DuckDB statement costs about a millisecond before it reads a row, and a month's group-by a few more:
too much per request for 16 dashboards on two cores. gold.cost_daily is small (tens of thousands of rows
a month), so the API loads it (and gold.cost_monthly) once per catalog version into integer-coded numpy
columns and answers timeseries, breakdowns, picker values and the summary's parts from them.

The answers are the SQL answers, row for row: money is summed as exact integers of the column's decimal
scale, ties are broken by the group's text as the SQL orders them, and anything a rollup cannot answer
exactly (tags, a view whose sums could leave 64 bits, a non-ASCII search, a table over the row cap, a load
not finished yet) goes to the engine as before. tests/api/test_rollup.py compares both on every shape.
"""
