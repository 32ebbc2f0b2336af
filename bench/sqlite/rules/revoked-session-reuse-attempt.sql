-- Sessions presented (denied) more than the skew after they ended; escalated when an attempt
-- came from an ip or user agent not seen on the session at or before its end.
WITH attempts AS (
  SELECT s.subject_id, s.session_id, s.ended_at, s.ip AS created_ip, s.user_agent AS created_ua, a.ip, a.user_agent
  FROM st s JOIN events a ON a.session_id = s.session_id AND a.type = 'session.activity'
  WHERE a.outcome = 'denied' AND a.ts > s.ended_at + 120000
)
SELECT subject_id, session_id, NULL AS lifecycle_event_id,
  max(
    (ip IS NOT NULL AND ip IS NOT created_ip AND NOT EXISTS (
      SELECT 1 FROM events b WHERE b.session_id = t.session_id AND b.type = 'session.activity' AND b.ts <= t.ended_at AND b.ip = t.ip))
    OR (user_agent IS NOT NULL AND user_agent IS NOT created_ua AND NOT EXISTS (
      SELECT 1 FROM events b WHERE b.session_id = t.session_id AND b.type = 'session.activity' AND b.ts <= t.ended_at AND b.user_agent = t.user_agent))
  ) AS escalated
FROM attempts t
GROUP BY session_id
