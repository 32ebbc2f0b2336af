-- Google Workspace Admin SDK Reports activities (login and admin applications) onto the
-- canonical tables (README.md beside this file says which event becomes which row, what is
-- skipped and why). An activity holds one or more events: each event gives one row.
-- Shapes: activity objects (one per line, an array, or an API page {"items": [...]}); Elastic's
-- input splits `events` into a single object, which is read the same. A test-case wrapper
-- {"input": {"message": "<activity JSON>"}} is opened first.
-- Google logs no session id: a successful login is a session of its own, and a logout ends
-- the same user's latest login at or before it (in these inputs).
WITH raw AS (
  SELECT r.file_id, r.source_line, r.rec
  FROM raw_records r JOIN ingest_files f USING (file_id)
  WHERE f.adapter = 'google'
), opened AS (
  -- String tests first, so an ordinary record is parsed only once (below).
  SELECT file_id, source_line, rec,
         CASE WHEN contains(rec, '"input"') AND try(json_valid(json_extract_string(rec, '$.input.message')))
              THEN json_extract_string(rec, '$.input.message') ELSE rec END AS doc
  FROM raw
), activities AS (
  SELECT file_id, source_line, rec,
         unnest(CASE
           WHEN contains(doc, '"items"') AND try(json_type(doc, '$.items')) = 'ARRAY' THEN json_extract(doc, '$.items[*]')::VARCHAR[]
           ELSE [doc]
         END) AS item
  FROM opened
), parsed AS (
  -- try(): an activity that is not JSON gives NULL instead of failing the whole file.
  SELECT file_id, source_line, rec, item, a,
         CASE WHEN a IS NULL THEN NULL WHEN starts_with(ltrim(item), '{') THEN 'OBJECT' ELSE json_type(item) END AS it
  FROM (SELECT *, try(json_transform(item, '{
           "kind": "VARCHAR",
           "id": {"time": "VARCHAR", "uniqueQualifier": "VARCHAR", "applicationName": "VARCHAR"},
           "actor": {"callerType": "VARCHAR", "email": "VARCHAR", "profileId": "VARCHAR"},
           "ipAddress": "VARCHAR", "events": "JSON"}')) AS a
        FROM activities)
), event_lists AS (
  SELECT *,
         CASE
           WHEN json_type(a.events) = 'ARRAY' THEN json_extract(a.events, '$[*]')::VARCHAR[]
           WHEN json_type(a.events) = 'OBJECT' THEN [a.events::VARCHAR]
           ELSE [NULL::VARCHAR]
         END AS event_list
  FROM parsed
), events AS (
  -- One row per event, numbered from 1 within its activity.
  SELECT file_id, source_line, rec, item, it, a,
         unnest(list_transform(range(1, len(event_list) + 1), lambda i: {'n': i, 'json': event_list[i]}), recursive := true)
  FROM event_lists
), named AS (
  SELECT *,
         json_transform(json, '{"type": "VARCHAR", "name": "VARCHAR",
           "parameters": [{"name": "VARCHAR", "value": "VARCHAR", "intValue": "VARCHAR", "boolValue": "VARCHAR"}]}') AS e
  FROM events
), fields AS (
  SELECT *,
         ra_str(a.id.applicationName) AS app,
         ra_str(e.name) AS event_name,
         ra_str(a.id.time) AS ts_raw,
         ra_ts(ra_str(a.id.time)) AS ts,
         lower(ra_str(a.actor.email)) AS actor_email,
         lower(ra_str(list_filter(e.parameters, lambda p: p.name = 'USER_EMAIL')[1].value)) AS target_email,
         lower(ra_str(list_filter(e.parameters, lambda p: p.name = 'affected_email_address')[1].value)) AS affected_email,
         ra_str(list_filter(e.parameters, lambda p: p.name = 'login_type')[1].value) AS login_type,
         ra_str(a.id.time) || '/' || coalesce(ra_str(a.id.uniqueQualifier), '') || '/' || n || '/' || coalesce(ra_str(e.name), '') AS source_id
  FROM named
), routed AS (
  SELECT *,
         CASE
           WHEN app = 'login' AND event_name = 'password_edit' THEN 'password_changed'
           WHEN app = 'login' AND event_name LIKE 'account\_disabled\_%' ESCAPE '\' THEN 'deactivated'
           WHEN app = 'admin' AND event_name = 'SUSPEND_USER' THEN 'suspended'
           WHEN app = 'admin' AND event_name = 'UNSUSPEND_USER' THEN 'reactivated'
           WHEN app = 'admin' AND event_name = 'DELETE_USER' THEN 'deleted'
           WHEN app = 'admin' AND event_name = 'UNDELETE_USER' THEN 'reactivated'
           WHEN app = 'admin' AND event_name = 'CHANGE_PASSWORD' THEN 'password_reset'
         END AS kind,
         CASE
           WHEN app = 'admin' THEN target_email
           WHEN app = 'login' AND event_name LIKE 'account\_disabled\_%' ESCAPE '\' THEN coalesce(affected_email, actor_email)
           ELSE actor_email
         END AS subject
  FROM fields
), targeted AS (
  SELECT *,
         CASE
           WHEN kind IS NOT NULL THEN 'lifecycle_events'
           WHEN app = 'login' AND event_name = 'login_success' THEN 'sessions'
           WHEN app = 'login' AND event_name = 'logout' THEN 'session_ends'
         END AS table_name
  FROM routed
), checked AS (
  SELECT *,
         CASE
           WHEN it IS NULL THEN 'invalid JSON'
           WHEN it <> 'OBJECT' THEN 'not an object'
           WHEN table_name IS NULL THEN NULL
           WHEN ts_raw IS NULL THEN 'missing field id.time'
           WHEN ts IS NULL THEN 'bad time'
           WHEN subject IS NULL THEN CASE WHEN app = 'admin' THEN 'missing parameter USER_EMAIL' ELSE 'missing field actor.email' END
         END AS problem
  FROM targeted
), logins AS (
  SELECT subject, ts, source_id FROM checked WHERE problem IS NULL AND table_name = 'sessions'
), linked AS (
  -- A logout ends the same user's latest login at or before it (Google names no session).
  SELECT c.*, l.source_id AS login_id
  FROM checked c ASOF LEFT JOIN logins l
    ON c.table_name = 'session_ends' AND c.problem IS NULL AND l.subject = c.subject AND c.ts >= l.ts
), rows AS (
  SELECT *,
         CASE
           WHEN problem IS NOT NULL THEN 'quarantine'
           WHEN table_name = 'session_ends' AND login_id IS NULL THEN 'skipped'
           WHEN table_name IS NULL THEN 'skipped'
           ELSE table_name
         END AS target,
         CASE
           WHEN table_name = 'session_ends' THEN 'logout with no earlier login of the user in the inputs'
           WHEN app IN ('login', 'admin') THEN app || ' event not used: ' || coalesce(event_name, 'unnamed')
           ELSE 'application not used: ' || coalesce(app, 'unknown')
         END AS skip_reason
  FROM linked
)
SELECT file_id, source_line, target,
       CASE WHEN target NOT IN ('quarantine', 'skipped') THEN source_id END AS event_id,
       ts,
       CASE
         WHEN target = 'sessions' THEN 'login:' || source_id
         WHEN target = 'session_ends' THEN 'login:' || login_id
       END AS session_id,
       CASE WHEN target NOT IN ('quarantine', 'skipped') THEN subject END AS subject_id,
       CASE WHEN target = 'sessions' THEN 'user' END AS subject_type,
       NULL AS owner_id, NULL::TIMESTAMPTZ AS expires_at,
       CASE WHEN target = 'sessions' THEN ra_str(a.ipAddress) END AS ip,
       NULL AS user_agent, NULL AS device_id,
       CASE WHEN target = 'sessions' THEN login_type END AS auth_method,
       NULL AS action, NULL AS outcome,
       CASE
         WHEN target = 'quarantine' THEN problem
         WHEN target = 'skipped' THEN skip_reason
         WHEN target = 'session_ends' THEN 'logout'
         WHEN target = 'lifecycle_events' THEN event_name
       END AS reason,
       CASE WHEN target = 'lifecycle_events' THEN kind END AS kind,
       CASE WHEN target = 'lifecycle_events' THEN actor_email END AS actor_id,
       NULL AS initiating_session_id, NULL AS trigger_event_id,
       CASE WHEN target NOT IN ('quarantine', 'skipped') THEN ra_object(list_filter([
         {'key': 'application', 'value': to_json(app)},
         {'key': 'event_type', 'value': to_json(ra_str(e.type))},
         {'key': 'profile_id', 'value': to_json(ra_str(a.actor.profileId))},
         {'key': 'caller_type', 'value': to_json(ra_str(a.actor.callerType))},
         {'key': 'ip', 'value': to_json(CASE WHEN target <> 'sessions' THEN ra_str(a.ipAddress) END)},
         {'key': 'session_id_from', 'value': to_json(CASE
            WHEN target = 'sessions' THEN 'synthesized: one session per login_success'
            WHEN target = 'session_ends' THEN 'the user''s latest login at or before the logout' END)}
       ], lambda x: x.value::VARCHAR <> 'null')) END AS attributes,
       CASE problem
         WHEN 'invalid JSON' THEN 'the record is not valid JSON'
         WHEN 'not an object' THEN 'a Reports activity must be a JSON object, found ' || lower(it)
         WHEN 'missing field id.time' THEN event_name || ' has no id.time'
         WHEN 'bad time' THEN 'id.time ''' || ts_raw || ''' is not RFC 3339 with an offset'
         WHEN 'missing parameter USER_EMAIL' THEN event_name || ' names no USER_EMAIL parameter'
         WHEN 'missing field actor.email' THEN event_name || ' has no actor.email'
       END AS detail,
       CASE WHEN problem IS NOT NULL THEN left(rec, 4096) END AS raw
FROM rows
