-- Per journey and region over all the days in the tables (from sli_day), in the units people read:
-- success as a percentage with 2 decimals, latencies in whole milliseconds. The p50/p99 columns are
-- the best and worst of the days' own percentiles (each day's from its merged sketch), never a mean.
-- Region is '' without a region rule.
-- Answers: "how did each journey do over the history, and how bad was its worst day?"
SELECT
  journey,
  region,
  COUNT(*)                                                              AS days,
  SUM(total)                                                            AS requests,
  CAST(ROUND(100.0 * SUM(good) / SUM(total), 2) AS DECIMAL(5, 2))       AS success_pct,
  SUM(server_errors)                                                    AS server_errors,
  CAST(ROUND(MIN(100.0 * good / total), 2) AS DECIMAL(5, 2))            AS worst_day_success_pct,
  CAST(ROUND(MIN(p50_ms)) AS INT)                                       AS lowest_day_p50_ms,
  CAST(ROUND(MAX(p99_ms)) AS INT)                                       AS highest_day_p99_ms
FROM sli_day
WHERE total > 0
GROUP BY journey, region
ORDER BY journey, region;
