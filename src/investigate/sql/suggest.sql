-- Up to three known ids that look like an unknown one (for the error message). Runs on the
-- source database only when the id is unknown, so its full scans cost nothing on success.
WITH known AS (
  SELECT DISTINCT session_id AS id FROM sessions WHERE $by = 'session'
  UNION SELECT DISTINCT subject_id FROM sessions WHERE $by = 'subject' AND subject_id IS NOT NULL
  UNION SELECT DISTINCT subject_id FROM lifecycle_events WHERE $by = 'subject'
  UNION SELECT DISTINCT ip FROM sessions WHERE $by = 'ip' AND ip IS NOT NULL
  UNION SELECT DISTINCT ip FROM access_events WHERE $by = 'ip' AND ip IS NOT NULL
)
SELECT id FROM known
WHERE jaro_winkler_similarity(lower(id), lower($value)) >= 0.85
ORDER BY jaro_winkler_similarity(lower(id), lower($value)) DESC, id
LIMIT 3
