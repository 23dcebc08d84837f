-- late_events (streaming): journey requests whose minute had already been written when they arrived.
-- A late line (line_number set, requests = 1) or a late partial of a file × journey × region × minute
-- that reached its minute's window after it fired (line_number and closed_before null, requests = n).
-- SUM(requests) + SUM(sli_minute.total) = SUM(ingest_audit.matched + ingest_audit.late).
CREATE TABLE IF NOT EXISTS late_events (
  file           STRING,            -- input file (null when not known)
  line_number    BIGINT,            -- a late line's 1-based number; null for a late partial
  event_time     TIMESTAMP_LTZ(3),  -- the line's timestamp (a late partial: its minute)
  journey        STRING,
  region         STRING,            -- empty when not configured
  `minute`       TIMESTAMP_LTZ(3),  -- start of the minute the requests belong to
  requests       BIGINT,            -- journey requests in the row: 1 for a line
  closed_before  TIMESTAMP_LTZ(3),  -- a late line: minutes before this were closed when it arrived
  dt             STRING
) PARTITIONED BY (dt) WITH (
  'connector' = 'filesystem',
  'path'      = '${OUT}/late_events',
  'format'    = 'parquet'
);
