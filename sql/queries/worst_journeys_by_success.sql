-- Worst journeys by success rate per day (lowest first), only journeys with >= 100 requests that day.
-- Answers: "which journeys hurt users most, day by day?"
SELECT dt, journey, requests, success_rate
FROM (
  SELECT
    dt,
    journey,
    SUM(total)                             AS requests,
    CAST(SUM(good) AS DOUBLE) / SUM(total) AS success_rate
  FROM sli_day
  GROUP BY dt, journey
)
WHERE requests >= 100
ORDER BY dt, success_rate, journey;
