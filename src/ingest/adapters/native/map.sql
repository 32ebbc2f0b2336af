-- The native record format (DESIGN.md "Native record format") onto the canonical tables.
-- Input: raw_records of the files this adapter reads. Output: rows of `staged`, by name.
-- Every record gives exactly one row: its canonical row, or a quarantine row whose reason
-- names what is wrong (checked in the order below, the first failure wins).
WITH parsed AS (
  SELECT r.file_id, r.source_line, r.rec,
         CASE WHEN json_valid(r.rec) THEN json_type(r.rec) END AS jt
  FROM raw_records r JOIN ingest_files f USING (file_id)
  WHERE f.adapter = 'native'
), fields AS (
  -- The map (key -> JSON value) is read only for the content hash and the attributes;
  -- the fields come from one multi-path extraction, which is faster than map lookups.
  SELECT file_id, source_line, rec, jt,
         CASE WHEN jt = 'OBJECT' THEN json_transform(rec, '"MAP(VARCHAR, JSON)"') END AS m,
         CASE WHEN jt = 'OBJECT' THEN json_extract_string(rec, [
           '$.type', '$.ts', '$.event_id', '$.session_id', '$.subject_id', '$.subject_type',
           '$.owner_id', '$.expires_at', '$.ip', '$.user_agent', '$.device_id', '$.auth_method',
           '$.action', '$.outcome', '$.reason', '$.actor_id', '$.initiating_session_id',
           '$.trigger_event_id']) END AS v
  FROM parsed
), named AS (
  SELECT file_id, source_line, rec, jt, m,
         ra_str(v[1]) AS type, ra_str(v[2]) AS ts_raw, ra_str(v[3]) AS event_id,
         ra_str(v[4]) AS session_id, ra_str(v[5]) AS subject_id, ra_str(v[6]) AS subject_type_raw,
         ra_str(v[7]) AS owner_id, ra_str(v[8]) AS expires_raw, ra_str(v[9]) AS ip,
         ra_str(v[10]) AS user_agent, ra_str(v[11]) AS device_id, ra_str(v[12]) AS auth_method,
         ra_str(v[13]) AS action, ra_str(v[14]) AS outcome_raw, ra_str(v[15]) AS reason,
         ra_str(v[16]) AS actor_id, ra_str(v[17]) AS initiating_session_id,
         ra_str(v[18]) AS trigger_event_id
  FROM fields
), typed AS (
  SELECT *,
         CASE
           WHEN type = 'session.created'  THEN 'sessions'
           WHEN type = 'session.activity' THEN 'access_events'
           WHEN type = 'session.ended'    THEN 'session_ends'
           WHEN type = 'session.revoked'  THEN 'revocations'
           WHEN type IN ('subject.password_reset', 'subject.password_changed', 'subject.offboarded',
                         'subject.deactivated', 'subject.suspended', 'subject.deleted',
                         'subject.reactivated', 'subject.sso_deactivated',
                         'subject.permissions_changed', 'subject.mfa_reset', 'subject.device_lost',
                         'subject.credential_compromised', 'subject.sign_out_everywhere')
             THEN 'lifecycle_events'
         END AS table_name,
         ra_ts(ts_raw) AS ts,
         ra_ts(expires_raw) AS expires_at,
         coalesce(subject_type_raw, 'user') AS subject_type,
         coalesce(outcome_raw, 'allowed') AS outcome
  FROM named
), checked AS (
  SELECT *,
         CASE
           WHEN jt IS NULL THEN 'invalid JSON'
           WHEN jt <> 'OBJECT' THEN 'not an object'
           WHEN type IS NULL THEN 'missing field type'
           WHEN table_name IS NULL THEN 'unknown type'
           WHEN ts_raw IS NULL THEN 'missing field ts'
           WHEN table_name IN ('sessions', 'access_events', 'session_ends') AND session_id IS NULL
             THEN 'missing field session_id'
           WHEN table_name IN ('sessions', 'lifecycle_events') AND subject_id IS NULL
             THEN 'missing field subject_id'
           WHEN table_name = 'session_ends' AND reason IS NULL THEN 'missing field reason'
           WHEN table_name = 'revocations' AND session_id IS NULL AND subject_id IS NULL
             THEN 'missing field session_id or subject_id'
           WHEN ts IS NULL THEN 'bad time in ts'
           WHEN table_name = 'sessions' AND expires_raw IS NOT NULL AND expires_at IS NULL
             THEN 'bad time in expires_at'
           WHEN table_name = 'sessions' AND subject_type NOT IN ('user', 'agent', 'service')
             THEN 'bad value in subject_type'
           WHEN table_name = 'access_events' AND outcome NOT IN ('allowed', 'denied')
             THEN 'bad value in outcome'
           WHEN table_name = 'session_ends' AND reason NOT IN ('logout', 'expired')
             THEN 'bad value in reason'
         END AS problem
  FROM typed
)
SELECT file_id, source_line,
       CASE WHEN problem IS NULL THEN table_name ELSE 'quarantine' END AS target,
       CASE WHEN problem IS NULL THEN coalesce(event_id, ra_content_id(m)) END AS event_id,
       ts, session_id, subject_id, subject_type, owner_id, expires_at, ip, user_agent, device_id,
       auth_method, action, outcome,
       CASE WHEN problem IS NULL THEN reason ELSE problem END AS reason,
       CASE WHEN table_name = 'lifecycle_events' THEN substr(type, 9) END AS kind,
       actor_id, initiating_session_id, trigger_event_id,
       CASE WHEN problem IS NULL THEN ra_attributes(m, [
         'type', 'ts', 'event_id', 'session_id', 'subject_id', 'subject_type', 'owner_id',
         'expires_at', 'ip', 'user_agent', 'device_id', 'auth_method', 'action', 'outcome',
         'reason', 'actor_id', 'initiating_session_id', 'trigger_event_id']) END AS attributes,
       CASE problem
         WHEN 'invalid JSON' THEN 'the record is not valid JSON'
         WHEN 'not an object' THEN 'a record must be a JSON object, found ' || lower(jt)
         WHEN 'unknown type' THEN 'type ''' || type || ''' is not a native record type (session.created, session.activity, session.ended, session.revoked, subject.<kind>)'
         WHEN 'bad time in ts' THEN 'ts ''' || ts_raw || ''' is neither RFC 3339 with an offset nor an epoch number'
         WHEN 'bad time in expires_at' THEN 'expires_at ''' || expires_raw || ''' is neither RFC 3339 with an offset nor an epoch number'
         WHEN 'bad value in subject_type' THEN 'subject_type ''' || subject_type || ''' is not one of user, agent, service'
         WHEN 'bad value in outcome' THEN 'outcome ''' || outcome || ''' is not one of allowed, denied'
         WHEN 'bad value in reason' THEN 'session.ended reason ''' || reason || ''' is not one of logout, expired'
         ELSE CASE WHEN problem LIKE 'missing field%' THEN coalesce(type, 'the record') || ' requires ' || substr(problem, 15) END
       END AS detail,
       CASE WHEN problem IS NOT NULL THEN left(rec, 4096) END AS raw
FROM checked
