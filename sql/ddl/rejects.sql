-- rejects: input lines that could not be used, with the reason and a redacted snippet.
CREATE TABLE IF NOT EXISTS rejects (
  file         STRING,   -- input file path
  source       STRING,   -- the file's lineage identity (hash of its first line)
  line_number  BIGINT,   -- 1-based line number in the decompressed file
  reason_code  STRING,   -- stable code, e.g. bad_timestamp, bad_request_line
  reason       STRING,   -- human explanation
  snippet      STRING,   -- start of the line, redacted
  dt           STRING    -- partition: event date of the nearest parsed line of the file
) PARTITIONED BY (dt) WITH (
  'connector' = 'filesystem',
  'path'      = '${OUT}/rejects',
  'format'    = 'parquet'
);
