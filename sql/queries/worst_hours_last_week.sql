-- The worst hours of the last 7 days of data: per journey and UTC hour, the share of failed requests,
-- worst first (hours with at least 50 requests). Answers: "when did users suffer most last week?"
SELECT journey, hour_utc, requests, failed, failure_rate
FROM (
  SELECT
    journey,
    DATE_FORMAT(`hour`, 'yyyy-MM-dd HH:00')            AS hour_utc,
    SUM(total)                                         AS requests,
    SUM(total - good)                                  AS failed,
    CAST(SUM(total - good) AS DOUBLE) / SUM(total)     AS failure_rate
  FROM sli_hour
  WHERE dt > (SELECT DATE_FORMAT(TIMESTAMPADD(DAY, -7, CAST(MAX(dt) AS TIMESTAMP(3))), 'yyyy-MM-dd') FROM sli_day)
  GROUP BY journey, DATE_FORMAT(`hour`, 'yyyy-MM-dd HH:00')
)
WHERE requests >= 50
ORDER BY failure_rate DESC, requests DESC, journey, hour_utc
LIMIT 20;
