-- OCSF events (Identity & Access Management category) onto the canonical tables (README.md
-- beside this file says which class and activity becomes which row, what is skipped and why).
-- Classes read: Authentication 3002, Account Change 3001 (deprecated in 1.9 for User
-- Management 3007, also read), User Access Management 3005; any class whose actor names a
-- session (actor.session.uid, e.g. API Activity 6003) is a use of that session.
-- Times are timestamp_t: epoch milliseconds (or seconds: some mappers write seconds).
-- A test-case wrapper {"input": {"message": "<event JSON>"}} is opened first.
WITH raw AS (
  SELECT r.file_id, r.source_line, r.rec
  FROM raw_records r JOIN ingest_files f USING (file_id)
  WHERE f.adapter = 'ocsf'
), opened AS (
  -- String tests first, so an ordinary record is parsed only once (below).
  SELECT file_id, source_line, rec,
         CASE WHEN contains(rec, '"input"') AND try(json_valid(json_extract_string(rec, '$.input.message')))
              THEN json_extract_string(rec, '$.input.message') ELSE rec END AS doc
  FROM raw
), parsed AS (
  -- try(): an event that is not JSON gives NULL instead of failing the whole file.
  SELECT *, CASE WHEN o IS NULL THEN NULL WHEN starts_with(ltrim(doc), '{') THEN 'OBJECT' ELSE json_type(doc) END AS dt
  FROM (SELECT file_id, source_line, rec, doc,
         try(json_transform(doc, '{
           "class_uid": "VARCHAR", "activity_id": "VARCHAR", "activity_name": "VARCHAR", "class_name": "VARCHAR",
           "time": "VARCHAR", "status_id": "VARCHAR", "status": "VARCHAR", "status_detail": "VARCHAR", "message": "VARCHAR",
           "metadata": {"uid": "VARCHAR", "event_code": "VARCHAR", "version": "VARCHAR",
                        "product": {"name": "VARCHAR", "vendor_name": "VARCHAR"}},
           "user": {"uid": "VARCHAR", "name": "VARCHAR", "email_addr": "VARCHAR"},
           "actor": {"user": {"uid": "VARCHAR", "name": "VARCHAR", "email_addr": "VARCHAR"}, "session": {"uid": "VARCHAR"}},
           "session": {"uid": "VARCHAR", "expiration_time": "VARCHAR"},
           "src_endpoint": {"ip": "VARCHAR"}, "http_request": {"user_agent": "VARCHAR"},
           "device": {"uid": "VARCHAR", "hostname": "VARCHAR"},
           "auth_protocol": "VARCHAR", "logon_type": "VARCHAR",
           "api": {"operation": "VARCHAR"}
         }')) AS o
        FROM opened)
), fields AS (
  SELECT *,
         try_cast(o.class_uid AS INTEGER) AS class_uid,
         try_cast(o.activity_id AS INTEGER) AS activity,
         ra_str(o.time) AS ts_raw,
         ra_ts(ra_str(o.time)) AS ts,
         coalesce(try_cast(o.status_id AS INTEGER), 0) = 2 AS failed,
         coalesce(ra_str(o.user.uid), lower(ra_str(o.user.email_addr)), ra_str(o.user.name)) AS user_id,
         coalesce(ra_str(o.actor.user.uid), lower(ra_str(o.actor.user.email_addr)), ra_str(o.actor.user.name)) AS actor_id,
         ra_str(o.session.uid) AS session_uid,
         ra_str(o.actor.session.uid) AS actor_session,
         nullif(ra_str(o.src_endpoint.ip), '-') AS ip,
         coalesce(ra_str(o.activity_name), 'activity ' || o.activity_id) AS activity_name
  FROM parsed
), typed AS (
  SELECT *,
         CASE
           WHEN class_uid = 3001 THEN CASE activity
             WHEN 2 THEN 'reactivated' WHEN 3 THEN 'password_changed' WHEN 4 THEN 'password_reset'
             WHEN 5 THEN 'deactivated' WHEN 6 THEN 'deleted' WHEN 7 THEN 'permissions_changed'
             WHEN 8 THEN 'permissions_changed' WHEN 9 THEN 'suspended' WHEN 11 THEN 'mfa_reset'
             WHEN 12 THEN 'reactivated' END
           WHEN class_uid = 3007 THEN CASE
             WHEN activity = 3 THEN 'deleted' WHEN activity = 4 THEN 'reactivated' WHEN activity = 5 THEN 'deactivated'
             WHEN activity = 6 THEN 'suspended' WHEN activity = 7 THEN 'reactivated' WHEN activity = 8 THEN 'password_changed'
             WHEN activity = 9 THEN 'password_reset' WHEN activity = 13 THEN 'mfa_reset'
             WHEN activity IN (10, 11, 14, 15, 16, 17) THEN 'permissions_changed' END
           WHEN class_uid = 3005 AND activity IN (1, 2, 3, 4) THEN 'permissions_changed'
         END AS kind
  FROM fields
), primary_rows AS (
  SELECT *,
         CASE
           WHEN class_uid = 3002 AND activity = 1 AND NOT failed THEN 'sessions'
           WHEN class_uid = 3002 AND activity = 2 AND session_uid IS NOT NULL THEN 'session_ends'
           WHEN kind IS NOT NULL AND NOT failed THEN 'lifecycle_events'
         END AS table_name,
         -- The actor's session was used (not for Authentication, whose session is its subject's own).
         class_uid IS DISTINCT FROM 3002 AND actor_session IS NOT NULL AND NOT failed AS used
  FROM typed
), checked AS (
  SELECT *,
         CASE
           WHEN dt IS NULL THEN 'invalid JSON'
           WHEN dt <> 'OBJECT' THEN 'not an object'
           WHEN class_uid IS NULL THEN 'missing field class_uid'
           WHEN table_name IS NULL AND NOT used THEN NULL
           WHEN ts_raw IS NULL THEN 'missing field time'
           WHEN ts IS NULL THEN 'bad time'
           WHEN table_name IN ('sessions', 'lifecycle_events') AND user_id IS NULL THEN 'missing field user'
         END AS problem
  FROM primary_rows
), expanded AS (
  SELECT *, unnest(list_filter([
           {'part': 'event', 'tbl': table_name},
           {'part': 'use', 'tbl': CASE WHEN used THEN 'access_events' END}
         ], lambda x: x.tbl IS NOT NULL OR x.part = 'event'), recursive := true)
  FROM checked
), rows AS (
  SELECT *,
         CASE
           WHEN problem IS NOT NULL THEN 'quarantine'
           WHEN tbl IS NOT NULL THEN tbl
           WHEN part = 'event' AND used THEN NULL
           ELSE 'skipped'
         END AS target,
         coalesce(ra_str(o.metadata.uid),
                  CASE WHEN dt = 'OBJECT' THEN ra_content_id(json_transform(doc, '"MAP(VARCHAR, JSON)"')) END) AS source_id
  FROM expanded
)
SELECT file_id, source_line, target,
       CASE
         WHEN target IN ('quarantine', 'skipped') THEN NULL
         WHEN part = 'use' THEN source_id || '#use'
         ELSE source_id
       END AS event_id,
       ts,
       CASE
         WHEN target = 'sessions' THEN coalesce(session_uid, 'logon:' || source_id)
         WHEN target = 'session_ends' THEN session_uid
         WHEN target = 'access_events' THEN actor_session
       END AS session_id,
       CASE
         WHEN target IN ('sessions', 'session_ends', 'lifecycle_events') THEN user_id
         WHEN target = 'access_events' THEN actor_id
       END AS subject_id,
       CASE WHEN target = 'sessions' THEN 'user' END AS subject_type,
       NULL AS owner_id,
       CASE WHEN target = 'sessions' THEN ra_ts(ra_str(o.session.expiration_time)) END AS expires_at,
       CASE WHEN target IN ('sessions', 'access_events') THEN ip END AS ip,
       CASE WHEN target IN ('sessions', 'access_events') THEN ra_str(o.http_request.user_agent) END AS user_agent,
       CASE WHEN target = 'sessions' THEN ra_str(o.device.uid) END AS device_id,
       CASE WHEN target = 'sessions' THEN concat_ws(' ', ra_str(o.auth_protocol), ra_str(o.logon_type)) END AS auth_method,
       CASE WHEN target = 'access_events' THEN concat_ws(': ', ra_str(o.class_name), coalesce(ra_str(o.api.operation), activity_name)) END AS action,
       CASE WHEN target = 'access_events' THEN 'allowed' END AS outcome,
       CASE
         WHEN target = 'quarantine' THEN problem
         WHEN target = 'skipped' THEN CASE
           WHEN failed AND (kind IS NOT NULL OR class_uid = 3002) THEN 'failed ' || lower(coalesce(ra_str(o.class_name), 'class ' || class_uid)) || ': ' || activity_name
           WHEN class_uid = 3002 AND activity = 2 THEN 'logoff without session.uid'
           WHEN class_uid IN (3001, 3002, 3005, 3007) THEN 'activity not used: ' || class_uid || ' ' || activity_name
           ELSE 'class not used: ' || class_uid || coalesce(' ' || ra_str(o.class_name), '') END
         WHEN target = 'session_ends' THEN 'logout'
         WHEN target = 'lifecycle_events' THEN coalesce(ra_str(o.metadata.event_code), ra_str(o.class_name) || ': ' || activity_name)
       END AS reason,
       CASE WHEN target = 'lifecycle_events' THEN kind END AS kind,
       CASE WHEN target = 'lifecycle_events' THEN actor_id END AS actor_id,
       -- A user changing their own password does so in the actor's session, which policy may keep.
       CASE WHEN target = 'lifecycle_events' AND actor_id = user_id THEN actor_session END AS initiating_session_id,
       NULL AS trigger_event_id,
       CASE WHEN target NOT IN ('quarantine', 'skipped') THEN ra_object(list_filter([
         {'key': 'class_uid', 'value': to_json(class_uid)},
         {'key': 'activity', 'value': to_json(activity_name)},
         {'key': 'product', 'value': to_json(concat_ws(' ', ra_str(o.metadata.product.vendor_name), ra_str(o.metadata.product.name)))},
         {'key': 'event_code', 'value': to_json(ra_str(o.metadata.event_code))},
         {'key': 'ocsf_version', 'value': to_json(ra_str(o.metadata.version))},
         {'key': 'user_name', 'value': to_json(ra_str(o.user.name))},
         {'key': 'user_email', 'value': to_json(lower(ra_str(o.user.email_addr)))},
         {'key': 'host', 'value': to_json(ra_str(o.device.hostname))},
         {'key': 'session_id_synthesized', 'value': to_json(CASE WHEN target = 'sessions' AND session_uid IS NULL THEN true END)}
       ], lambda x: x.value::VARCHAR NOT IN ('null', '""'))) END AS attributes,
       CASE problem
         WHEN 'invalid JSON' THEN 'the record is not valid JSON'
         WHEN 'not an object' THEN 'an OCSF event must be a JSON object, found ' || lower(dt)
         WHEN 'missing field class_uid' THEN 'the event has no class_uid'
         WHEN 'missing field time' THEN 'class ' || class_uid || ' event has no time'
         WHEN 'bad time' THEN 'time ''' || ts_raw || ''' is not an epoch (timestamp_t)'
         WHEN 'missing field user' THEN 'class ' || class_uid || ' ' || activity_name || ' names no user (uid, email_addr or name)'
       END AS detail,
       CASE WHEN problem IS NOT NULL THEN left(rec, 4096) END AS raw
FROM rows
WHERE target IS NOT NULL
