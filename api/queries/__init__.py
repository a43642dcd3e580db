"""SQL statements, written once in Athena's (Trino) dialect, and the builders that assemble them.

Identifiers come from allow-lists (api.queries.columns); every value is a bound parameter (`?`).
"""
