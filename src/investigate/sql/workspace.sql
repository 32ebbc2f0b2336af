-- The investigation's workspace (an in-memory database attached as `revaudit_slice`): the
-- seeds a target names and the scope they close over. Run with `revaudit_slice` as the
-- default database, after the canonical schema was created there.
-- What was asked: by (session | subject | ip) and the value given.
CREATE OR REPLACE TABLE target ("by" VARCHAR NOT NULL, value VARCHAR NOT NULL);
CREATE OR REPLACE TABLE seeds (session_id VARCHAR, subject_id VARCHAR);
CREATE OR REPLACE TABLE scope_subjects (subject_id VARCHAR NOT NULL);
CREATE OR REPLACE TABLE scope_sessions (session_id VARCHAR NOT NULL);
-- "The inputs end" of the whole database, not of the slice (see inputs-end.sql).
CREATE OR REPLACE TABLE source_end (ts TIMESTAMPTZ);
