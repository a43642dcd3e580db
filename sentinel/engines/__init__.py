"""Query engines: DuckDB over the local catalog, Athena on AWS. Both take Trino-dialect SQL."""
