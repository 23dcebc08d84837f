-- slo_daily: per journey, candidate SLO and evaluated day (backtest).
CREATE TABLE IF NOT EXISTS slo_daily (
  journey           STRING,
  slo_id            STRING,   -- journey-sli[-threshold]-target-window-budgeting
  sli               STRING,   -- availability | latency | pNN-<slice> (percentile time slices, e.g. p95-30m)
  threshold_ms      INT,      -- 0 for availability
  target            DOUBLE,
  `window`          STRING,   -- 28d, calendar-month, ...
  budgeting         STRING,   -- occurrences | timeslices | ratio-timeslices
  `day`             DATE,     -- the window ends at the end of this day (UTC)
  attainment        DOUBLE,
  budget_remaining  DOUBLE,   -- 1 - consumed/allowed; negative = overspent
  policy_state      STRING,   -- healthy | alert | pause | freeze
  pages             INT,
  tickets           INT,
  burn_rate_day     DOUBLE,
  burn_rate_window  DOUBLE,
  days_to_exhaustion DOUBLE,       -- days until the budget left runs out at the day's burn rate (null: none burnt)
  dt                STRING
) PARTITIONED BY (dt) WITH (
  'connector' = 'filesystem',
  'path'      = '${OUT}/slo_daily',
  'format'    = 'parquet'
);
