-- id: agent-outlived-owner
-- title: Agent session outlived its owner's lifecycle event
-- severity: critical
-- status: stable
-- summary: An AI agent or service session acting for a person stayed live, or was revoked late, after that person was offboarded, suspended, reset or otherwise had to lose every session.
-- control: owasp-nhi NHI1
-- control: owasp-nhi NHI7
-- control: asvs5 10.4.9
-- control: asvs5 7.4.2
-- control: nist80053 AC-2(3)
-- control: nist80053 PS-4
-- control: iso27001 A.5.18
-- control: soc2 CC6.2
-- control: pci 8.2.7
-- control: cis 6.2
-- control: hipaa 164.308(a)(3)(ii)(C)
-- reference: https://owasp.org/www-project-non-human-identities-top-10/2025/
-- false-positive: Ownership of the agent was transferred before the event, but the inputs still name the old owner.
SELECT s.subject_id, s.session_id, s.lifecycle_event_id, s.t AS observed_at,
       format('{} session {} acting for {} was {} after {} of its owner at {}',
              s.subject_type, s.session_id, s.event_subject_id,
              CASE s.session_status WHEN 'late' THEN 'revoked ' || round(s.seconds_to_revoke / 60, 1) || ' min' ELSE 'never revoked' END,
              s.kind, ra_iso(s.t)) AS message,
       false AS escalated,
       list_filter([
         ra_evidence('lifecycle_events', s.lifecycle_event_id, s.event_file, s.event_line),
         ra_evidence('sessions', s.event_id, s.source_file, s.source_line),
         ra_evidence('revocations', s.revocation_event_id, s.revocation_file, s.revocation_line)
       ], lambda e: e.event_id IS NOT NULL) AS evidence,
       {'owner_id': s.event_subject_id, 'subject_type': s.subject_type, 'kind': s.kind,
        'status': s.session_status, 'deadline': ra_iso(s.deadline), 'revoked_at': ra_iso(s.revoked_at),
        'seconds_to_revoke': s.seconds_to_revoke} AS details
FROM surviving_sessions s
WHERE s.via_owner
