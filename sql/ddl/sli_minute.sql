-- sli_minute: per journey, region and UTC minute, exact request counts and latency percentiles.
-- `minute` is a reserved word in Flink SQL: write the column in backticks in every query,
--   e.g. SELECT `minute`, total FROM sli_minute (plain minute is a parse error).
-- ${OUT} is replaced by the output folder (sliflow query / tests); replace it by hand elsewhere.
CREATE TABLE IF NOT EXISTS sli_minute (
  journey         STRING,            -- journey name from the catalog
  region          STRING,            -- '' when no region rule is configured
  `minute`        TIMESTAMP_LTZ(3),  -- start of the minute (UTC instant)
  total           BIGINT,            -- valid requests
  good            BIGINT,            -- requests whose status is not bad
  server_errors   BIGINT,            -- 5xx responses
  with_latency    BIGINT,            -- requests whose line carried a latency
  good_latency    MAP<INT, BIGINT>,  -- threshold_ms -> good requests within it
  p50_ms          DOUBLE,
  p90_ms          DOUBLE,
  p95_ms          DOUBLE,
  p99_ms          DOUBLE,
  p999_ms         DOUBLE,
  latency_sketch  BYTES,             -- DDSketch encoding, mergeable
  dt              STRING             -- partition: event date YYYY-MM-DD
) PARTITIONED BY (dt) WITH (
  'connector' = 'filesystem',
  'path'      = '${OUT}/sli_minute',
  'format'    = 'parquet'
);
