-- One summary per session in view: who held it, how it began and ended (as the model's
-- session times have it), and its accesses counted over all its rows (not only the period).
WITH ids AS (SELECT DISTINCT session_id FROM focus_sessions),
counts AS (
  SELECT session_id, count(*) AS accesses,
         count(*) FILTER (WHERE phase = 'after_end') AS accesses_after_end,
         count(*) FILTER (WHERE phase = 'after_end' AND outcome = 'allowed') AS allowed_after_end,
         count(*) FILTER (WHERE phase = 'after_end' AND outcome = 'denied') AS denied_after_end,
         list_sort(list_distinct(list(ip) FILTER (WHERE phase = 'after_end' AND NOT ip_seen_before_end))) AS new_ips_after_end,
         list_sort(list_distinct(list(user_agent) FILTER (WHERE phase = 'after_end' AND NOT user_agent_seen_before_end)))
           AS new_user_agents_after_end,
         min(subject_id) AS any_subject
  FROM focus_access GROUP BY ALL
),
revoker AS (
  SELECT st.session_id, r.actor_id
  FROM focus_times st JOIN revocations r
    ON r.event_id = st.revocation_event_id AND r.source_file = st.revocation_file AND r.source_line = st.revocation_line
)
SELECT i.session_id, coalesce(st.subject_id, c.any_subject) AS subject_id, st.subject_type, st.owner_id,
       st.session_id IS NOT NULL AS created, ra_iso(st.created_at) AS created_at,
       st.ip, st.user_agent, st.device_id, st.auth_method, ra_iso(st.expires_at) AS expires_at,
       ra_iso(st.revoked_at) AS revoked_at, rv.actor_id AS revoked_by, ra_iso(st.logout_at) AS logout_at,
       ra_iso(st.expiry_at) AS expiry_at,
       ra_iso(CASE WHEN st.ended_deliberately_at IS NOT NULL THEN st.ended_deliberately_at
                   WHEN st.expiry_at <= ie.ts THEN st.expiry_at END) AS ended_at,
       CASE WHEN st.ended_deliberately_at IS NULL THEN (CASE WHEN st.expiry_at <= ie.ts THEN 'expired' END)
            WHEN st.ended_deliberately_at = st.revoked_at THEN 'revoked' ELSE 'logout' END AS end_reason,
       coalesce(c.accesses, 0)::INTEGER AS accesses,
       coalesce(c.accesses_after_end, 0)::INTEGER AS accesses_after_end,
       coalesce(c.allowed_after_end, 0)::INTEGER AS allowed_after_end,
       coalesce(c.denied_after_end, 0)::INTEGER AS denied_after_end,
       coalesce(c.new_ips_after_end, []) AS new_ips_after_end,
       coalesce(c.new_user_agents_after_end, []) AS new_user_agents_after_end,
       st.event_id, st.source_file, st.source_line::INTEGER AS source_line
FROM ids i
LEFT JOIN focus_times st USING (session_id)
LEFT JOIN counts c USING (session_id)
LEFT JOIN revoker rv USING (session_id)
CROSS JOIN inputs_end ie
ORDER BY st.created_at NULLS LAST, i.session_id
