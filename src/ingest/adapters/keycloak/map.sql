-- Keycloak user and admin events onto the canonical tables (README.md beside this file says
-- which event becomes which row, what is skipped and why).
-- Shapes: the Admin REST API's EventRepresentation and AdminEventRepresentation (JSON lines
-- or arrays; `details` nested or flattened), a JSON console log record (Quarkus
-- `loggerName`/`timestamp` or ECS `log.logger`/`@timestamp`) whose `message` is the
-- jboss-logging listener's `key=value, ...` text, and a plain-text log line holding that text
-- or a JSON event after a prefix. A test-case wrapper {"input": {"message": ...}} is opened.
-- key=value text is rewritten as a JSON object so every shape is read by one json_transform.
WITH raw AS (
  SELECT r.file_id, r.source_line, r.rec
  FROM raw_records r JOIN ingest_files f USING (file_id)
  WHERE f.adapter = 'keycloak'
), opened AS (
  -- String tests first, so an ordinary record is parsed only once (below).
  SELECT file_id, source_line, rec,
         CASE WHEN contains(rec, '"input"') AND try(json_valid(json_extract_string(rec, '$.input.message')))
              THEN json_extract_string(rec, '$.input.message') ELSE rec END AS doc
  FROM raw
), shaped AS (
  -- The event fields of a REST record and the envelope of a JSON log record, in one parse;
  -- try(): a line that is not JSON (a text log line) gives NULL.
  SELECT file_id, source_line, rec, doc,
         try(json_transform(doc, '{
           "id": "VARCHAR", "time": "VARCHAR", "type": "VARCHAR", "realmId": "VARCHAR", "clientId": "VARCHAR",
           "userId": "VARCHAR", "sessionId": "VARCHAR", "ipAddress": "VARCHAR", "error": "VARCHAR",
           "details": {"code_id": "VARCHAR", "auth_method": "VARCHAR", "username": "VARCHAR",
                       "credential_type": "VARCHAR", "reason": "VARCHAR", "redirect_uri": "VARCHAR"},
           "code_id": "VARCHAR", "auth_method": "VARCHAR", "username": "VARCHAR", "credential_type": "VARCHAR",
           "reason": "VARCHAR",
           "operationType": "VARCHAR", "resourceType": "VARCHAR", "resourcePath": "VARCHAR",
           "representation": "VARCHAR",
           "authDetails": {"realmId": "VARCHAR", "clientId": "VARCHAR", "userId": "VARCHAR", "ipAddress": "VARCHAR"},
           "@timestamp": "VARCHAR", "timestamp": "VARCHAR", "log.logger": "VARCHAR", "loggerName": "VARCHAR",
           "message": "VARCHAR"
         }')) AS t
  FROM opened
), lines AS (
  SELECT *,
         CASE WHEN t IS NULL THEN NULL WHEN starts_with(ltrim(doc), '{') THEN 'OBJECT' ELSE json_type(doc) END AS jt,
         -- A plain-text log line: [date] time,ms[zone] LEVEL [logger] (thread) message.
         CASE WHEN t IS NULL THEN regexp_extract(doc,
           '^(?:(\d{4}-\d{2}-\d{2})[ T])?(\d{2}:\d{2}:\d{2})[,.](\d+)(Z|[+-]\d{2}:?\d{2})?\s+[A-Z]+\s+\[([^\]]+)\]\s+\([^)]*\)\s+(.*)$',
           ['date', 'time', 'fraction', 'zone', 'logger', 'message']) END AS line
  FROM shaped
), event_text AS (
  -- The text of a logged event: a JSON log record's message, or a text line's message.
  SELECT *,
         CASE
           WHEN jt = 'OBJECT' THEN coalesce(t."log.logger", t.loggerName)
           WHEN line.logger <> '' THEN line.logger
         END AS logger,
         CASE
           WHEN jt = 'OBJECT' AND coalesce(t."log.logger", t.loggerName) IS NOT NULL THEN t.message
           WHEN jt IS NULL AND line.logger <> '' THEN line.message
         END AS message
  FROM lines
), pairs AS (
  -- The listener's key=value text: keys and values (quoted "..." or '...', or bare up to a comma).
  SELECT *,
         CASE WHEN regexp_matches(message, '^(type|operationType)=') THEN
           regexp_extract_all(message, '(?:^|,\s*)([A-Za-z_][A-Za-z0-9_.-]*)=("[^"]*"|''[^'']*''|[^,]*)', 1) END AS kv_keys,
         CASE WHEN regexp_matches(message, '^(type|operationType)=') THEN
           regexp_extract_all(message, '(?:^|,\s*)([A-Za-z_][A-Za-z0-9_.-]*)=("[^"]*"|''[^'']*''|[^,]*)', 2) END AS kv_values,
         regexp_extract(message, '(\{.*\})\s*$', 1) AS embedded
  FROM event_text
), parsed AS (
  -- A logged event is parsed from its message: a JSON event after a prefix (JSON_EVENT::{...}),
  -- else the key=value text rewritten as a JSON object. A REST record is its own event.
  SELECT *,
         CASE
           WHEN logger IS NULL THEN t
           -- One parse of the event text: an embedded JSON event, else the key=value pairs
           -- rewritten as a JSON object.
           ELSE json_transform(CASE WHEN try(json_valid(embedded)) THEN embedded
                                    WHEN kv_keys IS NOT NULL THEN '{' || array_to_string(list_transform(range(1, len(kv_keys) + 1), lambda i:
                  to_json(kv_keys[i])::VARCHAR || ':'
                  || to_json(regexp_replace(kv_values[i], '^"(.*)"$|^''(.*)''$', '\1\2'))::VARCHAR), ',') || '}' END, '{
           "id": "VARCHAR", "time": "VARCHAR", "type": "VARCHAR", "realmId": "VARCHAR", "clientId": "VARCHAR",
           "userId": "VARCHAR", "sessionId": "VARCHAR", "ipAddress": "VARCHAR", "error": "VARCHAR",
           "details": {"code_id": "VARCHAR", "auth_method": "VARCHAR", "username": "VARCHAR",
                       "credential_type": "VARCHAR", "reason": "VARCHAR", "redirect_uri": "VARCHAR"},
           "code_id": "VARCHAR", "auth_method": "VARCHAR", "username": "VARCHAR", "credential_type": "VARCHAR",
           "reason": "VARCHAR",
           "operationType": "VARCHAR", "resourceType": "VARCHAR", "resourcePath": "VARCHAR",
           "representation": "VARCHAR",
           "authDetails": {"realmId": "VARCHAR", "clientId": "VARCHAR", "userId": "VARCHAR", "ipAddress": "VARCHAR"},
           "@timestamp": "VARCHAR", "timestamp": "VARCHAR", "log.logger": "VARCHAR", "loggerName": "VARCHAR",
           "message": "VARCHAR"
         }')
         END AS e,
         t AS envelope
  FROM pairs
), named AS (
  SELECT *,
         ra_str(e.id) AS source_id,
         upper(ra_str(e.type)) AS event_type,
         upper(ra_str(e.operationType)) AS operation,
         upper(ra_str(e.resourceType)) AS resource_type,
         ra_str(e.resourcePath) AS resource_path,
         nullif(ra_str(e.userId), 'null') AS user_id,
         nullif(coalesce(ra_str(e.sessionId), ra_str(e.details.code_id), ra_str(e.code_id)), 'null') AS kc_session,
         nullif(coalesce(ra_str(e.error), CASE WHEN ra_str(e.type) LIKE '%\_ERROR' ESCAPE '\' THEN 'error' END), 'null') AS error,
         nullif(coalesce(ra_str(e.authDetails.userId), ra_str(e.userId)), 'null') AS admin_id,
         nullif(coalesce(ra_str(e.authDetails.ipAddress), ra_str(e.ipAddress)), 'null') AS ip,
         lower(coalesce(ra_str(e.details.credential_type), ra_str(e.credential_type))) AS credential_type,
         -- The time: the event's epoch milliseconds, else the log record's time. A text line's
         -- time has no zone and, in some formats, no date: it cannot be placed.
         coalesce(ra_str(e.time), ra_str(envelope."@timestamp"), ra_str(envelope.timestamp),
                  CASE WHEN line.logger <> '' THEN concat_ws(' ', nullif(line.date, ''), line.time || '.' || line.fraction || line.zone) END) AS ts_raw
  FROM parsed
), typed AS (
  SELECT *,
         ra_ts(ts_raw) AS ts,
         regexp_extract(resource_path, '^users/([^/]+)', 1) AS path_user,
         regexp_extract(resource_path, '^users/[^/]+/(.+)$', 1) AS path_action,
         CASE
           WHEN operation IS NOT NULL THEN 'admin'
           WHEN event_type IS NOT NULL THEN 'user'
         END AS family
  FROM named
), routed AS (
  SELECT *,
         CASE
           WHEN family = 'user' AND error IS NULL THEN CASE
             WHEN event_type = 'UPDATE_PASSWORD' THEN 'password_changed'
             WHEN event_type = 'UPDATE_CREDENTIAL' AND credential_type = 'password' THEN 'password_changed'
             WHEN event_type = 'RESET_PASSWORD' THEN 'password_reset'
             WHEN event_type = 'REMOVE_TOTP' THEN 'mfa_reset'
             WHEN event_type = 'REMOVE_CREDENTIAL' AND coalesce(credential_type, '') <> 'password' THEN 'mfa_reset'
             WHEN event_type = 'DELETE_ACCOUNT' THEN 'deleted'
             WHEN event_type = 'USER_DISABLED_BY_PERMANENT_LOCKOUT' THEN 'deactivated'
             WHEN event_type = 'USER_DISABLED_BY_TEMPORARY_LOCKOUT' THEN 'suspended'
           END
           WHEN family = 'admin' AND error IS NULL AND resource_type = 'USER' THEN CASE
             WHEN operation = 'DELETE' AND path_action = '' THEN 'deleted'
             -- Disabling is an update whose representation (when the realm records it) has enabled false.
             WHEN operation = 'UPDATE' AND path_action = ''
                  AND json_valid(e.representation) AND json_extract_string(e.representation, '$.enabled') = 'false' THEN 'deactivated'
             WHEN operation = 'ACTION' AND path_action = 'reset-password' THEN 'password_reset'
             WHEN operation = 'ACTION' AND path_action = 'remove-totp' THEN 'mfa_reset'
           END
           WHEN family = 'admin' AND error IS NULL AND operation IN ('CREATE', 'DELETE')
                AND resource_type IN ('REALM_ROLE_MAPPING', 'CLIENT_ROLE_MAPPING', 'GROUP_MEMBERSHIP') AND path_user <> ''
             THEN 'permissions_changed'
         END AS kind
  FROM typed
), targeted AS (
  SELECT *,
         CASE
           WHEN kind IS NOT NULL THEN 'lifecycle_events'
           WHEN family = 'user' AND event_type = 'LOGIN' AND error IS NULL THEN 'sessions'
           WHEN family = 'user' AND event_type = 'LOGOUT' AND kc_session IS NOT NULL THEN 'session_ends'
           WHEN family = 'user' AND kc_session IS NOT NULL
                AND regexp_replace(event_type, '_ERROR$', '') IN ('CODE_TO_TOKEN', 'REFRESH_TOKEN', 'INTROSPECT_TOKEN',
                    'USER_INFO_REQUEST', 'TOKEN_EXCHANGE', 'PERMISSION_TOKEN', 'OAUTH2_DEVICE_CODE_TO_TOKEN')
             THEN 'access_events'
           WHEN family = 'admin' AND error IS NULL AND operation = 'ACTION' AND resource_type = 'USER' AND path_action = 'logout'
             THEN 'revocations'
           WHEN family = 'admin' AND error IS NULL AND operation = 'DELETE' AND resource_type = 'USER_SESSION'
                AND regexp_matches(resource_path, '^sessions/[^/]+$')
             THEN 'revocations'
         END AS table_name
  FROM routed
), checked AS (
  SELECT *,
         CASE
           WHEN jt IS NOT NULL AND jt <> 'OBJECT' THEN 'not an object'
           WHEN jt IS NULL AND regexp_matches(doc, '^\s*[\[{]') THEN 'invalid JSON'
           WHEN family IS NULL THEN NULL
           WHEN table_name IS NULL THEN NULL
           WHEN ts_raw IS NULL THEN 'missing time'
           WHEN ts IS NULL THEN 'bad time'
           WHEN table_name IN ('sessions', 'lifecycle_events') AND family = 'user' AND user_id IS NULL THEN 'missing field userId'
         END AS problem,
         CASE
           WHEN jt IS NOT NULL AND jt <> 'OBJECT' THEN NULL
           WHEN jt IS NULL AND regexp_matches(doc, '^\s*[\[{]') THEN NULL
           WHEN jt IS NULL AND coalesce(line.logger, '') = '' THEN 'not a log record line'
           WHEN family IS NULL AND logger IS NOT NULL AND logger <> 'org.keycloak.events' THEN 'log line of ' || logger || ' (not an event)'
           WHEN family IS NULL THEN 'not an event record'
           WHEN table_name IS NOT NULL THEN NULL
           WHEN error IS NOT NULL AND regexp_replace(event_type, '_ERROR$', '') IN ('LOGIN', 'LOGOUT')
             THEN 'failed ' || lower(regexp_replace(event_type, '_ERROR$', ''))
           WHEN error IS NOT NULL AND family = 'admin' THEN 'failed admin operation'
           WHEN family = 'user' AND event_type = 'LOGOUT' THEN 'logout without sessionId'
           WHEN family = 'user' AND regexp_replace(event_type, '_ERROR$', '') IN ('CODE_TO_TOKEN', 'REFRESH_TOKEN', 'INTROSPECT_TOKEN',
                    'USER_INFO_REQUEST', 'TOKEN_EXCHANGE', 'PERMISSION_TOKEN', 'OAUTH2_DEVICE_CODE_TO_TOKEN')
             THEN 'session use without sessionId'
           WHEN family = 'user' THEN 'event type not used: ' || event_type
           WHEN operation = 'ACTION' AND resource_type = 'REALM' AND resource_path = 'logout-all'
             THEN 'realm-wide logout (names no subject)'
           WHEN operation = 'UPDATE' AND resource_type = 'USER' AND path_action = ''
             THEN 'user update that does not disable the user'
           ELSE 'admin operation not used: ' || operation || ' ' || coalesce(resource_type, '?')
         END AS skip_reason
  FROM targeted
), rows AS (
  SELECT *,
         CASE
           WHEN problem IS NOT NULL THEN 'quarantine'
           WHEN skip_reason IS NOT NULL THEN 'skipped'
           ELSE table_name
         END AS target,
         coalesce(source_id,
                  CASE WHEN jt = 'OBJECT' THEN ra_content_id(json_transform(doc, '"MAP(VARCHAR, JSON)"')) ELSE sha256(doc) END) AS event_id
  FROM checked
)
SELECT file_id, source_line, target,
       CASE WHEN target NOT IN ('quarantine', 'skipped') THEN event_id END AS event_id,
       ts,
       CASE
         WHEN target = 'sessions' THEN coalesce(kc_session, 'login:' || event_id)
         WHEN target IN ('access_events', 'session_ends') THEN kc_session
         WHEN target = 'revocations' AND resource_type = 'USER_SESSION' THEN regexp_extract(resource_path, '^sessions/([^/]+)$', 1)
         WHEN target = 'lifecycle_events' AND family = 'user' THEN kc_session
       END AS session_id,
       CASE
         WHEN family = 'user' THEN user_id
         WHEN target = 'revocations' AND resource_type = 'USER' THEN path_user
         WHEN target = 'lifecycle_events' THEN path_user
       END AS subject_id,
       CASE WHEN target = 'sessions' THEN 'user' END AS subject_type,
       NULL AS owner_id, NULL::TIMESTAMPTZ AS expires_at,
       CASE WHEN target IN ('sessions', 'access_events') THEN ip END AS ip,
       NULL AS user_agent, NULL AS device_id,
       CASE WHEN target = 'sessions' THEN coalesce(ra_str(e.details.auth_method), ra_str(e.auth_method)) END AS auth_method,
       CASE WHEN target = 'access_events' THEN event_type || coalesce(' ' || nullif(ra_str(e.clientId), 'null'), '') END AS action,
       CASE WHEN target = 'access_events' THEN CASE WHEN error IS NULL THEN 'allowed' ELSE 'denied' END END AS outcome,
       CASE
         WHEN target = 'quarantine' THEN problem
         WHEN target = 'skipped' THEN skip_reason
         WHEN target = 'access_events' THEN error
         WHEN target = 'session_ends' THEN 'logout'
         WHEN target = 'revocations' THEN operation || ' ' || resource_path
         WHEN target = 'lifecycle_events' THEN coalesce(event_type, operation || ' ' || resource_path)
       END AS reason,
       CASE WHEN target = 'lifecycle_events' THEN kind END AS kind,
       CASE
         WHEN target IN ('revocations', 'lifecycle_events') AND family = 'admin' THEN admin_id
         WHEN target = 'lifecycle_events' THEN user_id
       END AS actor_id,
       -- The session a user changed their own password in (kept by policy keep_initiating_session).
       CASE WHEN target = 'lifecycle_events' AND family = 'user' THEN kc_session END AS initiating_session_id,
       NULL AS trigger_event_id,
       CASE WHEN target NOT IN ('quarantine', 'skipped') THEN ra_object(list_filter([
         {'key': 'realm_id', 'value': to_json(nullif(coalesce(ra_str(e.realmId), ra_str(e.authDetails.realmId)), 'null'))},
         {'key': 'client_id', 'value': to_json(nullif(coalesce(ra_str(e.clientId), ra_str(e.authDetails.clientId)), 'null'))},
         {'key': 'username', 'value': to_json(coalesce(ra_str(e.details.username), ra_str(e.username)))},
         {'key': 'event_type', 'value': to_json(event_type)},
         {'key': 'resource_path', 'value': to_json(resource_path)},
         {'key': 'session_id_from', 'value': to_json(CASE
            WHEN target = 'sessions' AND kc_session IS NULL THEN 'synthesized'
            WHEN ra_str(e.sessionId) IS NULL AND kc_session IS NOT NULL THEN 'code_id' END)}
       ], lambda x: x.value::VARCHAR <> 'null')) END AS attributes,
       CASE problem
         WHEN 'not an object' THEN 'a Keycloak event must be a JSON object, found ' || lower(jt)
         WHEN 'invalid JSON' THEN 'the record is not valid JSON'
         WHEN 'missing time' THEN 'the event has no time (epoch milliseconds) and its log record no timestamp'
         WHEN 'bad time' THEN CASE
           WHEN line.logger <> '' AND line.date = '' THEN 'the log line''s time ''' || ts_raw || ''' has no date'
           WHEN line.logger <> '' AND line.zone = '' THEN 'the log line''s time ''' || ts_raw || ''' has no zone'
           ELSE 'time ''' || ts_raw || ''' is neither epoch milliseconds nor RFC 3339 with an offset' END
         WHEN 'missing field userId' THEN event_type || ' requires userId'
       END AS detail,
       CASE WHEN problem IS NOT NULL THEN left(rec, 4096) END AS raw
FROM rows
