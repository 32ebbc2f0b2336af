-- id: revoked-session-accepted
-- title: Revoked session accepted
-- severity: critical
-- status: stable
-- summary: A session was used successfully (outcome allowed) more than the clock skew after it was revoked or logged out: the revocation did not take effect.
-- control: asvs5 7.4.1
-- control: asvs4 3.3.1
-- control: nist80053 SC-23(1)
-- control: nist80053 AC-12
-- control: iso27001 A.8.5
-- control: soc2 CC6.1
-- control: pci 8.2.5
-- control: hipaa 164.312(d)
-- reference: https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html#session-expiration
-- false-positive: The access was served from a cache or replayed by a log pipeline with the original outcome.
WITH uses AS (
  SELECT st.subject_id, st.session_id, st.ended_deliberately_at AS ended_at,
         CASE WHEN st.ended_deliberately_at = st.revoked_at THEN 'revoked' ELSE 'logged out' END AS how,
         CASE WHEN st.ended_deliberately_at = st.revoked_at THEN ra_evidence('revocations', st.revocation_event_id, st.revocation_file, st.revocation_line)
              ELSE ra_evidence('session_ends', st.logout_event_id, st.logout_file, st.logout_line) END AS end_evidence,
         a.ts, a.event_id, a.source_file, a.source_line, a.ip, a.user_agent
  FROM session_times st
  JOIN access_events a ON a.session_id = st.session_id AND a.outcome = 'allowed'
  CROSS JOIN global_policy g
  WHERE a.ts > st.ended_deliberately_at + ra_seconds(g.skew_seconds)
)
SELECT subject_id, session_id, NULL AS lifecycle_event_id, min(ts) AS observed_at,
       format('session {} of {} was accepted {} time(s) after it was {} at {}',
              session_id, subject_id, count(*), any_value(how), ra_iso(any_value(ended_at))) AS message,
       false AS escalated,
       [any_value(end_evidence)] || list(ra_evidence('access_events', event_id, source_file, source_line) ORDER BY ts, event_id)[1:5] AS evidence,
       {'ended_at': ra_iso(any_value(ended_at)), 'ended_by': any_value(how), 'count': count(*),
        'first': ra_iso(min(ts)), 'last': ra_iso(max(ts)),
        'ips': list_sort(list_distinct(list(ip))), 'user_agents': list_sort(list_distinct(list(user_agent)))} AS details
FROM uses
GROUP BY subject_id, session_id
