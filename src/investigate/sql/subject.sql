-- The subject in view: --subject's value, or the one subject that --session's rows name
-- (none when they name several or none). Its kinds, its owners (for an agent or service)
-- and the agents and services it owns, from the creation records in the slice.
WITH t AS (SELECT * FROM target),
who AS (
  SELECT value AS subject_id FROM t WHERE "by" = 'subject'
  UNION ALL
  SELECT any_value(subject_id) FROM seeds
  WHERE subject_id IS NOT NULL AND (SELECT "by" FROM t) = 'session'
  HAVING count(DISTINCT subject_id) = 1
)
SELECT w.subject_id,
       coalesce((SELECT list_sort(list_distinct(list(s.subject_type))) FROM session_base s
                 WHERE s.subject_id = w.subject_id), []) AS subject_types,
       coalesce((SELECT list_sort(list_distinct(list(s.owner_id))) FROM session_base s
                 WHERE s.subject_id = w.subject_id AND s.subject_type IN ('agent', 'service')
                   AND s.owner_id IS NOT NULL), []) AS owners,
       coalesce((SELECT list_sort(list_distinct(list(s.subject_id))) FROM session_base s
                 WHERE s.owner_id = w.subject_id AND s.subject_type IN ('agent', 'service')
                   AND s.subject_id <> w.subject_id), []) AS agents
FROM who w
