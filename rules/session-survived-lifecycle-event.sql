-- id: session-survived-lifecycle-event
-- title: Session survived a lifecycle event
-- severity: high
-- escalates-to: critical
-- status: stable
-- summary: A session that a password reset, offboarding, suspension, lost device or other lifecycle event required to end was revoked late or never (ended only by logout or expiry, or still live). Critical when the session was used (allowed) after T + sla and before it ended.
-- control: asvs5 7.4.2
-- control: asvs5 7.4.3
-- control: asvs4 3.3.3
-- control: nist80053 AC-2
-- control: nist80053 AC-12
-- control: nist80053 PS-4
-- control: nist80053 IA-11
-- control: iso27001 A.5.18
-- control: soc2 CC6.2
-- control: soc2 CC6.3
-- control: pci 8.2.5
-- control: cis 6.2
-- control: hipaa 164.308(a)(3)(ii)(C)
-- reference: https://github.com/OWASP/ASVS/blob/master/5.0/en/0x16-V7-Session-Management.md
-- reference: https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html
-- false-positive: The identity provider revoked the session but the revocation was not exported; add the revocation audit trail to the inputs.
-- false-positive: The session ended through a mechanism the inputs do not record (for example a token lifetime the source does not report); set session_lifetime for that source.
WITH used_after AS (
  -- Allowed uses with T + sla < ts <= min(R, L, E), which escalate the finding.
  SELECT s.lifecycle_event_id, s.session_id, a.ts, a.event_id, a.source_file, a.source_line
  FROM surviving_sessions s
  JOIN access_events a ON a.session_id = s.session_id AND a.outcome = 'allowed'
  WHERE a.ts > s.deadline AND (s.ended_at_any IS NULL OR a.ts <= s.ended_at_any)
  QUALIFY row_number() OVER (PARTITION BY s.lifecycle_event_id, s.session_id ORDER BY a.ts, a.event_id) = 1
), used_count AS (
  SELECT s.lifecycle_event_id, s.session_id, count(*) AS uses
  FROM surviving_sessions s
  JOIN access_events a ON a.session_id = s.session_id AND a.outcome = 'allowed'
  WHERE a.ts > s.deadline AND (s.ended_at_any IS NULL OR a.ts <= s.ended_at_any)
  GROUP BY ALL
)
SELECT s.subject_id, s.session_id, s.lifecycle_event_id, s.t AS observed_at,
       format('session {} of {} was {} after {} at {} (deadline {}){}',
              s.session_id, s.subject_id,
              CASE s.session_status WHEN 'late' THEN 'revoked ' || round(s.seconds_to_revoke / 60, 1) || ' min' ELSE 'never revoked' END,
              s.kind, ra_iso(s.t), ra_iso(s.deadline),
              CASE WHEN u.ts IS NOT NULL THEN ', and used after the deadline at ' || ra_iso(u.ts) ELSE '' END) AS message,
       u.ts IS NOT NULL AS escalated,
       list_filter([
         ra_evidence('lifecycle_events', s.lifecycle_event_id, s.event_file, s.event_line),
         ra_evidence('sessions', s.event_id, s.source_file, s.source_line),
         ra_evidence('revocations', s.revocation_event_id, s.revocation_file, s.revocation_line),
         ra_evidence('access_events', u.event_id, u.source_file, u.source_line)
       ], lambda e: e.event_id IS NOT NULL) AS evidence,
       {'kind': s.kind, 'status': s.session_status, 'deadline': ra_iso(s.deadline),
        'revoked_at': ra_iso(s.revoked_at), 'seconds_to_revoke': s.seconds_to_revoke,
        'logout_at': ra_iso(s.logout_at), 'expiry_at': ra_iso(s.expiry_at),
        'uses_after_deadline': coalesce(c.uses, 0), 'first_use_after_deadline': ra_iso(u.ts)} AS details
FROM surviving_sessions s
LEFT JOIN used_after u USING (lifecycle_event_id, session_id)
LEFT JOIN used_count c USING (lifecycle_event_id, session_id)
WHERE NOT s.via_owner
