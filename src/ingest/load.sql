-- Loads the mapped rows of one ingest run into the canonical tables.
-- Nothing is lost: every raw record ends as loaded (perhaps a duplicate), skipped or
-- quarantined, and the manifest counts reconcile (records = loaded + skipped + quarantined).
-- Written so the common case (no duplicates, one row per record) reads the wide rows once.
-- Rows are not sorted on the way in (a 10 M-row sort spills): nothing reads row order;
-- reports order by time and id.

-- A record the adapter's SQL made no row of is quarantined rather than lost. The native
-- mapping gives every record exactly one row by construction, so only the providers'
-- records are checked (a 10 M-record anti-join otherwise).
INSERT INTO staged (file_id, source_line, target, reason, detail, raw)
WITH provider_files AS (SELECT file_id FROM ingest_files WHERE adapter <> 'native')
SELECT r.file_id, r.source_line, 'quarantine', 'not mapped',
       'the adapter produced no row for this record', left(r.rec, 4096)
FROM (SELECT * FROM raw_records WHERE file_id IN (SELECT file_id FROM provider_files)) r
ANTI JOIN (SELECT file_id, source_line FROM staged WHERE file_id IN (SELECT file_id FROM provider_files)) s
  USING (file_id, source_line);

-- One row per record: quarantined when any of its rows is, skipped when all of them are.
CREATE OR REPLACE TEMP TABLE record_state AS
SELECT file_id, source_line,
       bool_or(target = 'quarantine') AS quarantined,
       bool_and(target = 'skipped') AS skipped,
       count(*) AS n_rows
FROM staged GROUP BY ALL;

-- Records whose rows are partly quarantined: none of their rows load.
CREATE OR REPLACE TEMP TABLE blocked_records AS
SELECT file_id, source_line FROM record_state WHERE quarantined AND n_rows > 1;

-- Duplicates: equal (source, event_id) in the same table, within this run (first in file
-- order wins) or already in the database (an earlier run, or an overlapping export).
CREATE OR REPLACE TEMP TABLE duplicate_rows AS
WITH loadable AS (
  SELECT s.row_id, s.file_id, s.source_line, s.target, f.adapter AS source, s.event_id
  FROM staged s JOIN ingest_files f USING (file_id)
  ANTI JOIN blocked_records b USING (file_id, source_line)
  WHERE s.target NOT IN ('quarantine', 'skipped')
)
SELECT row_id, file_id, source_line FROM (
  SELECT *, row_number() OVER (PARTITION BY target, source, event_id ORDER BY file_id, source_line, row_id) AS k
  FROM loadable
  -- Candidates first, grouped on an 8-byte hash rather than the 64-character ids (10 M
  -- distinct ids would otherwise make a table of their own); the window then decides exactly.
  WHERE hash(target, source, event_id) IN (
    SELECT hash(target, source, event_id) AS h FROM loadable GROUP BY h HAVING count(*) > 1)
) WHERE k > 1
UNION
SELECT l.row_id, l.file_id, l.source_line
FROM loadable l
SEMI JOIN (
  SELECT 'sessions' AS target, source, event_id FROM sessions
  UNION ALL SELECT 'access_events', source, event_id FROM access_events
  UNION ALL SELECT 'session_ends', source, event_id FROM session_ends
  UNION ALL SELECT 'lifecycle_events', source, event_id FROM lifecycle_events
  UNION ALL SELECT 'revocations', source, event_id FROM revocations
) e ON e.target = l.target AND e.source = l.source AND e.event_id = l.event_id;

-- The rows to insert, with their provenance.
CREATE OR REPLACE TEMP VIEW keyed AS
SELECT s.*, f.adapter AS source, f.path AS source_file
FROM staged s
JOIN ingest_files f USING (file_id)
ANTI JOIN blocked_records b USING (file_id, source_line)
ANTI JOIN duplicate_rows d USING (row_id);

INSERT INTO sessions BY NAME
SELECT event_id, source, source_file, source_line, session_id, subject_id,
       coalesce(subject_type, 'user') AS subject_type, owner_id, ts AS created_at, expires_at,
       ip, user_agent, device_id, auth_method, attributes
FROM keyed WHERE target = 'sessions';

INSERT INTO access_events BY NAME
SELECT event_id, source, source_file, source_line, ts, session_id, subject_id, ip, user_agent,
       action, coalesce(outcome, 'allowed') AS outcome, reason, attributes
FROM keyed WHERE target = 'access_events';

INSERT INTO session_ends BY NAME
SELECT event_id, source, source_file, source_line, ts, session_id, subject_id, reason, attributes
FROM keyed WHERE target = 'session_ends';

INSERT INTO lifecycle_events BY NAME
SELECT event_id, source, source_file, source_line, ts, subject_id, kind, actor_id,
       initiating_session_id, device_id, reason, attributes
FROM keyed WHERE target = 'lifecycle_events';

INSERT INTO revocations BY NAME
SELECT event_id, source, source_file, source_line, ts, session_id, subject_id, actor_id, reason,
       trigger_event_id, attributes
FROM keyed WHERE target = 'revocations';

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
WHERE rs.skipped
QUALIFY row_number() OVER (PARTITION BY s.file_id, s.source_line ORDER BY s.reason) = 1
ORDER BY s.file_id, s.source_line;

-- Per file: records and their fate; a record is a duplicate when every row it would
-- load is one; first and last event time over the rows the file holds.
INSERT INTO manifest BY NAME
WITH fates AS (
  SELECT file_id,
         count(*) AS records,
         count(*) FILTER (WHERE quarantined) AS quarantined,
         count(*) FILTER (WHERE skipped AND NOT quarantined) AS skipped
  FROM record_state GROUP BY ALL
), dup_records AS (
  SELECT d.file_id, count(*) AS duplicates
  FROM (SELECT file_id, source_line, count(*) AS n FROM duplicate_rows GROUP BY ALL) d
  JOIN (SELECT file_id, source_line, count(*) FILTER (WHERE target NOT IN ('quarantine', 'skipped')) AS n
        FROM staged SEMI JOIN duplicate_rows USING (file_id, source_line)
        GROUP BY ALL) s USING (file_id, source_line)
  WHERE d.n = s.n
  GROUP BY ALL
), times AS (
  SELECT file_id, min(ts) AS first_ts, max(ts) AS last_ts
  FROM staged ANTI JOIN blocked_records USING (file_id, source_line)
  WHERE target NOT IN ('quarantine', 'skipped')
  GROUP BY ALL
)
SELECT f.path, f.sha256, f.bytes, f.adapter,
       coalesce(x.records, 0) AS records,
       coalesce(x.records - x.quarantined - x.skipped, 0) AS loaded,
       coalesce(x.skipped, 0) AS skipped,
       coalesce(x.quarantined, 0) AS quarantined,
       coalesce(d.duplicates, 0) AS duplicates,
       t.first_ts, t.last_ts
FROM ingest_files f
LEFT JOIN fates x USING (file_id)
LEFT JOIN dup_records d USING (file_id)
LEFT JOIN times t USING (file_id)
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
