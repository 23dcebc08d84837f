-- Which alert policy would have paged for every known incident with the fewest false pages?
-- Per journey and candidate availability/latency SLO (from alert_quality), best first.
-- Answers: "if we had paged with policy X at target T, would we have caught our outages, and at what noise?"
SELECT journey, slo_id, policy, incidents, detected, missed, max_detection_delay_minutes,
       pages, false_pages, max_false_pages_per_month
FROM alert_quality
ORDER BY journey, slo_id, missed, false_pages, pages, policy;
