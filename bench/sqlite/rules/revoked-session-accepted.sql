-- Sessions used successfully more than the skew after they were revoked or logged out.
SELECT s.subject_id, s.session_id, NULL AS lifecycle_event_id, 0 AS escalated
FROM st s JOIN events a ON a.session_id = s.session_id AND a.type = 'session.activity'
WHERE coalesce(a.outcome, 'allowed') = 'allowed' AND a.ts > s.ended_at + 120000
GROUP BY s.session_id
