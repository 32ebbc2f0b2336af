-- Indexes the rule queries need: by session, by subject, by type.
CREATE INDEX events_session ON events (session_id, type, ts);
CREATE INDEX events_subject ON events (subject_id, type, ts);
CREATE INDEX events_type ON events (type);
