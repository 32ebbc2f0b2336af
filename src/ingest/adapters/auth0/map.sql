-- Auth0 tenant logs (Management API GET /api/v2/logs, log streams, Elastic's test wrapper)
-- onto the canonical tables. docs/formats.md#auth0 lists every mapping and its gaps.
WITH recs AS (
  SELECT r.file_id, r.source_line, r.rec,
         CASE WHEN json_valid(r.rec) THEN json_type(r.rec) END AS jt
  FROM raw_records r JOIN ingest_files f USING (file_id)
  WHERE f.adapter = 'auth0'
), lists AS (
  -- Elastic's wrapper {"events": [{"json": {...}}]} holds many log events in one record.
  SELECT file_id, source_line, rec, jt,
         coalesce(CASE WHEN jt = 'OBJECT' THEN
                    CASE WHEN json_type(rec, '$.events') = 'ARRAY'
                         THEN coalesce(nullif(json_extract(rec, '$.events[*]')::VARCHAR[], []), [NULL::VARCHAR]) END
                  END, [rec]) AS list
  FROM recs
), items AS (
  SELECT file_id, source_line, rec, jt, unnest(list) AS item, unnest(range(1, len(list) + 1)) AS item_no
  FROM lists
), unwrapped AS (
  -- Elastic's wrapper puts each log event under "json"; a log stream delivers
  -- {"log_id": ..., "data": {log}}; the Management API returns the log itself.
  SELECT *,
         CASE WHEN layer IS NOT NULL THEN
           CASE WHEN json_type(layer, '$.data') = 'OBJECT' AND json_extract(layer, '$.type') IS NULL
                THEN json_extract(layer, '$.data')::VARCHAR ELSE layer END END AS ev,
         json_extract_string(layer, '$.log_id') AS outer_log_id
  FROM (
    SELECT *, CASE WHEN it = 'OBJECT' THEN
                CASE WHEN json_type(item, '$.json') = 'OBJECT' THEN json_extract(item, '$.json')::VARCHAR ELSE item END
              END AS layer
    FROM (SELECT *, CASE WHEN json_valid(item) THEN json_type(item) END AS it FROM items)
  )
), parsed AS (
  SELECT *, CASE WHEN it = 'OBJECT' THEN json_transform(ev, '{
           "log_id": "VARCHAR", "_id": "VARCHAR", "date": "VARCHAR", "type": "VARCHAR", "description": "VARCHAR",
           "ip": "VARCHAR", "user_agent": "VARCHAR", "user_id": "VARCHAR", "user_name": "VARCHAR",
           "client_id": "VARCHAR", "client_name": "VARCHAR", "connection": "VARCHAR", "strategy": "VARCHAR",
           "details": {"session_id": "VARCHAR",
                       "request": {"method": "VARCHAR", "path": "VARCHAR", "body": "JSON",
                                   "auth": {"user": {"user_id": "VARCHAR"}}}}
         }') END AS e
  FROM unwrapped
), named AS (
  SELECT file_id, source_line, item_no, rec, jt, it, item, ev,
         coalesce(ra_str(e.log_id), ra_str(outer_log_id), ra_str(e._id)) AS log_id,
         ra_str(e.type) AS type,
         ra_str(e.date) AS ts_raw,
         ra_ts(ra_str(e.date)) AS ts,
         ra_str(e.description) AS description,
         ra_str(e.ip) AS ip, ra_str(e.user_agent) AS user_agent, ra_str(e.user_id) AS user_id,
         ra_str(e.user_name) AS user_name, ra_str(e.client_id) AS client_id, ra_str(e.connection) AS connection,
         ra_str(e.strategy) AS strategy,
         ra_str(e.details.session_id) AS session_id,
         lower(e.details.request.method) AS method,
         -- The path without its query string.
         regexp_replace(e.details.request.path, '\?.*$', '') AS path,
         e.details.request.body AS body,
         coalesce(ra_str(e.details.request.auth.user.user_id), ra_str(e.client_id)) AS api_actor
  FROM parsed
), routed AS (
  -- Management API writes (sapi) on the session and user endpoints; the id in the path is
  -- URL-encoded (auth0%7C123 is auth0|123).
  SELECT *,
         CASE
           WHEN type <> 'sapi' THEN NULL
           WHEN method = 'delete' AND regexp_matches(path, '^/api/v2/sessions/[^/]+$') THEN 'revoke_session'
           WHEN method = 'post' AND regexp_matches(path, '^/api/v2/sessions/[^/]+/revoke$') THEN 'revoke_session'
           WHEN method = 'delete' AND regexp_matches(path, '^/api/v2/users/[^/]+/sessions$') THEN 'revoke_user'
           WHEN method = 'delete' AND regexp_matches(path, '^/api/v2/users/[^/]+$') THEN 'delete_user'
           WHEN method = 'patch' AND regexp_matches(path, '^/api/v2/users/[^/]+$') THEN 'update_user'
         END AS api,
         url_decode(regexp_extract(path, '^/api/v2/(sessions|users)/([^/]+)', 2)) AS path_id
  FROM named
), checked AS (
  SELECT *,
         CASE
           WHEN jt IS NULL OR (item IS NOT NULL AND it IS NULL) THEN 'invalid JSON'
           WHEN item IS NULL THEN NULL
           WHEN it <> 'OBJECT' THEN 'not an object'
           WHEN type IS NULL THEN 'missing field type'
           WHEN ts_raw IS NULL THEN 'missing field date'
           WHEN ts IS NULL THEN 'bad time in date'
           WHEN type IN ('s', 'ssa', 'slo', 'scp', 'sdu', 'srrt', 'universal_logout_succeeded') AND user_id IS NULL
             THEN 'missing field user_id'
         END AS problem,
         CASE WHEN log_id IS NOT NULL THEN log_id
              WHEN it = 'OBJECT' THEN ra_content_id(json_transform(ev, '"MAP(VARCHAR, JSON)"')) END AS event_id
  FROM routed
), ok AS (
  SELECT * FROM checked WHERE problem IS NULL AND item IS NOT NULL
), out AS (
  -- A login (s) opens the session it names; a later login on the same session reuses it, so
  -- only the earliest one in these inputs creates it, and every login is a use of it.
  SELECT file_id, source_line, item_no, 'sessions' AS target, event_id, ts, session_id, user_id AS subject_id,
         ip, user_agent, strategy AS auth_method, NULL AS action, NULL AS outcome, NULL AS reason, NULL AS kind,
         NULL AS actor_id, json_object('connection', connection, 'client_id', client_id, 'user_name', user_name) AS attributes
  FROM ok WHERE type = 's' AND session_id IS NOT NULL
  QUALIFY row_number() OVER (PARTITION BY session_id ORDER BY ts, event_id) = 1
  UNION ALL
  SELECT file_id, source_line, item_no, 'access_events', event_id, ts, session_id, user_id, ip, user_agent, NULL,
         CASE type WHEN 's' THEN 'login' ELSE 'silent authentication' END, 'allowed', NULL, NULL, NULL,
         json_object('client_id', client_id)
  FROM ok WHERE type IN ('s', 'ssa') AND session_id IS NOT NULL
  UNION ALL
  SELECT file_id, source_line, item_no, 'session_ends', event_id, ts, session_id, user_id, NULL, NULL, NULL, NULL, NULL,
         'logout', NULL, NULL, NULL
  FROM ok WHERE type = 'slo' AND session_id IS NOT NULL
  UNION ALL
  -- A password change in Auth0 goes through a reset ticket (scp), so it ends every session.
  SELECT file_id, source_line, item_no, 'lifecycle_events', event_id, ts, NULL, user_id, NULL, NULL, NULL, NULL, NULL,
         description, CASE type WHEN 'scp' THEN 'password_reset' ELSE 'deleted' END,
         CASE type WHEN 'scp' THEN user_id END, json_object('type', type, 'user_name', user_name)
  FROM ok WHERE type IN ('scp', 'sdu')
  UNION ALL
  SELECT file_id, source_line, item_no, 'revocations', event_id, ts, session_id, user_id, NULL, NULL, NULL, NULL, NULL,
         'refresh token revoked', NULL, user_id, json_object('type', type)
  FROM ok WHERE type = 'srrt' AND session_id IS NOT NULL
  UNION ALL
  SELECT file_id, source_line, item_no, 'revocations', event_id, ts, NULL, user_id, NULL, NULL, NULL, NULL, NULL,
         'universal logout', NULL, NULL, json_object('type', type)
  FROM ok WHERE type = 'universal_logout_succeeded'
  UNION ALL
  SELECT file_id, source_line, item_no, 'revocations', event_id, ts,
         CASE api WHEN 'revoke_session' THEN path_id END, CASE api WHEN 'revoke_user' THEN path_id END,
         NULL, NULL, NULL, NULL, NULL, method || ' ' || path, NULL, api_actor, json_object('description', description)
  FROM ok WHERE api IN ('revoke_session', 'revoke_user') AND path_id IS NOT NULL
  UNION ALL
  SELECT file_id, source_line, item_no, 'lifecycle_events', event_id, ts, NULL, path_id, NULL, NULL, NULL, NULL, NULL,
         description, 'deleted', api_actor, json_object('description', description)
  FROM ok WHERE api = 'delete_user' AND path_id IS NOT NULL
  UNION ALL
  -- PATCH /api/v2/users/{id}: "blocked": true suspends the user, false lifts it; a new password
  -- is a reset by an administrator. One request may do both, hence the suffixed ids.
  SELECT file_id, source_line, item_no, 'lifecycle_events', event_id || ':' || kind, ts, NULL, path_id, NULL, NULL,
         NULL, NULL, NULL, description, kind, api_actor, json_object('description', description)
  FROM (
    SELECT *, CASE json_extract_string(body, '$.blocked') WHEN 'true' THEN 'suspended' WHEN 'false' THEN 'reactivated' END AS kind
    FROM ok WHERE api = 'update_user'
    UNION ALL
    SELECT *, 'password_reset' FROM ok WHERE api = 'update_user' AND json_exists(body, '$.password')
  ) WHERE kind IS NOT NULL AND path_id IS NOT NULL
)
SELECT file_id, source_line, target, event_id, ts, session_id, subject_id, 'user' AS subject_type, ip, user_agent,
       auth_method, action, outcome, reason, kind, actor_id, attributes
FROM out
-- An event repeated verbatim inside one record (a list page, a wrapper) is one event.
QUALIFY row_number() OVER (PARTITION BY file_id, source_line, target, event_id ORDER BY item_no) = 1
UNION ALL BY NAME
-- Well-formed log events that gave no row are counted with the reason; malformed ones are quarantined.
SELECT c.file_id, c.source_line,
       CASE WHEN c.problem IS NOT NULL THEN 'quarantine' ELSE 'skipped' END AS target,
       CASE
         WHEN c.problem IS NOT NULL THEN c.problem
         WHEN c.item IS NULL THEN 'empty list'
         WHEN c.type IN ('s', 'ssa', 'slo', 'srrt') THEN c.type || ' without details.session_id'
         WHEN c.type = 'sapi' THEN 'management API call not mapped: ' || coalesce(c.description, c.method)
         ELSE 'event type not mapped: ' || c.type
       END AS reason,
       CASE c.problem
         WHEN 'invalid JSON' THEN 'the record is not valid JSON'
         WHEN 'not an object' THEN 'an Auth0 log event is a JSON object'
         WHEN 'missing field type' THEN 'an Auth0 log event requires type'
         WHEN 'missing field date' THEN 'an Auth0 log event requires date'
         WHEN 'bad time in date' THEN 'date ''' || c.ts_raw || ''' is not RFC 3339 with an offset'
         WHEN 'missing field user_id' THEN 'a log event of type ' || c.type || ' requires user_id'
       END AS detail,
       CASE WHEN c.problem IS NOT NULL THEN left(c.rec, 4096) END AS raw
FROM checked c ANTI JOIN out o USING (file_id, source_line, item_no)
