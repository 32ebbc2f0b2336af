-- Tables of the workspace that the timeline and the session summaries share, so both judge
-- an access the same way (tables, not views: the slice no longer changes).

-- The model's session times of the sessions in view.
CREATE OR REPLACE TABLE focus_times AS
SELECT * FROM session_times WHERE session_id IN (SELECT session_id FROM focus_sessions);

-- What was seen on a session up to its end (D: revocation or logout) and up to its expiry
-- (E): the creation record and every access at or before that instant. As the reuse rule
-- has it, nulls are never "seen" (and an access with a null value is never "new").
CREATE OR REPLACE TABLE focus_seen AS
WITH points AS (
  SELECT session_id, 'end' AS point, ended_deliberately_at AS upto, ip, user_agent
  FROM focus_times WHERE ended_deliberately_at IS NOT NULL
  UNION ALL
  SELECT session_id, 'expiry', expiry_at, ip, user_agent FROM focus_times WHERE expiry_at IS NOT NULL
), values_seen AS (
  SELECT session_id, point, ip, user_agent FROM points
  UNION ALL
  SELECT p.session_id, p.point, a.ip, a.user_agent
  FROM points p JOIN access_events a ON a.session_id = p.session_id AND a.ts <= p.upto
)
SELECT session_id, point,
       list_distinct(list(ip) FILTER (WHERE ip IS NOT NULL)) AS ips,
       list_distinct(list(user_agent) FILTER (WHERE user_agent IS NOT NULL)) AS user_agents
FROM values_seen GROUP BY ALL;

-- Every access of the sessions in view, with when it came relative to the session's end
-- (after_end = more than the skew after D, what the reuse rules count); after an end,
-- whether its IP and user agent had been seen on the session before that end; and while
-- live, the earliest lifecycle event whose deadline (T + sla) it came after although that
-- event required the session to end (the use that escalates session-survived-lifecycle-event).
CREATE OR REPLACE TABLE focus_access AS
WITH overdue AS (
  SELECT a.source_file, a.source_line,
         arg_min(r.lifecycle_event_id, (r.deadline, r.lifecycle_event_id)) AS overdue_event_id,
         arg_min(r.kind, (r.deadline, r.lifecycle_event_id)) AS overdue_kind,
         min(r.deadline) AS overdue_deadline
  FROM access_events a
  JOIN required_session_status r ON r.session_id = a.session_id
  WHERE a.session_id IN (SELECT session_id FROM focus_sessions)
    AND r.session_status IN ('late', 'uncovered') AND a.ts > r.deadline
    AND a.ts <= coalesce(least(r.revoked_at, r.logout_at, r.expiry_at), 'infinity'::TIMESTAMPTZ)
  GROUP BY ALL
), judged AS (
  SELECT a.*, st.ended_deliberately_at AS d, st.expiry_at AS e,
         CASE WHEN st.ended_deliberately_at = st.revoked_at THEN 'revoked' ELSE 'logout' END AS d_by,
         CASE
           WHEN a.ts > st.ended_deliberately_at + ra_seconds(g.skew_seconds) THEN 'after_end'
           WHEN a.ts > st.ended_deliberately_at THEN 'after_end_within_skew'
           WHEN a.ts > st.expiry_at THEN 'after_expiry'
           ELSE 'live'
         END AS phase
  FROM access_events a
  LEFT JOIN focus_times st USING (session_id)
  CROSS JOIN global_policy g
  WHERE a.session_id IN (SELECT session_id FROM focus_sessions)
)
SELECT j.*, o.overdue_event_id, o.overdue_kind, o.overdue_deadline,
       CASE WHEN j.phase IN ('after_end', 'after_end_within_skew') THEN j.d WHEN j.phase = 'after_expiry' THEN j.e END AS end_at,
       CASE WHEN j.phase IN ('after_end', 'after_end_within_skew') THEN j.d_by WHEN j.phase = 'after_expiry' THEN 'expired' END AS end_by,
       CASE WHEN j.phase = 'live' OR j.ip IS NULL THEN NULL ELSE list_contains(coalesce(s.ips, []), j.ip) END AS ip_seen_before_end,
       CASE WHEN j.phase = 'live' OR j.user_agent IS NULL THEN NULL
            ELSE list_contains(coalesce(s.user_agents, []), j.user_agent) END AS user_agent_seen_before_end
FROM judged j
LEFT JOIN overdue o USING (source_file, source_line)
LEFT JOIN focus_seen s
  ON s.session_id = j.session_id AND s.point = CASE WHEN j.phase = 'after_expiry' THEN 'expiry' ELSE 'end' END;
