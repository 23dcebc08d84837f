-- Rejected lines by reason code, most frequent first. Answers: "why were lines rejected?"
SELECT reason_code, COUNT(*) AS lines_rejected
FROM rejects
GROUP BY reason_code
ORDER BY lines_rejected DESC, reason_code;
