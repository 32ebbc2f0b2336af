-- --ip: every session created from or used from the address, with its subject. The match is
-- on the text as logged (no CIDR, no IPv6 normalisation).
INSERT INTO revaudit_slice.seeds
SELECT session_id, subject_id FROM sessions WHERE ip = $value
UNION SELECT session_id, subject_id FROM access_events WHERE ip = $value
