-- Sessions created after the subject was offboarded, deactivated, suspended or deleted,
-- with no reactivation in between.
SELECT s.subject_id, s.session_id, NULL AS lifecycle_event_id, 0 AS escalated
FROM sess s
WHERE EXISTS (
  SELECT 1 FROM events e
  WHERE e.subject_id = s.subject_id
    AND e.type IN ('subject.offboarded', 'subject.deactivated', 'subject.suspended', 'subject.deleted')
    AND e.ts < s.created_at
    AND NOT EXISTS (
      SELECT 1 FROM events r
      WHERE r.subject_id = s.subject_id AND r.type = 'subject.reactivated' AND r.ts >= e.ts AND r.ts <= s.created_at))
