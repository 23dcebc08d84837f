-- Alerts per journey, candidate, tier and month (from alerts).
-- Answers: "how often would each target have paged us, and through which tier?"
SELECT
  journey,
  slo_id,
  tier,
  severity,
  DATE_FORMAT(fired_at, 'yyyy-MM')  AS `month`,
  COUNT(*)                          AS firings
FROM alerts
GROUP BY journey, slo_id, tier, severity, DATE_FORMAT(fired_at, 'yyyy-MM')
ORDER BY journey, slo_id, `month`, tier;
