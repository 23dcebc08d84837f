-- alert_quality: per journey, candidate SLO and alert policy, its pages scored against the known incidents
-- (the SLO file's incidents:) of the journey and SLI (replaced by each backtest).
CREATE TABLE IF NOT EXISTS alert_quality (
  journey                       STRING,
  slo_id                        STRING,
  sli                           STRING,
  threshold_ms                  INT,
  target                        DOUBLE,
  `window`                      STRING,
  budgeting                     STRING,
  policy                        STRING,   -- alert policy; the first one is the policy of the alerts table
  incidents                     INT,      -- known incidents of the journey and SLI in the history
  detected                      INT,      -- incidents some page overlapped
  missed                        INT,
  max_detection_delay_minutes   INT,      -- incident start to first page; null when none was detected
  mean_detection_delay_minutes  DOUBLE,
  pages                         INT,      -- as the policy counts them (grouped when it has a page_gap)
  false_pages                   INT,      -- pages overlapping no known incident
  max_pages_per_month           INT,
  max_false_pages_per_month     INT
) WITH (
  'connector' = 'filesystem',
  'path'      = '${OUT}/alert_quality',
  'format'    = 'parquet'
);
