-- id: revoked-session-reuse-attempt
-- title: Attempt to reuse a revoked session
-- severity: low
-- escalates-to: medium
-- status: stable
-- summary: A session was presented again (outcome denied) more than the clock skew after it was revoked or logged out. The control worked, but someone holds the old session ID; medium when an attempt came from an IP address or user agent never seen on the session before it ended.
-- control: asvs5 7.4.1
-- control: asvs5 16.3.3
-- control: nist80053 SC-23
-- control: nist80053 SC-23(1)
-- control: iso27001 A.8.16
-- control: soc2 CC7.2
-- control: pci 10.2.1.4
-- control: hipaa 164.312(b)
-- reference: https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html#detecting-session-id-anomalies
-- false-positive: A browser tab or mobile app retrying with its stale cookie after logout from the same device.
WITH attempts AS (
  SELECT st.subject_id, st.session_id, st.ended_deliberately_at AS ended_at,
         CASE WHEN st.ended_deliberately_at = st.revoked_at THEN 'revoked' ELSE 'logged out' END AS how,
         CASE WHEN st.ended_deliberately_at = st.revoked_at THEN ra_evidence('revocations', st.revocation_event_id, st.revocation_file, st.revocation_line)
              ELSE ra_evidence('session_ends', st.logout_event_id, st.logout_file, st.logout_line) END AS end_evidence,
         a.ts, a.event_id, a.source_file, a.source_line, a.ip, a.user_agent
  FROM session_times st
  JOIN access_events a ON a.session_id = st.session_id AND a.outcome = 'denied'
  CROSS JOIN global_policy g
  WHERE a.ts > st.ended_deliberately_at + ra_seconds(g.skew_seconds)
), seen AS (
  -- What was seen on the session at or before D: its creation record and every access.
  SELECT st.session_id, st.ip, st.user_agent FROM session_times st
  WHERE st.session_id IN (SELECT session_id FROM attempts)
  UNION ALL
  SELECT a.session_id, a.ip, a.user_agent
  FROM access_events a JOIN session_times st ON st.session_id = a.session_id
  WHERE a.ts <= st.ended_deliberately_at AND a.session_id IN (SELECT session_id FROM attempts)
), seen_sets AS (
  SELECT session_id, list_distinct(list(ip)) AS ips, list_distinct(list(user_agent)) AS user_agents
  FROM seen GROUP BY ALL
), judged AS (
  SELECT a.*,
         a.ip IS NOT NULL AND NOT list_contains(coalesce(s.ips, []), a.ip) AS new_ip,
         a.user_agent IS NOT NULL AND NOT list_contains(coalesce(s.user_agents, []), a.user_agent) AS new_user_agent
  FROM attempts a LEFT JOIN seen_sets s USING (session_id)
)
SELECT subject_id, session_id, NULL AS lifecycle_event_id, min(ts) AS observed_at,
       format('session {} of {} was presented {} time(s) after it was {} at {}{}',
              session_id, subject_id, count(*), any_value(how), ra_iso(any_value(ended_at)),
              CASE WHEN bool_or(new_ip OR new_user_agent) THEN ', from a new IP address or user agent' ELSE '' END) AS message,
       bool_or(new_ip OR new_user_agent) AS escalated,
       [any_value(end_evidence)] || list(ra_evidence('access_events', event_id, source_file, source_line) ORDER BY ts, event_id)[1:5] AS evidence,
       {'ended_at': ra_iso(any_value(ended_at)), 'ended_by': any_value(how), 'count': count(*),
        'first': ra_iso(min(ts)), 'last': ra_iso(max(ts)),
        'ips': list_sort(list_distinct(list(ip))), 'user_agents': list_sort(list_distinct(list(user_agent))),
        'new_ips': list_sort(list_distinct(list(ip) FILTER (WHERE new_ip))),
        'new_user_agents': list_sort(list_distinct(list(user_agent) FILTER (WHERE new_user_agent)))} AS details
FROM judged
GROUP BY subject_id, session_id
