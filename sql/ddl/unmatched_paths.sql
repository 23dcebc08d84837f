-- unmatched_paths: requests no journey matched, per event date, method and path shape
-- (ids, numbers, hashes and e-mails in the path become {id}; the query string is never kept).
CREATE TABLE IF NOT EXISTS unmatched_paths (
  `method`  STRING,
  `path`    STRING,
  requests  BIGINT,
  dt        STRING
) PARTITIONED BY (dt) WITH (
  'connector' = 'filesystem',
  'path'      = '${OUT}/unmatched_paths',
  'format'    = 'parquet'
);
