-- p99 latency trend per journey and hour: the slowest minute-level p99 within each hour, and the
-- share of requests within 500 ms. Answers: "when did latency regress, and for which journey?"
SELECT
  journey,
  DATE_FORMAT(`minute`, 'yyyy-MM-dd HH:00')                        AS hour_utc,
  SUM(total)                                                       AS requests,
  MAX(p99_ms)                                                      AS max_minute_p99_ms,
  CAST(SUM(COALESCE(good_latency[500], 0)) AS DOUBLE) / SUM(total) AS share_within_500ms
FROM sli_minute
GROUP BY journey, DATE_FORMAT(`minute`, 'yyyy-MM-dd HH:00')
ORDER BY journey, hour_utc;
