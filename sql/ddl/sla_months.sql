-- sla_months: per journey with an SLA and calendar month: attainment, breach, credit (replaced by each backtest).
CREATE TABLE IF NOT EXISTS sla_months (
  journey     STRING,
  `month`     STRING,   -- YYYY-MM
  target      DOUBLE,
  attainment  DOUBLE,
  breached    BOOLEAN,
  credit      DOUBLE
) WITH (
  'connector' = 'filesystem',
  'path'      = '${OUT}/sla_months',
  'format'    = 'parquet'
);
