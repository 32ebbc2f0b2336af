-- Own sessions a failed (late or uncovered) event required and that were late or uncovered;
-- escalated when used (allowed) after the deadline and before the session ended.
SELECT r.subject_id, r.session_id, r.lifecycle_event_id,
  EXISTS (
    SELECT 1 FROM events a
    WHERE a.session_id = r.session_id AND a.type = 'session.activity' AND coalesce(a.outcome, 'allowed') = 'allowed'
      AND a.ts > r.t + 900000
      AND a.ts <= min(coalesce(r.revoked_at, 9e18), coalesce(r.logout_at, 9e18), coalesce(r.expiry_at, 9e18))
  ) AS escalated
FROM req_status r JOIN cov c ON c.event_id = r.lifecycle_event_id
WHERE r.via_owner = 0 AND r.status IN ('late', 'uncovered') AND c.status IN ('late', 'uncovered')
