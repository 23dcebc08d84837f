-- Error budget left at each month end per candidate SLO: the last evaluated day of every month.
-- Answers: "how much budget would we have had left at the end of each month?"
SELECT d.journey, d.slo_id, d.target, d.month_end, d.budget_remaining, d.policy_state
FROM (
  SELECT
    journey,
    slo_id,
    target,
    `day`                                         AS month_end,
    budget_remaining,
    policy_state,
    ROW_NUMBER() OVER (PARTITION BY slo_id, DATE_FORMAT(CAST(`day` AS TIMESTAMP(3)), 'yyyy-MM')
                       ORDER BY `day` DESC)       AS rn
  FROM slo_daily
) d
WHERE d.rn = 1
ORDER BY d.journey, d.slo_id, d.month_end;
