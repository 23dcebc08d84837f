-- late_events (streaming): journey requests whose minute had already been written when they arrived.
CREATE TABLE IF NOT EXISTS late_events (
  file           STRING,
  line_number    BIGINT,
  event_time     TIMESTAMP_LTZ(3),
  journey        STRING,
  closed_before  TIMESTAMP_LTZ(3),  -- minutes before this were closed when the line arrived
  dt             STRING
) PARTITIONED BY (dt) WITH (
  'connector' = 'filesystem',
  'path'      = '${OUT}/late_events',
  'format'    = 'parquet'
);
