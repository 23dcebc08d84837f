-- sli_day: per journey, region and UTC day, sli_minute rolled up: counts summed, sketches merged,
-- percentiles computed from the merged sketch (never averaged from minute percentiles).
-- ${OUT} is replaced by the output folder (sliflow query / tests); replace it by hand elsewhere.
CREATE TABLE IF NOT EXISTS sli_day (
  journey         STRING,            -- journey name from the catalog
  region          STRING,            -- '' when no region rule is configured
  `day`           DATE,              -- the UTC day
  total           BIGINT,            -- valid requests
  good            BIGINT,            -- requests whose status is not bad
  server_errors   BIGINT,            -- 5xx responses
  with_latency    BIGINT,            -- requests whose line carried a latency
  good_latency    MAP<INT, BIGINT>,  -- threshold_ms -> good requests within it (thresholds every minute carries)
  p50_ms          DOUBLE,            -- percentiles of the day's requests, from the merged sketch
  p90_ms          DOUBLE,
  p95_ms          DOUBLE,
  p99_ms          DOUBLE,
  p999_ms         DOUBLE,
  latency_sketch  BYTES,             -- DDSketch encoding of the day, mergeable
  dt              STRING             -- partition: event date YYYY-MM-DD (= day)
) PARTITIONED BY (dt) WITH (
  'connector' = 'filesystem',
  'path'      = '${OUT}/sli_day',
  'format'    = 'parquet'
);
