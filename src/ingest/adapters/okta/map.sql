-- Okta System Log events (LogEvent, from GET /api/v1/logs, an event hook or a SIEM export)
-- onto the canonical tables. docs/formats.md#okta lists every mapping and its gaps.
-- Every record gives exactly one row: its canonical row, a skipped row (well-formed, outside
-- what any rule uses) or a quarantine row.
WITH recs AS (
  SELECT r.file_id, r.source_line, r.rec,
         CASE WHEN json_valid(r.rec) THEN json_type(r.rec) END AS jt
  FROM raw_records r JOIN ingest_files f USING (file_id)
  WHERE f.adapter = 'okta'
), unwrapped AS (
  -- A SEKOIA intake test case holds the raw event as a JSON string in input.message.
  SELECT file_id, source_line, rec, jt,
         CASE WHEN jt = 'OBJECT' THEN coalesce(
           CASE WHEN json_valid(json_extract_string(rec, '$.input.message'))
                THEN json_extract_string(rec, '$.input.message') END,
           rec) END AS ev
  FROM recs
), parsed AS (
  -- Parse each event once into the fields the mapping reads.
  SELECT file_id, source_line, rec, jt, ev,
         CASE WHEN ev IS NOT NULL THEN json_type(ev) END AS et,
         json_transform(ev, '{
           "uuid": "VARCHAR", "published": "VARCHAR", "eventType": "VARCHAR", "displayMessage": "VARCHAR",
           "actor": {"id": "VARCHAR", "type": "VARCHAR", "alternateId": "VARCHAR"},
           "target": [{"id": "VARCHAR", "type": "VARCHAR", "alternateId": "VARCHAR", "displayName": "VARCHAR"}],
           "client": {"ipAddress": "VARCHAR", "userAgent": {"rawUserAgent": "VARCHAR"}},
           "outcome": {"result": "VARCHAR", "reason": "VARCHAR"},
           "authenticationContext": {"externalSessionId": "VARCHAR", "credentialType": "VARCHAR"},
           "transaction": {"id": "VARCHAR"}
         }') AS e
  FROM unwrapped
), named AS (
  SELECT file_id, source_line, rec, jt, et, ev,
         ra_str(e.uuid) AS uuid,
         ra_str(e.published) AS ts_raw,
         ra_ts(ra_str(e.published)) AS ts,
         ra_str(e.eventType) AS event_type,
         ra_str(e.actor.id) AS actor_id,
         e.actor.type AS actor_type,
         ra_str(list_filter(e.target, lambda t: t.type = 'User')[1].id) AS target_user,
         coalesce(list_filter(e.target, lambda t: t.type = 'User')[1].alternateId,
                  CASE WHEN e.actor.type = 'User' THEN e.actor.alternateId END) AS user_login,
         list_filter(e.target, lambda t: t.type = 'AppInstance')[1].displayName AS app,
         -- Okta writes 'unknown' where an event has no session.
         CASE WHEN lower(ra_str(e.authenticationContext.externalSessionId)) NOT IN ('unknown', 'null')
              THEN ra_str(e.authenticationContext.externalSessionId) END AS session_id,
         ra_str(e.client.ipAddress) AS ip,
         ra_str(e.client.userAgent.rawUserAgent) AS user_agent,
         e.authenticationContext.credentialType AS credential_type,
         upper(ra_str(e.outcome.result)) AS result,
         ra_str(e.outcome.reason) AS outcome_reason,
         ra_str(e.transaction.id) AS transaction_id,
         e.displayMessage AS display_message
  FROM parsed
), triggers AS (
  -- Events that end sessions as a side effect. The user.session.end rows Okta writes for each
  -- session it kills share the trigger's transaction.id: they are revocations, not logouts.
  SELECT transaction_id, min(uuid) AS trigger_id, min(actor_id) AS trigger_actor, min(event_type) AS trigger_type
  FROM named
  WHERE transaction_id IS NOT NULL
    AND event_type IN ('user.session.clear', 'user.authentication.universal_logout', 'user.lifecycle.deactivate',
                       'user.lifecycle.suspend', 'user.lifecycle.delete.initiated', 'user.account.reset_password')
  GROUP BY transaction_id
), typed AS (
  SELECT n.*, t.trigger_id, t.trigger_actor, t.trigger_type,
         -- The person an event is about: the target user; for self-service events, the actor.
         coalesce(n.target_user, CASE WHEN n.actor_type = 'User' THEN n.actor_id END) AS user_id,
         coalesce(n.result IN ('SUCCESS', 'ALLOW'), false) AS succeeded,
         CASE n.event_type
           WHEN 'user.account.reset_password' THEN 'password_reset'
           WHEN 'user.account.update_password' THEN 'password_changed'
           WHEN 'user.lifecycle.deactivate' THEN 'deactivated'
           WHEN 'user.lifecycle.suspend' THEN 'suspended'
           WHEN 'user.lifecycle.unsuspend' THEN 'reactivated'
           WHEN 'user.lifecycle.reactivate' THEN 'reactivated'
           WHEN 'user.lifecycle.delete.initiated' THEN 'deleted'
           WHEN 'user.mfa.factor.reset_all' THEN 'mfa_reset'
           WHEN 'user.account.privilege.revoke' THEN 'permissions_changed'
           WHEN 'group.user_membership.remove' THEN 'permissions_changed'
         END AS kind,
         CASE
           WHEN n.event_type = 'user.session.start' THEN 'sessions'
           WHEN n.event_type = 'user.session.end' AND t.trigger_id IS NOT NULL THEN 'revocations'
           WHEN n.event_type IN ('user.session.end', 'user.session.expire') THEN 'session_ends'
           WHEN n.event_type IN ('user.session.clear', 'user.authentication.universal_logout') THEN 'revocations'
           WHEN n.event_type IN ('user.account.reset_password', 'user.account.update_password',
                                 'user.lifecycle.deactivate', 'user.lifecycle.suspend', 'user.lifecycle.unsuspend',
                                 'user.lifecycle.reactivate', 'user.lifecycle.delete.initiated',
                                 'user.mfa.factor.reset_all', 'user.account.privilege.revoke',
                                 'group.user_membership.remove') THEN 'lifecycle_events'
           -- SSO into an app, the admin console, and the factor checks inside a session use it.
           WHEN n.event_type IN ('user.authentication.sso', 'user.session.access_admin_app',
                                 'user.authentication.auth_via_mfa', 'user.authentication.verify',
                                 'user.authentication.auth_via_IDP') THEN 'access_events'
         END AS table_name,
         CASE WHEN n.result IN ('SUCCESS', 'ALLOW') THEN 'allowed'
              WHEN n.result IN ('FAILURE', 'DENY') THEN 'denied' END AS access_outcome
  FROM named n LEFT JOIN triggers t USING (transaction_id)
), checked AS (
  SELECT *,
         CASE
           WHEN jt IS NULL THEN 'invalid JSON'
           WHEN jt <> 'OBJECT' OR et <> 'OBJECT' THEN 'not an object'
           WHEN event_type IS NULL THEN 'missing field eventType'
           WHEN ts_raw IS NULL THEN 'missing field published'
           WHEN ts IS NULL THEN 'bad time in published'
           WHEN table_name IN ('lifecycle_events') AND user_id IS NULL THEN 'missing target user'
           WHEN event_type IN ('user.session.clear', 'user.authentication.universal_logout') AND user_id IS NULL
             THEN 'missing target user'
         END AS problem,
         CASE
           WHEN table_name IS NULL THEN 'event type not mapped: ' || event_type
           WHEN table_name = 'access_events' AND access_outcome IS NULL
             THEN 'session use with outcome ' || coalesce(result, 'missing')
           WHEN table_name <> 'access_events' AND NOT succeeded
             THEN event_type || ' with outcome ' || coalesce(result, 'missing')
           WHEN table_name IN ('sessions', 'session_ends', 'access_events') AND session_id IS NULL
             THEN event_type || ' without a session id'
           WHEN table_name = 'revocations' AND event_type = 'user.session.end' AND session_id IS NULL
             THEN event_type || ' without a session id'
         END AS skip_reason
  FROM typed
)
SELECT file_id, source_line,
       CASE WHEN problem IS NOT NULL THEN 'quarantine' WHEN skip_reason IS NOT NULL THEN 'skipped' ELSE table_name END AS target,
       CASE WHEN problem IS NULL THEN coalesce(uuid, ra_content_id(json_transform(ev, '"MAP(VARCHAR, JSON)"'))) END AS event_id,
       ts,
       CASE WHEN table_name = 'revocations' AND event_type <> 'user.session.end' THEN NULL ELSE session_id END AS session_id,
       -- A session row of the per-session ends gets its subject from the session after loading.
       CASE WHEN table_name = 'revocations' AND event_type = 'user.session.end' THEN target_user
            WHEN table_name IN ('access_events', 'session_ends', 'sessions') THEN coalesce(CASE WHEN actor_type = 'User' THEN actor_id END, target_user)
            ELSE user_id END AS subject_id,
       'user' AS subject_type,
       ip, user_agent,
       CASE WHEN table_name = 'sessions' THEN credential_type END AS auth_method,
       CASE WHEN table_name = 'access_events' THEN event_type || coalesce(' ' || app, '') END AS action,
       CASE WHEN table_name = 'access_events' THEN access_outcome END AS outcome,
       CASE
         WHEN problem IS NOT NULL THEN problem
         WHEN skip_reason IS NOT NULL THEN skip_reason
         WHEN table_name = 'session_ends' THEN CASE event_type WHEN 'user.session.expire' THEN 'expired' ELSE 'logout' END
         WHEN table_name = 'revocations' THEN coalesce(trigger_type, event_type)
         WHEN table_name = 'access_events' THEN outcome_reason
         WHEN table_name = 'lifecycle_events' THEN display_message
       END AS reason,
       kind,
       CASE WHEN table_name = 'revocations' AND event_type = 'user.session.end' THEN trigger_actor
            WHEN table_name IN ('revocations', 'lifecycle_events') THEN actor_id END AS actor_id,
       -- On an admin's action externalSessionId is the admin's own session, never the target's.
       CASE WHEN table_name = 'lifecycle_events' AND actor_id = user_id THEN session_id END AS initiating_session_id,
       CASE WHEN table_name = 'revocations' AND event_type = 'user.session.end' THEN trigger_id END AS trigger_event_id,
       CASE WHEN problem IS NULL THEN json_object('event_type', event_type, 'display_message', display_message,
                                                  'transaction_id', transaction_id, 'login', user_login) END AS attributes,
       CASE problem
         WHEN 'invalid JSON' THEN 'the record is not valid JSON'
         WHEN 'not an object' THEN 'an Okta LogEvent is a JSON object'
         WHEN 'missing field eventType' THEN 'an Okta LogEvent requires eventType'
         WHEN 'missing field published' THEN 'an Okta LogEvent requires published'
         WHEN 'bad time in published' THEN 'published ''' || ts_raw || ''' is not RFC 3339 with an offset'
         WHEN 'missing target user' THEN event_type || ' names no target of type User and its actor is not a user'
       END AS detail,
       CASE WHEN problem IS NOT NULL THEN left(rec, 4096) END AS raw
FROM checked
