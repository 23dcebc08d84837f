-- Input quality per day: lines read, rejected, excluded and unmatched, from ingest_audit.
-- Answers: "did every line arrive, and how much of it could we use?"
SELECT
  dt,
  SUM(lines_read)  AS lines_read,
  SUM(parsed)      AS parsed,
  SUM(rejected)    AS rejected,
  SUM(matched)     AS matched,
  SUM(excluded)    AS excluded,
  SUM(unmatched)   AS unmatched
FROM ingest_audit
GROUP BY dt
ORDER BY dt;
