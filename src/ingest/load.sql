-- Loads the mapped rows of one ingest run into the canonical tables.
-- Nothing is lost: every raw record ends as loaded (perhaps a duplicate), skipped or
-- quarantined, and the manifest counts reconcile (records = loaded + skipped + quarantined).

-- A record the adapter's SQL made no row of is quarantined rather than lost.
INSERT INTO staged (file_id, source_line, target, reason, detail, raw)
SELECT r.file_id, r.source_line, 'quarantine', 'not mapped',
       'the adapter produced no row for this record', left(r.rec, 4096)
FROM raw_records r ANTI JOIN staged s USING (file_id, source_line);

-- A record with any quarantine row is quarantined as a whole.
CREATE OR REPLACE TEMP TABLE record_state AS
SELECT file_id, source_line,
       bool_or(target = 'quarantine') AS quarantined,
       bool_and(target = 'skipped') AS skipped
FROM staged GROUP BY ALL;

-- Duplicates: equal (source, event_id) in the same table, within this run (first in file
-- order wins) or already in the database (an earlier run, or an overlapping export).
CREATE OR REPLACE TEMP TABLE keyed AS
WITH rows_to_load AS (
  SELECT s.*, f.adapter AS source, f.path AS source_file
  FROM staged s
  JOIN ingest_files f USING (file_id)
  JOIN record_state rs USING (file_id, source_line)
  WHERE NOT rs.quarantined AND s.target NOT IN ('quarantine', 'skipped')
), existing AS (
  SELECT 'sessions' AS target, source, event_id FROM sessions
  UNION ALL SELECT 'access_events', source, event_id FROM access_events
  UNION ALL SELECT 'session_ends', source, event_id FROM session_ends
  UNION ALL SELECT 'lifecycle_events', source, event_id FROM lifecycle_events
  UNION ALL SELECT 'revocations', source, event_id FROM revocations
)
SELECT r.*,
       row_number() OVER (PARTITION BY r.target, r.source, r.event_id ORDER BY r.file_id, r.source_line) > 1
         OR r.event_id IN (SELECT e.event_id FROM existing e WHERE e.target = r.target AND e.source = r.source)
         AS dup
FROM rows_to_load r;

INSERT INTO sessions BY NAME
SELECT event_id, source, source_file, source_line, session_id, subject_id,
       coalesce(subject_type, 'user') AS subject_type, owner_id, ts AS created_at, expires_at,
       ip, user_agent, device_id, auth_method, attributes
FROM keyed WHERE target = 'sessions' AND NOT dup ORDER BY file_id, source_line;

INSERT INTO access_events BY NAME
SELECT event_id, source, source_file, source_line, ts, session_id, subject_id, ip, user_agent,
       action, coalesce(outcome, 'allowed') AS outcome, reason, attributes
FROM keyed WHERE target = 'access_events' AND NOT dup ORDER BY file_id, source_line;

INSERT INTO session_ends BY NAME
SELECT event_id, source, source_file, source_line, ts, session_id, subject_id, reason, attributes
FROM keyed WHERE target = 'session_ends' AND NOT dup ORDER BY file_id, source_line;

INSERT INTO lifecycle_events BY NAME
SELECT event_id, source, source_file, source_line, ts, subject_id, kind, actor_id,
       initiating_session_id, device_id, reason, attributes
FROM keyed WHERE target = 'lifecycle_events' AND NOT dup ORDER BY file_id, source_line;

INSERT INTO revocations BY NAME
SELECT event_id, source, source_file, source_line, ts, session_id, subject_id, actor_id, reason,
       trigger_event_id, attributes
FROM keyed WHERE target = 'revocations' AND NOT dup ORDER BY file_id, source_line;

INSERT INTO quarantine BY NAME
SELECT f.adapter AS source, f.path AS source_file, s.source_line, s.reason, s.detail, s.raw
FROM staged s JOIN ingest_files f USING (file_id)
WHERE s.target = 'quarantine'
QUALIFY row_number() OVER (PARTITION BY s.file_id, s.source_line ORDER BY s.reason) = 1
ORDER BY s.file_id, s.source_line;

INSERT INTO skipped BY NAME
SELECT f.adapter AS source, f.path AS source_file, s.source_line, s.reason
FROM staged s JOIN ingest_files f USING (file_id)
JOIN record_state rs USING (file_id, source_line)
WHERE rs.skipped AND NOT rs.quarantined
QUALIFY row_number() OVER (PARTITION BY s.file_id, s.source_line ORDER BY s.reason) = 1
ORDER BY s.file_id, s.source_line;

INSERT INTO manifest BY NAME
WITH per_record AS (
  SELECT rs.file_id, rs.source_line, rs.quarantined, rs.skipped AND NOT rs.quarantined AS skipped,
         coalesce(k.all_dup, false) AS duplicate, k.first_ts, k.last_ts
  FROM record_state rs
  LEFT JOIN (SELECT file_id, source_line, bool_and(dup) AS all_dup, min(ts) AS first_ts, max(ts) AS last_ts
             FROM keyed GROUP BY ALL) k USING (file_id, source_line)
)
SELECT f.path, f.sha256, f.bytes, f.adapter,
       count(p.source_line) AS records,
       count(p.source_line) FILTER (WHERE NOT p.quarantined AND NOT p.skipped) AS loaded,
       count(p.source_line) FILTER (WHERE p.skipped) AS skipped,
       count(p.source_line) FILTER (WHERE p.quarantined) AS quarantined,
       count(p.source_line) FILTER (WHERE p.duplicate AND NOT p.quarantined AND NOT p.skipped) AS duplicates,
       min(p.first_ts) AS first_ts, max(p.last_ts) AS last_ts
FROM ingest_files f LEFT JOIN per_record p USING (file_id)
GROUP BY f.file_id, f.path, f.sha256, f.bytes, f.adapter
ORDER BY f.file_id;

-- A row that names only a session gets that session's subject (DESIGN.md: every canonical
-- row carries subject_id where it can be known).
UPDATE access_events SET subject_id = s.subject_id
FROM (SELECT session_id, min(subject_id) AS subject_id FROM sessions GROUP BY ALL) s
WHERE access_events.subject_id IS NULL AND access_events.session_id = s.session_id;

UPDATE revocations SET subject_id = s.subject_id
FROM (SELECT session_id, min(subject_id) AS subject_id FROM sessions GROUP BY ALL) s
WHERE revocations.subject_id IS NULL AND revocations.session_id = s.session_id;

UPDATE session_ends SET subject_id = s.subject_id
FROM (SELECT session_id, min(subject_id) AS subject_id FROM sessions GROUP BY ALL) s
WHERE session_ends.subject_id IS NULL AND session_ends.session_id = s.session_id;
