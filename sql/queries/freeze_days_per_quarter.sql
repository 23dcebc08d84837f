-- Freeze days per candidate SLO and calendar quarter (from slo_daily).
-- Answers: "how many days of release freeze would each target have cost, quarter by quarter?"
SELECT
  journey,
  slo_id,
  target,
  CONCAT(CAST(EXTRACT(YEAR FROM `day`) AS STRING), '-Q', CAST(EXTRACT(QUARTER FROM `day`) AS STRING)) AS quarter,
  SUM(CASE WHEN policy_state = 'freeze' THEN 1 ELSE 0 END)                                          AS freeze_days,
  SUM(CASE WHEN policy_state = 'pause' THEN 1 ELSE 0 END)                                           AS pause_days,
  COUNT(*)                                                                                          AS days_evaluated
FROM slo_daily
GROUP BY journey, slo_id, target, EXTRACT(YEAR FROM `day`), EXTRACT(QUARTER FROM `day`)
ORDER BY journey, slo_id, quarter;
