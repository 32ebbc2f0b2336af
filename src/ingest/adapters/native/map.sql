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
  -- Parse once into a struct of the known fields (JSON values; a JSON null is NULL); the
  -- key count tells whether the record has fields beyond them.
  SELECT file_id, source_line, rec, jt,
         CASE WHEN jt = 'OBJECT' THEN json_transform(rec, '{"action":"JSON","actor_id":"JSON","auth_method":"JSON","device_id":"JSON","event_id":"JSON","expires_at":"JSON","initiating_session_id":"JSON","ip":"JSON","outcome":"JSON","owner_id":"JSON","reason":"JSON","session_id":"JSON","subject_id":"JSON","subject_type":"JSON","trigger_event_id":"JSON","ts":"JSON","type":"JSON","user_agent":"JSON"}') END AS s,
         CASE WHEN jt = 'OBJECT' THEN len(json_keys(rec)) END AS n_keys
  FROM parsed
), named AS (
  SELECT file_id, source_line, rec, jt, s,
         -- Every key is a known one with a value: the canonical JSON (sorted keys) is the known
         -- fields in their sorted order; else it is built from the whole record (ra_content_id).
         n_keys = ((s.action IS NOT NULL)::INTEGER + (s.actor_id IS NOT NULL)::INTEGER + (s.auth_method IS NOT NULL)::INTEGER + (s.device_id IS NOT NULL)::INTEGER + (s.event_id IS NOT NULL)::INTEGER + (s.expires_at IS NOT NULL)::INTEGER + (s.initiating_session_id IS NOT NULL)::INTEGER + (s.ip IS NOT NULL)::INTEGER + (s.outcome IS NOT NULL)::INTEGER + (s.owner_id IS NOT NULL)::INTEGER + (s.reason IS NOT NULL)::INTEGER + (s.session_id IS NOT NULL)::INTEGER + (s.subject_id IS NOT NULL)::INTEGER + (s.subject_type IS NOT NULL)::INTEGER + (s.trigger_event_id IS NOT NULL)::INTEGER + (s.ts IS NOT NULL)::INTEGER + (s.type IS NOT NULL)::INTEGER + (s.user_agent IS NOT NULL)::INTEGER) AS only_known,
         ra_jstr(s.type) AS type, ra_jstr(s.ts) AS ts_raw, ra_jstr(s.event_id) AS event_id,
         ra_jstr(s.session_id) AS session_id, ra_jstr(s.subject_id) AS subject_id,
         ra_jstr(s.subject_type) AS subject_type_raw, ra_jstr(s.owner_id) AS owner_id,
         ra_jstr(s.expires_at) AS expires_raw, ra_jstr(s.ip) AS ip, ra_jstr(s.user_agent) AS user_agent,
         ra_jstr(s.device_id) AS device_id, ra_jstr(s.auth_method) AS auth_method,
         ra_jstr(s.action) AS action, ra_jstr(s.outcome) AS outcome_raw, ra_jstr(s.reason) AS reason,
         ra_jstr(s.actor_id) AS actor_id, ra_jstr(s.initiating_session_id) AS initiating_session_id,
         ra_jstr(s.trigger_event_id) AS trigger_event_id
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
       CASE WHEN problem IS NULL THEN coalesce(event_id, CASE
         WHEN only_known THEN sha256('{' || concat_ws(',',
           '"action":' || s.action::VARCHAR,
           '"actor_id":' || s.actor_id::VARCHAR,
           '"auth_method":' || s.auth_method::VARCHAR,
           '"device_id":' || s.device_id::VARCHAR,
           '"event_id":' || s.event_id::VARCHAR,
           '"expires_at":' || s.expires_at::VARCHAR,
           '"initiating_session_id":' || s.initiating_session_id::VARCHAR,
           '"ip":' || s.ip::VARCHAR,
           '"outcome":' || s.outcome::VARCHAR,
           '"owner_id":' || s.owner_id::VARCHAR,
           '"reason":' || s.reason::VARCHAR,
           '"session_id":' || s.session_id::VARCHAR,
           '"subject_id":' || s.subject_id::VARCHAR,
           '"subject_type":' || s.subject_type::VARCHAR,
           '"trigger_event_id":' || s.trigger_event_id::VARCHAR,
           '"ts":' || s.ts::VARCHAR,
           '"type":' || s.type::VARCHAR,
           '"user_agent":' || s.user_agent::VARCHAR) || '}')
         ELSE ra_content_id(json_transform(rec, '"MAP(VARCHAR, JSON)"'))
       END) END AS event_id,
       ts, session_id, subject_id, subject_type, owner_id, expires_at, ip, user_agent, device_id,
       auth_method, action, outcome,
       CASE WHEN problem IS NULL THEN reason ELSE problem END AS reason,
       CASE WHEN table_name = 'lifecycle_events' THEN substr(type, 9) END AS kind,
       actor_id, initiating_session_id, trigger_event_id,
       CASE WHEN problem IS NULL AND NOT only_known THEN ra_attributes(json_transform(rec, '"MAP(VARCHAR, JSON)"'), [
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
