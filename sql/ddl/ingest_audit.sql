-- ingest_audit: per input file and event date, where every line went.
-- lines_read = parsed + rejected + non_access; parsed = matched + excluded + unmatched + late.
CREATE TABLE IF NOT EXISTS ingest_audit (
  file        STRING,
  source      STRING,       -- the file's lineage identity (hash of its first line)
  format      STRING,            -- format used (detected with --format auto)
  lines_read  BIGINT,
  parsed      BIGINT,
  rejected    BIGINT,
  non_access  BIGINT,            -- lines that are no request (W3C directives such as #Fields:), not rejects
  matched     BIGINT,
  excluded    BIGINT,
  unmatched   BIGINT,
  late        BIGINT,
  rejects_not_kept BIGINT,      -- rejected lines beyond --max-rejects-per-file (counted, not itemised)
  region_overflow BIGINT,       -- matched lines whose region came beyond max_regions (counted under '(other)')
  first_ts    TIMESTAMP_LTZ(3),
  last_ts     TIMESTAMP_LTZ(3),
  dt          STRING
) PARTITIONED BY (dt) WITH (
  'connector' = 'filesystem',
  'path'      = '${OUT}/ingest_audit',
  'format'    = 'parquet'
);
