-- The DuckDB peer of `sliflow ingest` in the benchmark suite (`./sliflow benchmarks`): what a user
-- would write instead of sliflow, doing the same work (the full-fidelity query; sql/bench/duckdb_lean.sql is the
-- lean one a DuckDB user writes first). It reads the same generated nginx files, plain or .gz, with DuckDB's CSV reader
-- (space-delimited, double quotes), parses the timestamp, splits the request into method and path
-- (query string dropped), matches the journeys of journeys.yaml, and writes per journey x UTC minute
-- the counts of sli_minute (total, good, server_errors, with_latency, good_latency) and exact
-- percentiles to one Parquet file.
-- dev.sliflow.bench.DuckDbIngest fills in the placeholders (dollar-brace names below): FILES (the
-- list of input files), OUT (the Parquet file), and from journeys.yaml JOURNEY (first match wins,
-- excludes first: a CASE over method and path; a template is an equality, or regexp_full_match
-- when it has {x}, * or **), BAD (the bad_status rule) and GOOD_LATENCY (per journey, its latency
-- thresholds). Print the filled-in query with `--print-sql`. The suite checks that the counts equal
-- sliflow's sli_minute and the bare scan's, minute by minute (BenchHarnessITCase runs this file).
COPY (
    WITH lines AS (
        SELECT time_local, tz, request, status, body_bytes_sent, request_time
        FROM read_csv(${FILES},
            delim = ' ', quote = '"', escape = '"', header = false, auto_detect = false,
            compression = 'auto',   -- plain or .gz, by the file name's extension
            -- skip lines that do not have the 12 fields (cut or binary lines); `ignore_errors`
            -- alone drops valid lines in parallel scans (DuckDB 1.1 to 1.5), `store_rejects` does not
            store_rejects = true,
            columns = {'remote_addr': 'VARCHAR', 'ident': 'VARCHAR', 'remote_user': 'VARCHAR',
                       'time_local': 'VARCHAR', 'tz': 'VARCHAR', 'request': 'VARCHAR', 'status': 'VARCHAR',
                       'body_bytes_sent': 'VARCHAR', 'http_referer': 'VARCHAR', 'http_user_agent': 'VARCHAR',
                       'request_time': 'VARCHAR', 'upstream_response_time': 'VARCHAR'})
    ),
    parsed AS (
        SELECT
            -- [01/Mar/2026:13:45:07 +0200] -> the UTC minute
            date_trunc('minute', try_strptime(time_local, '[%d/%b/%Y:%H:%M:%S'))
                - to_minutes((CASE WHEN tz[1] = '-' THEN -1 ELSE 1 END)
                    * (TRY_CAST(tz[2:3] AS INTEGER) * 60 + TRY_CAST(tz[4:5] AS INTEGER))) AS minute,
            upper(split_part(request, ' ', 1)) AS method,
            split_part(split_part(split_part(request, ' ', 2), '?', 1), '#', 1) AS path,
            split_part(request, ' ', 3) AS protocol,
            TRY_CAST(status AS INTEGER) AS status,
            body_bytes_sent,
            TRY_CAST(request_time AS DOUBLE) * 1000.0 AS latency_ms
        FROM lines
    ),
    valid AS (
        SELECT minute, method, path, status, latency_ms
        FROM parsed
        WHERE minute IS NOT NULL
          AND status BETWEEN 100 AND 599
          AND (body_bytes_sent = '-' OR TRY_CAST(body_bytes_sent AS BIGINT) IS NOT NULL)
          AND protocol LIKE 'HTTP/%'
          AND regexp_full_match(method, '[A-Z]{1,20}')
          AND path LIKE '/%'
    ),
    matched AS (
        SELECT minute, status, latency_ms, ${JOURNEY} AS journey
        FROM valid
    ),
    judged AS (
        SELECT journey, minute, status, latency_ms, ${BAD} AS bad
        FROM matched
        WHERE journey IS NOT NULL
    ),
    per_minute AS (
        SELECT
            journey,
            minute,
            count(*) AS total,
            count(*) FILTER (WHERE NOT bad) AS good,
            count(*) FILTER (WHERE status BETWEEN 500 AND 599) AS server_errors,
            count(latency_ms) AS with_latency,
            ${GOOD_LATENCY} AS good_latency,
            quantile_cont(latency_ms, [0.50, 0.95, 0.99]) AS q   -- exact, one sort for the three
        FROM judged
        GROUP BY journey, minute
    )
    SELECT journey, minute, total, good, server_errors, with_latency, good_latency,
           q[1] AS p50_ms, q[2] AS p95_ms, q[3] AS p99_ms
    FROM per_minute
) TO ${OUT} (FORMAT PARQUET, COMPRESSION ZSTD);
