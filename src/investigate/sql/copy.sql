-- Copies the scope's rows from the source database into the workspace's canonical tables,
-- so the model views and the rules run on thousands of rows instead of millions. Every
-- predicate is on session_id or subject_id, which keeps each source scan a cheap filter.
INSERT INTO revaudit_slice.sessions BY NAME
SELECT * FROM sessions WHERE session_id IN (SELECT session_id FROM revaudit_slice.scope_sessions);

INSERT INTO revaudit_slice.access_events BY NAME
SELECT * FROM access_events WHERE session_id IN (SELECT session_id FROM revaudit_slice.scope_sessions);

INSERT INTO revaudit_slice.session_ends BY NAME
SELECT * FROM session_ends WHERE session_id IN (SELECT session_id FROM revaudit_slice.scope_sessions);

INSERT INTO revaudit_slice.lifecycle_events BY NAME
SELECT * FROM lifecycle_events WHERE subject_id IN (SELECT subject_id FROM revaudit_slice.scope_subjects);

INSERT INTO revaudit_slice.revocations BY NAME
SELECT * FROM revocations
WHERE session_id IN (SELECT session_id FROM revaudit_slice.scope_sessions)
   OR subject_id IN (SELECT subject_id FROM revaudit_slice.scope_subjects);

-- The latest event time of the whole database (DESIGN.md "the inputs end"): a slice's own
-- latest time would turn pending events into late or uncovered ones.
INSERT INTO revaudit_slice.source_end
SELECT max(ts) FROM (
  SELECT max(created_at) AS ts FROM sessions
  UNION ALL SELECT max(ts) FROM access_events
  UNION ALL SELECT max(ts) FROM session_ends
  UNION ALL SELECT max(ts) FROM lifecycle_events
  UNION ALL SELECT max(ts) FROM revocations);
