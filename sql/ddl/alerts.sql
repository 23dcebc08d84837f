-- alerts: every burn-rate alert firing a candidate SLO would have produced (backtest).
CREATE TABLE IF NOT EXISTS alerts (
  journey          STRING,
  slo_id           STRING,
  sli              STRING,
  threshold_ms     INT,
  target           DOUBLE,
  `window`         STRING,
  budgeting        STRING,
  tier             STRING,            -- e.g. page-1h
  severity         STRING,            -- page | ticket
  fired_at         TIMESTAMP_LTZ(3),  -- start of the minute at whose end the condition became true
  resolved_at      TIMESTAMP_LTZ(3),  -- null: still firing at the end of the range
  long_window      STRING,
  short_window     STRING,
  rate_threshold   DOUBLE,
  long_burn_rate   DOUBLE,
  short_burn_rate  DOUBLE,
  dt               STRING             -- date of fired_at
) PARTITIONED BY (dt) WITH (
  'connector' = 'filesystem',
  'path'      = '${OUT}/alerts',
  'format'    = 'parquet'
);
