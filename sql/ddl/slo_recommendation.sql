-- slo_recommendation: per journey and SLI, the recommended target and its evidence (replaced by each backtest).
CREATE TABLE IF NOT EXISTS slo_recommendation (
  journey                      STRING,
  sli                          STRING,
  threshold_ms                 INT,
  target                       DOUBLE,
  slo_id                       STRING,
  `window`                     STRING,
  budgeting                    STRING,
  baseline                     DOUBLE,   -- SLI achieved over the whole history
  worst_attainment             DOUBLE,
  max_freeze_days_per_quarter  INT,
  max_pages_per_month          INT,
  freeze_days                  INT,
  pages                        INT,
  qualifies                    BOOLEAN,  -- false: no candidate met the limits; the loosest is shown
  policy                       STRING,   -- the alert policy recommended with the target (alert_quality)
  evidence                     STRING,
  pages_detail                 STRING    -- the first pages of the recommended pair and the incident each belongs to
) WITH (
  'connector' = 'filesystem',
  'path'      = '${OUT}/slo_recommendation',
  'format'    = 'parquet'
);
