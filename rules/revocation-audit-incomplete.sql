-- id: revocation-audit-incomplete
-- title: Revocation without an audit trail
-- severity: medium
-- status: stable
-- summary: A revocation does not record who made it (no actor_id), or, when policy require_revocation_reason is set, why. One finding per subject and session (session null for revocations of every session).
-- control: nist80053 AU-3
-- control: nist80053 AU-2
-- control: nist80053 AC-2(4)
-- control: asvs5 16.2.1
-- control: asvs5 16.3.1
-- control: iso27001 A.8.15
-- control: soc2 CC7.2
-- control: pci 10.2.2
-- control: cis 8.5
-- control: hipaa 164.312(b)
-- reference: https://cheatsheetseries.owasp.org/cheatsheets/Logging_Cheat_Sheet.html
-- false-positive: The identity provider records the actor in a field the adapter does not map.
WITH deficient AS (
  SELECT r.*, r.actor_id IS NULL AS no_actor, r.reason IS NULL AS no_reason
  FROM revocations r CROSS JOIN global_policy g
  WHERE (r.actor_id IS NULL OR (g.require_revocation_reason AND r.reason IS NULL))
    AND (r.session_id IS NULL OR r.session_id IN (SELECT session_id FROM session_base))
)
SELECT subject_id, session_id, NULL AS lifecycle_event_id, min(ts) AS observed_at,
       format('{} revocation(s) of {} {} lack {}', count(*),
              CASE WHEN session_id IS NULL THEN 'every session of' ELSE 'session ' || session_id || ' of' END,
              subject_id,
              CASE WHEN bool_or(no_actor) AND bool_or(no_reason AND NOT no_actor) THEN 'an actor or a reason'
                   WHEN bool_or(no_actor) THEN 'an actor' ELSE 'a reason' END) AS message,
       false AS escalated,
       list(ra_evidence('revocations', event_id, source_file, source_line) ORDER BY ts, event_id)[1:10] AS evidence,
       {'count': count(*), 'missing_actor': count(*) FILTER (WHERE no_actor),
        'missing_reason': count(*) FILTER (WHERE no_reason)} AS details
FROM deficient
GROUP BY subject_id, session_id
