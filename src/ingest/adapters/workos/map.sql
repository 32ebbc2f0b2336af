-- WorkOS events (Events API pages, webhook payloads) and Sessions API session objects onto the
-- canonical tables. docs/formats.md#workos lists every mapping and what the format cannot say.
-- One record may hold many items (a list page) and one item may give several rows (a revoked
-- session is a revocation and, when nothing else describes it, a session).
WITH recs AS (
  SELECT r.file_id, r.source_line, r.rec,
         CASE WHEN json_valid(r.rec) THEN json_type(r.rec) END AS jt
  FROM raw_records r JOIN ingest_files f USING (file_id)
  WHERE f.adapter = 'workos'
), lists AS (
  -- A list response ({"object": "list", "data": [...]}: GET /events or the Sessions API) holds
  -- many items; an empty list keeps one empty item so that the record is still accounted for.
  SELECT file_id, source_line, rec, jt,
         coalesce(CASE WHEN jt = 'OBJECT' THEN
                    CASE WHEN json_extract_string(rec, '$.object') = 'list'
                         THEN coalesce(nullif(json_extract(rec, '$.data[*]')::VARCHAR[], []), [NULL::VARCHAR]) END
                  END, [rec]) AS list
  FROM recs
), items AS (
  SELECT file_id, source_line, rec, jt, unnest(list) AS item, unnest(range(1, len(list) + 1)) AS item_no
  FROM lists
), parsed AS (
  -- Parse each item once: the event envelope with its data, or (for a bare API object) the object.
  SELECT *,
         CASE WHEN json_valid(item) THEN json_type(item) END AS it,
         CASE WHEN json_valid(item) THEN json_transform(item, '{
           "object": "VARCHAR", "id": "VARCHAR", "event": "VARCHAR", "created_at": "VARCHAR",
           "context": {"actor": {"id": "VARCHAR", "source": "VARCHAR", "name": "VARCHAR"}, "previous_attributes": "JSON"},
           "data": {"object": "VARCHAR", "id": "VARCHAR", "user_id": "VARCHAR", "organization_id": "VARCHAR",
                    "state": "VARCHAR", "status": "VARCHAR", "ip_address": "VARCHAR", "user_agent": "VARCHAR",
                    "auth_method": "VARCHAR", "created_at": "VARCHAR", "expires_at": "VARCHAR", "ended_at": "VARCHAR",
                    "updated_at": "VARCHAR", "email": "VARCHAR", "previous_attributes": "JSON", "impersonator": "JSON",
                    "sso": {"connection_id": "VARCHAR"}}
         }') END AS e
  FROM items
), objects AS (
  SELECT *,
         coalesce(e.object = 'event', false) AS is_event,
         CASE WHEN e IS NULL THEN NULL WHEN e.object = 'event' THEN e.data
              ELSE json_transform(item, '{
                "object": "VARCHAR", "id": "VARCHAR", "user_id": "VARCHAR", "organization_id": "VARCHAR",
                "state": "VARCHAR", "status": "VARCHAR", "ip_address": "VARCHAR", "user_agent": "VARCHAR",
                "auth_method": "VARCHAR", "created_at": "VARCHAR", "expires_at": "VARCHAR", "ended_at": "VARCHAR",
                "updated_at": "VARCHAR", "email": "VARCHAR", "previous_attributes": "JSON", "impersonator": "JSON",
                "sso": {"connection_id": "VARCHAR"}}') END AS d
  FROM parsed
), named AS (
  -- WorkOS writes UTC; an older SDK wrote times without an offset, which are read as UTC.
  SELECT file_id, source_line, item_no, rec, jt, it, item, is_event, d,
         ra_str(e.object) AS object,
         ra_str(e.event) AS event_type,
         CASE WHEN is_event THEN ra_str(e.id) ELSE ra_str(d.id) END AS source_id,
         CASE WHEN is_event THEN ra_str(e.created_at) ELSE ra_str(d.created_at) END AS ts_raw,
         ra_str(d.id) AS object_id,
         ra_str(d.user_id) AS user_id,
         ra_str(e.context.actor.id) AS actor_id,
         e.context.actor.source AS actor_source,
         coalesce(e.context.previous_attributes, d.previous_attributes) AS previous,
         coalesce(ra_ts(ra_str(d.created_at)), ra_ts(ra_str(d.created_at) || 'Z')) AS object_created,
         coalesce(ra_ts(ra_str(d.expires_at)), ra_ts(ra_str(d.expires_at) || 'Z')) AS expires_at,
         coalesce(ra_ts(ra_str(d.ended_at)), ra_ts(ra_str(d.ended_at) || 'Z'),
                  ra_ts(ra_str(d.updated_at)), ra_ts(ra_str(d.updated_at) || 'Z')) AS ended_at
  FROM objects
), timed AS (
  SELECT *, coalesce(ra_ts(ts_raw), ra_ts(ts_raw || 'Z')) AS ts FROM named
), routed AS (
  SELECT *,
         CASE
           WHEN NOT is_event AND object = 'session' THEN 'session_object'
           WHEN NOT is_event THEN NULL
           WHEN event_type = 'session.created' THEN 'session_created'
           WHEN event_type = 'session.revoked' THEN 'session_revoked'
           WHEN event_type IN ('password_reset.succeeded', 'user.deleted', 'dsync.user.deleted',
                               'organization_membership.deleted') THEN 'lifecycle'
           -- An update is a deactivation only when the state changed to inactive (previous_attributes,
           -- when present, lists exactly the keys that changed).
           WHEN event_type = 'dsync.user.updated' AND d.state = 'inactive'
                AND (previous IS NULL OR json_exists(previous, '$.state')) THEN 'lifecycle'
           WHEN event_type = 'organization_membership.updated' AND d.status = 'inactive'
                AND (previous IS NULL OR json_exists(previous, '$.status')) THEN 'lifecycle'
           WHEN event_type = 'organization_membership.updated'
                AND (json_exists(previous, '$.role') OR json_exists(previous, '$.roles')) THEN 'lifecycle'
           WHEN event_type = 'connection.deactivated' THEN 'connection'
           WHEN event_type LIKE 'authentication.%\_succeeded' ESCAPE '\' THEN 'authentication'
         END AS route,
         CASE event_type
           WHEN 'password_reset.succeeded' THEN 'password_reset'
           WHEN 'user.deleted' THEN 'deleted'
           WHEN 'dsync.user.deleted' THEN 'deleted'
           WHEN 'dsync.user.updated' THEN 'deactivated'
           WHEN 'organization_membership.deleted' THEN 'offboarded'
           WHEN 'organization_membership.updated' THEN CASE WHEN d.status = 'inactive' THEN 'offboarded' ELSE 'permissions_changed' END
           WHEN 'connection.deactivated' THEN 'sso_deactivated'
         END AS kind,
         -- user.* and dsync.user.* carry the user itself; other payloads name it in user_id.
         CASE WHEN event_type LIKE 'user.%' OR event_type LIKE 'dsync.user.%' THEN ra_str(d.id) ELSE ra_str(d.user_id) END AS subject_id
  FROM timed
), checked AS (
  SELECT *,
         CASE
           WHEN jt IS NULL OR (item IS NOT NULL AND it IS NULL) THEN 'invalid JSON'
           WHEN item IS NULL THEN NULL
           WHEN it <> 'OBJECT' THEN 'not an object'
           WHEN object IS NULL THEN 'missing field object'
           WHEN is_event AND event_type IS NULL THEN 'missing field event'
           WHEN ts_raw IS NULL AND (is_event OR route IS NOT NULL) THEN 'missing field created_at'
           WHEN ts IS NULL AND (is_event OR route IS NOT NULL) THEN 'bad time in created_at'
           WHEN route IN ('session_created', 'session_revoked', 'session_object') AND object_id IS NULL THEN 'missing field id'
           WHEN route IN ('session_created', 'session_revoked', 'session_object') AND user_id IS NULL THEN 'missing field user_id'
           WHEN route = 'lifecycle' AND subject_id IS NULL THEN 'missing the user'
         END AS problem
  FROM routed
), ok AS (
  SELECT * FROM checked WHERE problem IS NULL AND item IS NOT NULL
), session_events AS (
  SELECT object_id AS session_id, bool_or(route = 'session_created') AS has_created, bool_or(route = 'session_revoked') AS has_revoked
  FROM ok WHERE route IN ('session_created', 'session_revoked') GROUP BY ALL
), known AS (
  -- The sessions these inputs describe, for the events that name a user but no session.
  SELECT DISTINCT object_id AS session_id, user_id, coalesce(object_created, ts) AS created_at,
         d.organization_id AS organization_id, d.auth_method AS auth_method
  FROM ok WHERE route IN ('session_created', 'session_revoked', 'session_object')
), session_rows AS (
  -- session.created always; a revoked session's data, or a Sessions API object, only when no
  -- event in these inputs describes the session better.
  SELECT o.*, CASE route WHEN 'session_created' THEN source_id WHEN 'session_revoked' THEN source_id || ':session'
                         ELSE object_id END AS row_id,
         CASE WHEN route = 'session_created' THEN coalesce(object_created, ts) ELSE object_created END AS created_at
  FROM ok o LEFT JOIN session_events s ON s.session_id = o.object_id
  WHERE route = 'session_created'
     OR (route = 'session_revoked' AND NOT s.has_created AND object_created IS NOT NULL)
     OR (route = 'session_object' AND s.session_id IS NULL)
), connection_users AS (
  -- A deactivated SSO connection ends the sessions of the users who signed in through it: the
  -- users of its organization's SSO sessions and of its authentication.sso_succeeded events.
  SELECT c.file_id, c.source_line, c.item_no, k.user_id
  FROM ok c JOIN known k ON k.organization_id = c.d.organization_id AND k.auth_method = 'sso'
  WHERE c.route = 'connection'
  UNION
  SELECT c.file_id, c.source_line, c.item_no, a.user_id
  FROM ok c JOIN ok a ON a.route = 'authentication' AND a.d.sso.connection_id = c.object_id AND a.user_id IS NOT NULL
  WHERE c.route = 'connection'
), paired AS (
  -- authentication.*_succeeded names the user but no session: it is attached to the session of
  -- that user created closest to it, within 5 s before to 5 min after; else it is skipped.
  SELECT a.file_id, a.source_line, a.item_no, k.session_id
  FROM ok a JOIN known k ON k.user_id = a.user_id
   AND k.created_at BETWEEN a.ts - INTERVAL 5 SECOND AND a.ts + INTERVAL 5 MINUTE
  WHERE a.route = 'authentication'
  QUALIFY row_number() OVER (PARTITION BY a.file_id, a.source_line, a.item_no
                             ORDER BY abs(epoch(k.created_at) - epoch(a.ts)), k.session_id) = 1
), out AS (
  SELECT file_id, source_line, item_no, 'sessions' AS target, row_id AS event_id, created_at AS ts,
         object_id AS session_id, user_id AS subject_id, expires_at, ra_str(d.ip_address) AS ip,
         ra_str(d.user_agent) AS user_agent, ra_str(d.auth_method) AS auth_method,
         NULL AS action, NULL AS outcome, NULL AS reason, NULL AS kind, NULL AS actor_id,
         json_object('organization_id', d.organization_id, 'impersonator', d.impersonator, 'status', d.status) AS attributes
  FROM session_rows
  UNION ALL
  SELECT file_id, source_line, item_no, 'revocations', source_id, ts, object_id, user_id, NULL, NULL, NULL, NULL,
         NULL, NULL, NULL, NULL, actor_id, json_object('actor_source', actor_source)
  FROM ok WHERE route = 'session_revoked'
  UNION ALL
  -- A Sessions API object says a session was revoked, not who revoked it.
  SELECT o.file_id, o.source_line, o.item_no, 'revocations', object_id || ':revoked', ended_at, object_id, user_id,
         NULL, NULL, NULL, NULL, NULL, NULL, 'status revoked in a Sessions API object', NULL, NULL, NULL
  FROM ok o LEFT JOIN session_events s ON s.session_id = o.object_id
  WHERE route = 'session_object' AND d.status = 'revoked' AND ended_at IS NOT NULL AND NOT coalesce(s.has_revoked, false)
  UNION ALL
  SELECT file_id, source_line, item_no, 'session_ends', object_id || ':expired', least(ended_at, expires_at), object_id,
         user_id, NULL, NULL, NULL, NULL, NULL, NULL, 'expired', NULL, NULL, NULL
  FROM ok WHERE route = 'session_object' AND d.status = 'expired' AND coalesce(ended_at, expires_at) IS NOT NULL
  UNION ALL
  SELECT file_id, source_line, item_no, 'lifecycle_events', source_id, ts, NULL, subject_id, NULL, NULL, NULL, NULL,
         NULL, NULL, event_type, kind, actor_id, json_object('event', event_type, 'email', d.email, 'actor_source', actor_source)
  FROM ok WHERE route = 'lifecycle'
  UNION ALL
  SELECT c.file_id, c.source_line, c.item_no, 'lifecycle_events', c.source_id || ':' || u.user_id, c.ts, NULL, u.user_id,
         NULL, NULL, NULL, NULL, NULL, NULL, 'connection.deactivated ' || c.object_id, 'sso_deactivated', c.actor_id,
         json_object('event', c.event_type, 'connection_id', c.object_id)
  FROM ok c JOIN connection_users u USING (file_id, source_line, item_no)
  UNION ALL
  SELECT a.file_id, a.source_line, a.item_no, 'access_events', a.source_id, a.ts, p.session_id, a.user_id, NULL,
         ra_str(a.d.ip_address), ra_str(a.d.user_agent), NULL, a.event_type, 'allowed', NULL, NULL, NULL, NULL
  FROM ok a JOIN paired p USING (file_id, source_line, item_no)
)
SELECT file_id, source_line, target, event_id, ts, session_id, subject_id, 'user' AS subject_type, expires_at, ip,
       user_agent, auth_method, action, outcome, reason, kind, actor_id, attributes
