-- --session: the session, with every subject that any of its rows names (none when the id
-- is unknown). Reads the source database, writes the workspace.
INSERT INTO revaudit_slice.seeds
SELECT $value, subject_id FROM (
  SELECT subject_id FROM sessions WHERE session_id = $value
  UNION SELECT subject_id FROM access_events WHERE session_id = $value
  UNION SELECT subject_id FROM session_ends WHERE session_id = $value
  UNION SELECT subject_id FROM revocations WHERE session_id = $value
)
