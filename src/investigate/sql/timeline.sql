-- The timeline: one row per canonical row in view (plus the expiry a creation record
-- implies), with what the model says about it. Columns are the union of every kind's
-- fields (UNION ALL BY NAME fills the rest with NULL); src/investigate/timeline.ts shapes
-- them into the documented rows. --ip shows only the accesses from that address, with the
-- creation and the ends of each session it touched for context. Rows outside --from/--to
-- are left out; earlier rows still establish state (the views read everything).
WITH t AS (SELECT * FROM target),
created AS (
  SELECT 'created' AS kind, 5 AS tie, s.created_at AS ts, s.session_id, s.subject_id,
         'sessions' AS tbl, s.event_id, s.source_file, s.source_line,
         s.subject_type, s.owner_id, s.ip, s.user_agent, s.device_id, s.auth_method, s.expires_at
  FROM sessions s WHERE s.session_id IN (SELECT session_id FROM focus_sessions)
),
accesses AS (
  SELECT 'access' AS kind, 6 AS tie, a.ts, a.session_id, a.subject_id,
         'access_events' AS tbl, a.event_id, a.source_file, a.source_line,
         a.ip, a.user_agent, a.action, a.outcome, a.reason, a.phase, a.end_at, a.end_by,
         epoch(a.ts) - epoch(a.end_at) AS seconds_after_end,
         a.ip_seen_before_end, a.user_agent_seen_before_end,
         a.overdue_event_id, a.overdue_kind, a.overdue_deadline
  FROM focus_access a, t
  WHERE t."by" <> 'ip' OR a.ip = t.value
),
ends AS (
  SELECT CASE e.reason WHEN 'logout' THEN 'logout' ELSE 'expired' END AS kind,
         CASE e.reason WHEN 'logout' THEN 3 ELSE 4 END AS tie, e.ts, e.session_id, e.subject_id,
         'session_ends' AS tbl, e.event_id, e.source_file, e.source_line,
         -- The logout that is L(s) and ended the session: D = L, before any expiry.
         e.reason = 'logout' AND e.event_id = st.logout_event_id AND e.source_file = st.logout_file
           AND e.source_line = st.logout_line AND st.ended_deliberately_at = st.logout_at
           AND (st.expiry_at IS NULL OR st.logout_at < st.expiry_at) AS ended_session,
         false AS derived
  FROM session_ends e LEFT JOIN focus_times st USING (session_id)
  WHERE e.session_id IN (SELECT session_id FROM focus_sessions)
),
expiries AS (
  -- The expiry of a creation record's expires_at (or the policy's assumed lifetime), once
  -- the inputs reach it and when no earlier session.ended record expired the session.
  SELECT 'expired' AS kind, 4 AS tie, st.expires_at AS ts, st.session_id, st.subject_id,
         'sessions' AS tbl, st.event_id, st.source_file, st.source_line, true AS derived
  FROM focus_times st CROSS JOIN inputs_end ie
  WHERE st.expires_at IS NOT NULL AND st.expires_at <= ie.ts
    AND NOT EXISTS (SELECT 1 FROM session_ends e
                    WHERE e.session_id = st.session_id AND e.reason = 'expired' AND e.ts <= st.expires_at)
),
revoked AS (
  SELECT 'revoked' AS kind, 2 AS tie, r.ts, r.session_id, r.subject_id,
         'revocations' AS tbl, r.event_id, r.source_file, r.source_line,
         CASE WHEN r.session_id IS NULL THEN 'subject' ELSE 'session' END AS scope,
         r.actor_id, r.reason, r.trigger_event_id
  FROM revocations r
  WHERE r.session_id IN (SELECT session_id FROM focus_sessions)
     OR (r.session_id IS NULL AND r.subject_id IN (SELECT subject_id FROM focus_subjects))
     OR (r.session_id IS NULL AND EXISTS (
           -- a revocation of every session that reached a session in view while it was live
           SELECT 1 FROM focus_times st
           WHERE st.subject_id = r.subject_id AND r.ts >= st.created_at
             AND r.ts <= coalesce(least(st.revoked_at, st.logout_at, st.expiry_at), 'infinity'::TIMESTAMPTZ)))
),
revoked_ended AS (
  -- The sessions in view each revocation ended: it was their R, D = R, before any expiry.
  SELECT r.event_id, r.source_file, r.source_line, list_sort(list(st.session_id)) AS ended_sessions
  FROM revoked r JOIN focus_times st
    ON st.revocation_event_id = r.event_id AND st.revocation_file = r.source_file AND st.revocation_line = r.source_line
  WHERE st.ended_deliberately_at = st.revoked_at AND (st.expiry_at IS NULL OR st.revoked_at < st.expiry_at)
  GROUP BY ALL
),
lifecycle AS (
  SELECT 'lifecycle' AS kind, 1 AS tie, e.ts, NULL::VARCHAR AS session_id, e.subject_id,
         'lifecycle_events' AS tbl, e.event_id, e.source_file, e.source_line,
         e.kind AS lifecycle_kind, e.actor_id, e.reason, e.initiating_session_id, e.device_id,
         c.status AS coverage_status, c.required_sessions::INTEGER AS required_sessions,
         c.revoked_in_time::INTEGER AS revoked_in_time,
         coalesce((SELECT list({'session_id': r.session_id, 'status': r.session_status} ORDER BY r.session_id)
                   FROM required_session_status r
                   WHERE r.lifecycle_event_id = e.event_id AND r.lifecycle_source = e.source
                     AND r.session_id IN (SELECT session_id FROM focus_sessions)), []) AS required
  FROM lifecycle_events e
  LEFT JOIN coverage c ON c.event_id = e.event_id AND c.source = e.source
  WHERE e.event_id IN (SELECT event_id FROM focus_events)
     OR e.subject_id IN (SELECT subject_id FROM focus_subjects)
),
all_rows AS (
  SELECT * FROM created
  UNION ALL BY NAME SELECT * FROM accesses
  UNION ALL BY NAME SELECT * FROM ends
  UNION ALL BY NAME SELECT * FROM expiries
  UNION ALL BY NAME SELECT r.*, coalesce(x.ended_sessions, []) AS ended_sessions
                    FROM revoked r LEFT JOIN revoked_ended x USING (event_id, source_file, source_line)
  UNION ALL BY NAME SELECT * FROM lifecycle
)
SELECT r.kind, ra_iso(r.ts) AS ts, r.session_id, r.subject_id, r.tbl, r.event_id, r.source_file,
       r.source_line::INTEGER AS source_line,
       r.subject_type, r.owner_id, r.ip, r.user_agent, r.device_id, r.auth_method, ra_iso(r.expires_at) AS expires_at,
       r.action, r.outcome, r.reason, r.phase, ra_iso(r.end_at) AS end_at, r.end_by,
       r.seconds_after_end::DOUBLE AS seconds_after_end, r.ip_seen_before_end, r.user_agent_seen_before_end,
       r.overdue_event_id, r.overdue_kind, ra_iso(r.overdue_deadline) AS overdue_deadline,
       r.ended_session, r.derived, r.scope, r.actor_id, r.trigger_event_id, r.ended_sessions,
       r.lifecycle_kind, r.initiating_session_id, r.coverage_status, r.required_sessions, r.revoked_in_time,
       to_json(r.required)::VARCHAR AS required
FROM all_rows r CROSS JOIN global_policy g
WHERE (g.period_from IS NULL OR r.ts >= g.period_from) AND (g.period_to IS NULL OR r.ts < g.period_to)
ORDER BY r.ts, r.tie, r.source_file, r.source_line, r.kind
