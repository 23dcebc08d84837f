-- p99 latency trend per journey, region and hour: the p99 of all the hour's requests (from sli_hour's
-- merged sketch: a spike of a few minutes shows, where a mean of minute p99s flattens it), and the
-- share of requests within 500 ms (null when a minute of the hour has no 500 ms count).
-- Answers: "when did latency regress, and for which journey?" Region is '' without a region rule.
SELECT
  journey,
  region,
  DATE_FORMAT(`hour`, 'yyyy-MM-dd HH:00')                AS hour_utc,
  total                                                  AS requests,
  p99_ms,
  CAST(good_latency[500] AS DOUBLE) / total              AS share_within_500ms
FROM sli_hour
ORDER BY journey, region, hour_utc;
