-- (subject, session) pairs with a revocation that names no actor (session null: scope all).
SELECT subject_id, session_id, NULL AS lifecycle_event_id, 0 AS escalated
FROM events
WHERE type = 'session.revoked' AND actor_id IS NULL
  AND (session_id IS NULL OR session_id IN (SELECT session_id FROM sess))
GROUP BY subject_id, session_id
