-- Sessions whose creation record lacks the ip or the user agent.
SELECT subject_id, session_id, NULL AS lifecycle_event_id, 0 AS escalated
FROM sess
WHERE ip IS NULL OR user_agent IS NULL
