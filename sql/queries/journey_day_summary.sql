-- Per journey and day: requests, success rate and the worst minute's p99.
-- Answers: "how did each journey do each day?" Returns one row per journey x day.
SELECT
  journey,
  dt,
  SUM(total)                                        AS requests,
  CAST(SUM(good) AS DOUBLE) / SUM(total)            AS success_rate,
  SUM(server_errors)                                AS server_errors,
  MAX(p99_ms)                                       AS worst_minute_p99_ms
FROM sli_minute
GROUP BY journey, dt
ORDER BY journey, dt;
