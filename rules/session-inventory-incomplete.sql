-- id: session-inventory-incomplete
-- title: Session inventory incomplete
-- severity: low
-- status: stable
-- summary: A session's creation record lacks the IP address or the user agent, so the session cannot be listed for its owner or matched when its ID is presented again.
-- control: asvs5 7.5.2
-- control: asvs5 16.2.1
-- control: nist80053 AU-3
-- control: iso27001 A.8.15
-- control: pci 10.2.2
-- control: cis 8.5
-- control: hipaa 164.312(b)
-- reference: https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html#simultaneous-session-logons
-- false-positive: Sessions created by a back-end job, where no client IP address or user agent exists.
SELECT subject_id, session_id, NULL AS lifecycle_event_id, created_at AS observed_at,
       format('session {} of {} was created without {}', session_id, subject_id,
              CASE WHEN ip IS NULL AND user_agent IS NULL THEN 'an IP address or a user agent'
                   WHEN ip IS NULL THEN 'an IP address' ELSE 'a user agent' END) AS message,
       false AS escalated,
       [ra_evidence('sessions', event_id, source_file, source_line)] AS evidence,
       {'missing': list_filter(['ip', 'user_agent'], lambda f: (f = 'ip' AND ip IS NULL) OR (f = 'user_agent' AND user_agent IS NULL))} AS details
FROM session_base
WHERE ip IS NULL OR user_agent IS NULL
