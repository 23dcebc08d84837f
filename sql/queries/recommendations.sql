-- The recommended target per journey and SLI, with its evidence (from slo_recommendation).
-- Answers: "which target should we promise, and what would it have cost?"
SELECT journey, sli, threshold_ms, target, slo_id, baseline, max_freeze_days_per_quarter,
       max_pages_per_month, qualifies, policy, evidence
FROM slo_recommendation
ORDER BY journey, sli, threshold_ms;
