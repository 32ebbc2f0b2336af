-- The scope that makes the rules' answers about the seeds exact, read from the source
-- database: a session's times need its revocations (by id, or of its subject with scope
-- all) and its ends; the required set of a subject's events needs its sessions and those of
-- the agents and services it owns; an agent's session needs its owner's events. So the
-- subjects are the seeds' subjects, their owners, and every agent/service those own.
INSERT INTO revaudit_slice.scope_subjects
WITH seeded AS (
  SELECT subject_id FROM revaudit_slice.seeds WHERE subject_id IS NOT NULL
  UNION SELECT s.subject_id FROM sessions s
  WHERE s.session_id IN (SELECT session_id FROM revaudit_slice.seeds) AND s.subject_id IS NOT NULL
), with_owners AS (
  SELECT subject_id FROM seeded
  UNION SELECT s.owner_id FROM sessions s
  WHERE s.subject_id IN (SELECT subject_id FROM seeded)
    AND s.subject_type IN ('agent', 'service') AND s.owner_id IS NOT NULL
)
SELECT subject_id FROM with_owners
UNION SELECT s.subject_id FROM sessions s
WHERE s.owner_id IN (SELECT subject_id FROM with_owners)
  AND s.subject_type IN ('agent', 'service') AND s.subject_id IS NOT NULL;

INSERT INTO revaudit_slice.scope_sessions
SELECT session_id FROM revaudit_slice.seeds WHERE session_id IS NOT NULL
UNION SELECT session_id FROM sessions WHERE subject_id IN (SELECT subject_id FROM revaudit_slice.scope_subjects);
