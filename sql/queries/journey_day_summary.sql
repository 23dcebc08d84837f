-- Per journey, region and day: requests, success rate and the day's p50/p99 (from sli_day: the
-- percentiles of all the day's requests, from the merged sketch). Region is '' without a region rule.
-- Answers: "how did each journey do each day?" Returns one row per journey x region x day.
SELECT
  journey,
  region,
  dt,
  total                                             AS requests,
  CAST(good AS DOUBLE) / total                      AS success_rate,
  server_errors,
  p50_ms,
  p99_ms
FROM sli_day
ORDER BY journey, region, dt;
