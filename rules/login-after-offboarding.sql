-- id: login-after-offboarding
-- title: Session created after offboarding
-- severity: critical
-- status: stable
-- summary: A new session was created for a subject after it was offboarded, deactivated, suspended or deleted, with no reactivation in between.
-- control: asvs5 7.4.2
-- control: nist80053 PS-4
-- control: nist80053 AC-2
-- control: nist80053 SI-4
-- control: iso27001 A.5.18
-- control: soc2 CC6.2
-- control: pci 8.2.5
-- control: cis 6.2
-- control: hipaa 164.308(a)(3)(ii)(C)
-- control: owasp-nhi NHI1
-- reference: https://csrc.nist.gov/pubs/sp/800/53/r5/upd1/final
-- false-positive: The subject was rehired or reactivated in a system whose events are not among the inputs.
SELECT s.subject_id, s.session_id, e.event_id AS lifecycle_event_id, s.created_at AS observed_at,
       format('session {} was created for {} at {}, after {} at {} with no reactivation',
              s.session_id, s.subject_id, ra_iso(s.created_at), e.kind, ra_iso(e.ts)) AS message,
       false AS escalated,
       [ra_evidence('lifecycle_events', e.event_id, e.source_file, e.source_line),
        ra_evidence('sessions', s.event_id, s.source_file, s.source_line)] AS evidence,
       {'kind': e.kind, 'event_ts': ra_iso(e.ts), 'ip': s.ip, 'user_agent': s.user_agent,
        'auth_method': s.auth_method} AS details
FROM session_base s
JOIN lifecycle_events e
  ON e.subject_id = s.subject_id AND e.kind IN ('offboarded', 'deactivated', 'suspended', 'deleted')
 AND e.ts < s.created_at
WHERE NOT EXISTS (
  SELECT 1 FROM lifecycle_events r
  WHERE r.subject_id = s.subject_id AND r.kind = 'reactivated' AND r.ts >= e.ts AND r.ts <= s.created_at
)
QUALIFY row_number() OVER (PARTITION BY s.session_id ORDER BY e.ts DESC, e.event_id DESC) = 1
