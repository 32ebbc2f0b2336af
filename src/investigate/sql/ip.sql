-- --ip: what the address did, over every row that names it (the slice holds all of them:
-- every session the address touched is a seed).
WITH t AS (SELECT value FROM target),
created AS (
  SELECT session_id, subject_id, created_at AS ts FROM sessions WHERE ip = (SELECT value FROM t)
),
used AS (
  SELECT session_id, subject_id, ts, outcome FROM access_events WHERE ip = (SELECT value FROM t)
),
touched AS (
  SELECT session_id, subject_id, ts FROM created
  UNION ALL SELECT session_id, subject_id, ts FROM used
)
SELECT (SELECT value FROM t) AS address,
       ra_iso((SELECT min(ts) FROM touched)) AS first_seen,
       ra_iso((SELECT max(ts) FROM touched)) AS last_seen,
       (SELECT count(DISTINCT session_id) FROM created)::INTEGER AS sessions_created,
       coalesce((SELECT list_sort(list_distinct(list(session_id))) FROM touched), []) AS sessions,
       coalesce((SELECT list_sort(list_distinct(list(coalesce(k.subject_id, b.subject_id))))
                 FROM touched k LEFT JOIN session_base b USING (session_id)
                 WHERE coalesce(k.subject_id, b.subject_id) IS NOT NULL), []) AS subjects,
       (SELECT count(*) FROM used)::INTEGER AS accesses,
       (SELECT count(*) FILTER (WHERE outcome = 'allowed') FROM used)::INTEGER AS allowed,
       (SELECT count(*) FILTER (WHERE outcome = 'denied') FROM used)::INTEGER AS denied
