-- Agent/service sessions an owner's failed event required and that were late or uncovered.
SELECT r.subject_id, r.session_id, r.lifecycle_event_id, 0 AS escalated
FROM req_status r JOIN cov c ON c.event_id = r.lifecycle_event_id
WHERE r.via_owner = 1 AND r.status IN ('late', 'uncovered') AND c.status IN ('late', 'uncovered')