FROM out
-- An event repeated verbatim inside one record (a list page, a wrapper) is one event.
QUALIFY row_number() OVER (PARTITION BY file_id, source_line, target, event_id ORDER BY item_no) = 1
UNION ALL BY NAME
-- Well-formed items that gave no row are counted with the reason; malformed ones are quarantined.
SELECT c.file_id, c.source_line,
       CASE WHEN c.problem IS NOT NULL THEN 'quarantine' ELSE 'skipped' END AS target,
       CASE
         WHEN c.problem IS NOT NULL THEN c.problem
         WHEN c.item IS NULL THEN 'empty list'
         WHEN c.route = 'session_object' THEN 'session object already described by its events'
         WHEN NOT c.is_event THEN 'API object ' || c.object || ' (a snapshot, not an event)'
         WHEN c.route = 'connection' THEN 'connection.deactivated with no SSO user of it in these inputs'
         WHEN c.route = 'authentication' THEN 'authentication with no session of the user in these inputs'
         WHEN c.event_type = 'dsync.user.updated' THEN 'dsync.user.updated without a change to inactive'
         WHEN c.event_type = 'organization_membership.updated' THEN 'organization_membership.updated without deactivation or role change'
         ELSE 'event type not mapped: ' || c.event_type
       END AS reason,
       CASE c.problem
         WHEN 'invalid JSON' THEN 'the record is not valid JSON'
         WHEN 'not an object' THEN 'a WorkOS event or API object is a JSON object'
         WHEN 'missing field object' THEN 'a WorkOS event or API object has an object field'
         WHEN 'missing field event' THEN 'a WorkOS event requires event'
         WHEN 'missing field created_at' THEN coalesce(c.event_type, c.object) || ' requires created_at'
         WHEN 'bad time in created_at' THEN 'created_at ''' || c.ts_raw || ''' is not an ISO 8601 time'
         WHEN 'missing field id' THEN 'a session requires its id'
         WHEN 'missing field user_id' THEN 'a session requires user_id'
         WHEN 'missing the user' THEN c.event_type || ' names no user'
       END AS detail,
       CASE WHEN c.problem IS NOT NULL THEN left(c.rec, 4096) END AS raw
FROM checked c ANTI JOIN out o USING (file_id, source_line, item_no)
