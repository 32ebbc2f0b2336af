-- --subject: every session of the subject and of the agents and services it owns (direct
-- ownership, as DESIGN.md's required set has it), and the subject itself.
INSERT INTO revaudit_slice.seeds
SELECT session_id, $value FROM sessions
WHERE subject_id = $value OR (owner_id = $value AND subject_type IN ('agent', 'service'))
UNION SELECT session_id, $value FROM access_events WHERE subject_id = $value
UNION SELECT session_id, $value FROM session_ends WHERE subject_id = $value
UNION SELECT session_id, $value FROM revocations WHERE subject_id = $value
UNION SELECT NULL, $value FROM lifecycle_events WHERE subject_id = $value
