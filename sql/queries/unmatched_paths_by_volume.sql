-- Routes without a journey, by volume: the method and path shapes that matched no journey rule.
-- Answers: "which routes lack a journey (or an exclude rule) in journeys.yaml?" Top 50.
SELECT
  `method`,
  `path`,
  SUM(requests)  AS requests,
  MIN(dt)        AS first_seen,
  MAX(dt)        AS last_seen
FROM unmatched_paths
GROUP BY `method`, `path`
ORDER BY requests DESC, `method`, `path`
LIMIT 50;
