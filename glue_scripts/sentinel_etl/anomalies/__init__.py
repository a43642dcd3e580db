"""Cost anomalies: a robust, weekday-aware baseline per daily series, episodes, drivers and restatements.

Pure Python over small inputs (a series is one usage account × service, a point one day): the job script
(sentinel_etl.jobs.gold_to_anomalies) aggregates gold and silver on its engine and hands the rows here.
"""
