-- slo_summary: per journey and candidate SLO over the whole backtest range (replaced by each backtest).
CREATE TABLE IF NOT EXISTS slo_summary (
  journey               STRING,
  slo_id                STRING,
  sli                   STRING,
  threshold_ms          INT,
  target                DOUBLE,
  `window`              STRING,
  budgeting             STRING,
  days_evaluated        INT,
  days_met              INT,
  worst_attainment      DOUBLE,
  days_healthy          INT,
  days_alert            INT,
  days_pause            INT,
  days_freeze           INT,
  pages                 INT,
  tickets               INT,
  budget_remaining_end  DOUBLE
) WITH (
  'connector' = 'filesystem',
  'path'      = '${OUT}/slo_summary',
  'format'    = 'parquet'
);
