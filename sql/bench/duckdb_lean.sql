-- The lean DuckDB query of the benchmark suite (`./sliflow benchmarks`): what a DuckDB user writes
-- first to get per journey x minute counts and percentiles out of nginx access logs (issue 30). It
-- does less than sliflow and than duckdb_ingest.sql, so the suite prints it as "lean (not the same
-- work)" and does not compare its counts: no validation of the fields (a line that does not parse
-- into the 12 columns is skipped silently, `ignore_errors`; a missing latency "-" makes the line an
-- error too), no rejects, no time zone (the local minute, not UTC), journeys by LIKE prefixes of the
-- request line (no excludes, no path templates: /products/{id} is 'GET /products/%', an exact path a
-- prefix of what follows it), "good" = status below 500, latencies in seconds. try_strptime, not
-- strptime: a garbage line with a broken timestamp (the generated logs have some) stops strptime's query.
-- dev.sliflow.bench.DuckDbIngest fills in the placeholders (dollar-brace names below): THREADS (the
-- cores), FILES (the input files, plain or .gz: read_csv picks the decompression by the extension),
-- OUT (the Parquet file) and JOURNEY_LIKE, generated from journeys.yaml (first match wins, in the
-- catalog's order). Print the filled-in query with `--print-sql`.
SET threads = ${THREADS};
COPY (
    SELECT
        ${JOURNEY_LIKE} AS journey,
        date_trunc('minute', try_strptime(ts, '[%d/%b/%Y:%H:%M:%S')) AS minute,
        count(*) AS total,
        count(*) FILTER (status < 500) AS good,
        quantile_disc(rt, 0.5) AS p50_s,
        quantile_disc(rt, 0.95) AS p95_s,
        quantile_disc(rt, 0.99) AS p99_s
    FROM read_csv(${FILES},
        delim = ' ', quote = '"', escape = '"', header = false, auto_detect = false,
        ignore_errors = true, strict_mode = false, null_padding = true,
        columns = {'ip': 'VARCHAR', 'ident': 'VARCHAR', 'user': 'VARCHAR', 'ts': 'VARCHAR', 'tz': 'VARCHAR',
                   'request': 'VARCHAR', 'status': 'INTEGER', 'bytes': 'VARCHAR', 'referer': 'VARCHAR',
                   'agent': 'VARCHAR', 'rt': 'DOUBLE', 'upstream_rt': 'VARCHAR'})
    GROUP BY journey, minute
) TO ${OUT} (FORMAT PARQUET);
