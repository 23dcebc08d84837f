-- unmatched_paths: requests no journey matched, per input file, event date, method and path shape
-- (ids, numbers, hashes and e-mails in the path become {id}; the query string is never kept).
-- Rows are per file (so that re-ingesting a file replaces its rows only): SUM(requests) per route.
CREATE TABLE IF NOT EXISTS unmatched_paths (
  `file`    STRING,
  `source`  STRING,   -- the file's lineage identity (hash of its first line)
  `method`  STRING,
  `path`    STRING,
  requests  BIGINT,
  dt        STRING
) PARTITIONED BY (dt) WITH (
  'connector' = 'filesystem',
  'path'      = '${OUT}/unmatched_paths',
  'format'    = 'parquet'
);
