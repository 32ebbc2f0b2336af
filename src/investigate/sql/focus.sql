-- What the investigation shows, in the workspace (after the rules ran on the slice):
-- focus_sessions: the sessions the target names (every row of each is on the timeline);
-- focus_subjects: subjects whose every lifecycle event and scope-all revocation is shown
--   (--subject: the subject and the agents and services it owns);
-- focus_events: further lifecycle events worth a row: those that required a session in
--   view, those a revocation in view names as its trigger, and (--session) the subject's or
--   owner's events while the session was live. The findings' events are added by the caller.
CREATE OR REPLACE TABLE focus_sessions AS
SELECT DISTINCT session_id FROM seeds WHERE session_id IS NOT NULL;

CREATE OR REPLACE TABLE focus_subjects AS
SELECT t.value AS subject_id FROM target t WHERE t."by" = 'subject'
UNION
SELECT s.subject_id FROM sessions s, target t
WHERE t."by" = 'subject' AND s.owner_id = t.value AND s.subject_type IN ('agent', 'service')
  AND s.subject_id IS NOT NULL;

CREATE OR REPLACE TABLE focus_events AS
SELECT lifecycle_event_id AS event_id FROM required_sessions
WHERE session_id IN (SELECT session_id FROM focus_sessions)
UNION
SELECT trigger_event_id FROM revocations
WHERE session_id IN (SELECT session_id FROM focus_sessions) AND trigger_event_id IS NOT NULL
UNION
SELECT e.event_id
FROM session_times st
JOIN lifecycle_events e
  ON e.subject_id = st.subject_id
  OR (st.subject_type IN ('agent', 'service') AND e.subject_id = st.owner_id)
CROSS JOIN target t
WHERE t."by" = 'session' AND st.session_id IN (SELECT session_id FROM focus_sessions)
  AND e.ts >= st.created_at
  AND e.ts <= coalesce(least(st.ended_deliberately_at, st.expiry_at), 'infinity'::TIMESTAMPTZ)
UNION
SELECT event_id FROM lifecycle_events WHERE subject_id IN (SELECT subject_id FROM focus_subjects);
