-- OpenID Shared Signals: decoded Security Event Tokens (RFC 8417 SET claims) carrying CAEP,
-- RISC, OAuth and SSF events onto the canonical tables (README.md beside this file says which
-- event becomes which row, what is skipped and why).
-- One SET holds one or more events (event-type URI -> payload): each gives one row. The
-- subject is the SET's sub_id (RFC 9493 / SSF formats, simple or complex) or, in older
-- drafts, the payload's `subject`. The event id is the sha256 of the SET's canonical JSON:
-- `jti` is unique only per transmitter (the specs' own examples reuse one), and a SET
-- delivered twice has the same claims.
WITH raw AS (
  SELECT r.file_id, r.source_line, r.rec,
         CASE WHEN json_valid(r.rec) THEN json_type(r.rec) END AS jt
  FROM raw_records r JOIN ingest_files f USING (file_id)
  WHERE f.adapter = 'ssf'
), parsed AS (
  SELECT *,
         json_transform(CASE WHEN jt = 'OBJECT' THEN rec END,
           '{"iss": "VARCHAR", "jti": "VARCHAR", "iat": "VARCHAR", "txn": "VARCHAR", "sub_id": "JSON", "events": "JSON"}') AS s,
         CASE WHEN jt = 'OBJECT' THEN ra_content_id(json_transform(rec, '"MAP(VARCHAR, JSON)"')) END AS set_id
  FROM raw
), event_lists AS (
  SELECT *,
         CASE WHEN json_type(s.events) = 'OBJECT' THEN map_entries(json_transform(s.events, '"MAP(VARCHAR, JSON)"')) END AS entries
  FROM parsed
), events AS (
  -- One row per event; a SET without an events object keeps one row to be quarantined.
  SELECT file_id, source_line, rec, jt, s, set_id, len(entries) AS n_events,
         unnest(CASE WHEN len(entries) > 0 THEN entries ELSE [{'key': NULL::VARCHAR, 'value': NULL::JSON}] END, recursive := true)
  FROM event_lists
), payloads AS (
  SELECT *,
         key AS event_uri,
         regexp_extract(key, '/secevent/([a-z]+)/event-type/\s*([A-Za-z0-9_-]+)$', ['family', 'name']) AS et,
         json_transform(value, '{
           "event_timestamp": "VARCHAR", "initiating_entity": "VARCHAR", "reason_admin": "MAP(VARCHAR, VARCHAR)",
           "reason_user": "MAP(VARCHAR, VARCHAR)", "reason": "VARCHAR", "credential_type": "VARCHAR",
           "change_type": "VARCHAR", "ext_id": "VARCHAR", "fp_ua": "VARCHAR", "acr": "VARCHAR", "amr": "VARCHAR[]",
           "subject": "JSON"}') AS p
  FROM events
), subjects AS (
  -- The subject: the SET's sub_id, else (older drafts) the payload's subject.
  SELECT *, coalesce(s.sub_id, p.subject) AS sub_json
  FROM payloads
), members AS (
  SELECT *,
         json_transform(sub_json, '{"format": "VARCHAR", "subject_type": "VARCHAR"}') AS top,
         json_transform(sub_json, '{"user": "JSON", "session": "JSON", "device": "JSON", "identifiers": "JSON[]"}') AS parts
  FROM subjects
), resolved AS (
  -- Each simple subject's identifier (RFC 9493 and SSF formats): the top-level subject, then
  -- the complex subject's user, session and device members, then an aliases subject's first.
  SELECT *,
         coalesce(top.format, replace(top.subject_type, '-', '_')) AS sub_format,
         list_transform([sub_json, parts.user, parts.session, parts.device, parts.identifiers[1]], lambda j: (
           CASE coalesce(json_extract_string(j, '$.format'), replace(json_extract_string(j, '$.subject_type'), '-', '_'))
             WHEN 'email' THEN lower(json_extract_string(j, '$.email'))
             WHEN 'iss_sub' THEN json_extract_string(j, '$.sub')
             WHEN 'opaque' THEN json_extract_string(j, '$.id')
             WHEN 'account' THEN regexp_replace(json_extract_string(j, '$.uri'), '^acct:', '')
             WHEN 'phone_number' THEN json_extract_string(j, '$.phone_number')
             WHEN 'phone' THEN json_extract_string(j, '$.phone_number')
             WHEN 'did' THEN json_extract_string(j, '$.url')
             WHEN 'uri' THEN json_extract_string(j, '$.uri')
           END)) AS ids
  FROM members
), named AS (
  SELECT *,
         et.family || '/' || et.name AS event_type,
         coalesce(ra_str(p.event_timestamp), ra_str(s.iat)) AS ts_raw,
         ra_ts(coalesce(ra_str(p.event_timestamp), ra_str(s.iat))) AS ts,
         ra_str(p.initiating_entity) AS initiating_entity,
         lower(ra_str(p.credential_type)) AS credential_type,
         lower(ra_str(p.change_type)) AS change_type,
         -- A bare opaque subject of a CAEP session event is the session itself (as in the spec's examples).
         CASE
           WHEN sub_format = 'complex' THEN ra_str(ids[3])
           WHEN sub_format = 'opaque' AND et.family = 'caep' AND et.name LIKE 'session-%' THEN ra_str(ids[1])
         END AS set_session,
         CASE
           WHEN sub_format = 'complex' THEN ra_str(ids[2])
           WHEN sub_format = 'aliases' THEN ra_str(ids[5])
           WHEN sub_format = 'opaque' AND et.family = 'caep' AND et.name LIKE 'session-%' THEN NULL
           ELSE ra_str(ids[1])
         END AS user_id,
         CASE WHEN sub_format = 'complex' THEN ra_str(ids[4]) END AS device_id,
         coalesce(ra_str(p.reason_admin['en']), ra_str(map_values(p.reason_admin)[1]),
                  ra_str(p.reason_user['en']), ra_str(map_values(p.reason_user)[1]), ra_str(p.reason)) AS reason_text
  FROM resolved
), routed AS (
  SELECT *,
         CASE
           WHEN event_type = 'risc/account-disabled' THEN 'deactivated'
           WHEN event_type = 'risc/account-purged' THEN 'deleted'
           WHEN event_type = 'risc/account-enabled' THEN 'reactivated'
           WHEN event_type = 'risc/credential-compromise' THEN 'credential_compromised'
           WHEN event_type = 'caep/token-claims-change' THEN 'permissions_changed'
           WHEN event_type = 'caep/credential-change' AND credential_type = 'password'
             THEN CASE WHEN initiating_entity = 'user' THEN 'password_changed' ELSE 'password_reset' END
           WHEN event_type = 'caep/credential-change' AND change_type IN ('revoke', 'delete') THEN 'mfa_reset'
         END AS kind,
         CASE
           WHEN event_type IN ('caep/session-revoked', 'risc/sessions-revoked', 'oauth/tokens-revoked') THEN 'revocations'
           WHEN event_type = 'caep/session-established' THEN 'sessions'
           WHEN event_type = 'caep/session-presented' THEN 'access_events'
         END AS event_table
  FROM named
), targeted AS (
  SELECT *,
         CASE
           WHEN kind IS NOT NULL AND user_id IS NOT NULL THEN 'lifecycle_events'
           WHEN event_table = 'revocations' AND set_session IS NOT NULL THEN 'revocations'
           WHEN event_table = 'revocations' AND user_id IS NOT NULL AND device_id IS NULL THEN 'revocations'
           WHEN event_table = 'sessions' AND user_id IS NOT NULL THEN 'sessions'
           WHEN event_table = 'access_events' AND coalesce(set_session, ra_str(p.ext_id)) IS NOT NULL THEN 'access_events'
         END AS table_name,
         CASE
           WHEN kind IS NOT NULL OR event_table IS NOT NULL THEN CASE
             WHEN event_table = 'revocations' AND user_id IS NOT NULL AND device_id IS NOT NULL
               THEN 'session-revoked for a user''s device (a revocation cannot be limited to one device)'
             WHEN event_table = 'access_events' THEN 'session-presented without a session identifier'
             ELSE event_type || ' names no user' || CASE WHEN event_table = 'revocations' THEN ' or session' ELSE '' END
                  || ' (subject format ' || coalesce(sub_format, 'none') || ')' END
           WHEN et.family = 'ssf' THEN 'stream management event: ' || event_type
           WHEN event_type = 'caep/credential-change' THEN 'credential-change: ' || coalesce(change_type, '?') || ' of '
                || coalesce(credential_type, '?') || ' (no revocation implied)'
           ELSE 'event type not used: ' || coalesce(event_type, event_uri)
         END AS skip_reason
  FROM routed
), checked AS (
  SELECT *,
         CASE
           WHEN jt IS NULL THEN 'invalid JSON'
           WHEN jt <> 'OBJECT' THEN 'not an object'
           WHEN coalesce(n_events, 0) = 0 THEN 'missing field events'
           WHEN table_name IS NULL THEN NULL
           WHEN ts_raw IS NULL THEN 'missing time'
           WHEN ts IS NULL THEN 'bad time'
         END AS problem
  FROM targeted
), rows AS (
  SELECT *,
         CASE WHEN problem IS NOT NULL THEN 'quarantine' WHEN table_name IS NULL THEN 'skipped' ELSE table_name END AS target,
         set_id || CASE WHEN n_events > 1 THEN '#' || coalesce(et.name, event_uri) ELSE '' END AS event_id
  FROM checked
)
SELECT file_id, source_line, target,
       CASE WHEN target NOT IN ('quarantine', 'skipped') THEN event_id END AS event_id,
       ts,
       CASE
         WHEN target = 'sessions' THEN coalesce(set_session, ra_str(p.ext_id), 'set:' || event_id)
         WHEN target = 'access_events' THEN coalesce(set_session, ra_str(p.ext_id))
         WHEN target = 'revocations' THEN set_session
       END AS session_id,
       CASE WHEN target NOT IN ('quarantine', 'skipped') THEN user_id END AS subject_id,
       CASE WHEN target = 'sessions' THEN 'user' END AS subject_type,
       NULL AS owner_id, NULL::TIMESTAMPTZ AS expires_at,
       NULL AS ip, NULL AS user_agent,
       CASE WHEN target IN ('sessions', 'lifecycle_events') THEN device_id END AS device_id,
       CASE WHEN target = 'sessions' THEN coalesce(array_to_string(p.amr, ','), ra_str(p.acr)) END AS auth_method,
       CASE WHEN target = 'access_events' THEN 'session-presented' END AS action,
       CASE WHEN target = 'access_events' THEN 'allowed' END AS outcome,
       CASE
         WHEN target = 'quarantine' THEN problem
         WHEN target = 'skipped' THEN skip_reason
         WHEN target IN ('revocations', 'lifecycle_events') THEN coalesce(reason_text, event_type)
       END AS reason,
       CASE WHEN target = 'lifecycle_events' THEN kind END AS kind,
       -- Who initiated it: admin, user, policy or system (CAEP); absent in RISC.
       CASE WHEN target IN ('revocations', 'lifecycle_events') THEN initiating_entity END AS actor_id,
       NULL AS initiating_session_id,
       -- Events of one SET, or SETs of one transaction (txn) from one transmitter, are related:
       -- the change among them is the revocation's trigger.
       CASE WHEN target = 'revocations' THEN
         arg_min(event_id, ts) FILTER (WHERE target = 'lifecycle_events') OVER (PARTITION BY s.iss, coalesce(ra_str(s.txn), set_id))
       END AS trigger_event_id,
       CASE WHEN target NOT IN ('quarantine', 'skipped') THEN ra_object(list_filter([
         {'key': 'event_type', 'value': to_json(event_uri)},
         {'key': 'iss', 'value': to_json(ra_str(s.iss))},
         {'key': 'jti', 'value': to_json(ra_str(s.jti))},
         {'key': 'txn', 'value': to_json(ra_str(s.txn))},
         {'key': 'subject_format', 'value': to_json(sub_format)},
         {'key': 'fp_ua', 'value': to_json(ra_str(p.fp_ua))},
         {'key': 'credential', 'value': to_json(CASE WHEN event_type = 'caep/credential-change'
                                                  THEN concat_ws(' ', change_type, credential_type) END)}
       ], lambda x: x.value::VARCHAR NOT IN ('null', '""'))) END AS attributes,
       CASE problem
         WHEN 'invalid JSON' THEN 'the SET is not valid JSON (decode a compact JWT first; trailing commas are not JSON)'
         WHEN 'not an object' THEN 'a SET must be a JSON object, found ' || lower(jt)
         WHEN 'missing field events' THEN 'the SET has no events object'
         WHEN 'missing time' THEN 'the SET has neither event_timestamp nor iat'
         WHEN 'bad time' THEN 'time ''' || ts_raw || ''' is not a NumericDate'
       END AS detail,
       CASE WHEN problem IS NOT NULL THEN left(rec, 4096) END AS raw
FROM rows
