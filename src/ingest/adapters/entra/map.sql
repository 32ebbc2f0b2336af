-- Microsoft Entra ID sign-in and audit logs onto the canonical tables (README.md beside this
-- file says which event becomes which row, what is skipped and why).
-- Shapes: the Azure Monitor export (diagnostic settings to storage or Event Hub: an outer
-- record with `category` and the event in `properties`, one per line or several in
-- {"records": [...]}) and the Microsoft Graph objects (signIn, directoryAudit; one per line
-- or a page {"value": [...]}). A test-case wrapper {"input": {"message": "<event JSON>"}}
-- is opened first. Each event is parsed once, by json_transform into the fields used here.
WITH raw AS (
  SELECT r.file_id, r.source_line, r.rec
  FROM raw_records r JOIN ingest_files f USING (file_id)
  WHERE f.adapter = 'entra'
), opened AS (
  -- String tests first, so an ordinary record is parsed only once (below).
  SELECT file_id, source_line, rec,
         CASE WHEN contains(rec, '"input"') AND try(json_valid(json_extract_string(rec, '$.input.message')))
              THEN json_extract_string(rec, '$.input.message') ELSE rec END AS doc
  FROM raw
), items AS (
  -- One row per event; an envelope's events share its line and keep their own ids.
  SELECT file_id, source_line, rec,
         unnest(CASE
           WHEN contains(doc, '"records"') AND try(json_type(doc, '$.records')) = 'ARRAY' THEN json_extract(doc, '$.records[*]')::VARCHAR[]
           WHEN contains(doc, '"value"') AND try(json_type(doc, '$.value')) = 'ARRAY' THEN json_extract(doc, '$.value[*]')::VARCHAR[]
           ELSE [doc]
         END) AS item
  FROM opened
), parsed AS (
  -- try(): an event that is not JSON gives NULL instead of failing the whole file.
  SELECT file_id, source_line, rec, item,
         try(json_transform(item, '{
           "time": "VARCHAR", "category": "VARCHAR", "operationName": "VARCHAR",
           "resultType": "VARCHAR", "correlationId": "VARCHAR",
           "id": "VARCHAR", "createdDateTime": "VARCHAR", "userId": "VARCHAR",
           "userPrincipalName": "VARCHAR", "appId": "VARCHAR", "appDisplayName": "VARCHAR",
           "ipAddress": "VARCHAR", "userAgent": "VARCHAR", "isInteractive": "VARCHAR",
           "sessionId": "VARCHAR", "status": {"errorCode": "VARCHAR", "failureReason": "VARCHAR"},
           "deviceDetail": {"deviceId": "VARCHAR"}, "clientAppUsed": "VARCHAR",
           "authenticationRequirement": "VARCHAR", "uniqueTokenIdentifier": "VARCHAR",
           "activityDisplayName": "VARCHAR", "activityDateTime": "VARCHAR", "result": "VARCHAR",
           "loggedByService": "VARCHAR",
           "initiatedBy": {"user": {"id": "VARCHAR", "userPrincipalName": "VARCHAR", "ipAddress": "VARCHAR"},
                           "app": {"appId": "VARCHAR", "servicePrincipalId": "VARCHAR", "displayName": "VARCHAR"}},
           "targetResources": [{"id": "VARCHAR", "type": "VARCHAR", "userPrincipalName": "VARCHAR"}],
           "properties": {
             "id": "VARCHAR", "createdDateTime": "VARCHAR", "userId": "VARCHAR",
             "userPrincipalName": "VARCHAR", "appId": "VARCHAR", "appDisplayName": "VARCHAR",
             "ipAddress": "VARCHAR", "userAgent": "VARCHAR", "isInteractive": "VARCHAR",
             "sessionId": "VARCHAR", "status": {"errorCode": "VARCHAR", "failureReason": "VARCHAR"},
             "deviceDetail": {"deviceId": "VARCHAR"}, "clientAppUsed": "VARCHAR",
             "authenticationRequirement": "VARCHAR", "uniqueTokenIdentifier": "VARCHAR",
             "activityDisplayName": "VARCHAR", "activityDateTime": "VARCHAR", "result": "VARCHAR",
             "loggedByService": "VARCHAR", "category": "VARCHAR", "correlationId": "VARCHAR",
             "initiatedBy": {"user": {"id": "VARCHAR", "userPrincipalName": "VARCHAR", "ipAddress": "VARCHAR"},
                             "app": {"appId": "VARCHAR", "servicePrincipalId": "VARCHAR", "displayName": "VARCHAR"}},
             "targetResources": [{"id": "VARCHAR", "type": "VARCHAR", "userPrincipalName": "VARCHAR"}],
             "requestMethod": "VARCHAR", "requestUri": "VARCHAR", "responseStatusCode": "VARCHAR"
           }
         }')) AS t
  FROM items
), fields AS (
  -- The Azure Monitor shape nests the event in `properties`; the Graph shape is the event.
  -- Its top-level `category` is then the log category (SignInLogs, AuditLogs, ...).
  SELECT file_id, source_line, rec, item,
         CASE WHEN t IS NULL THEN NULL WHEN starts_with(ltrim(item), '{') THEN 'OBJECT' ELSE json_type(item) END AS it,
         t.properties IS NOT NULL AS monitor,
         CASE WHEN t.properties IS NOT NULL THEN t.category END AS log_category,
         coalesce(t.properties, struct_pack(
           id := t.id, createdDateTime := t.createdDateTime, userId := t.userId,
           userPrincipalName := t.userPrincipalName, appId := t.appId, appDisplayName := t.appDisplayName,
           ipAddress := t.ipAddress, userAgent := t.userAgent, isInteractive := t.isInteractive,
           sessionId := t.sessionId, status := t.status, deviceDetail := t.deviceDetail,
           clientAppUsed := t.clientAppUsed, authenticationRequirement := t.authenticationRequirement,
           uniqueTokenIdentifier := t.uniqueTokenIdentifier, activityDisplayName := t.activityDisplayName,
           activityDateTime := t.activityDateTime, result := t.result, loggedByService := t.loggedByService,
           category := t.category, correlationId := t.correlationId, initiatedBy := t.initiatedBy,
           targetResources := t.targetResources, requestMethod := NULL::VARCHAR, requestUri := NULL::VARCHAR,
           responseStatusCode := NULL::VARCHAR)) AS p,
         t.time AS outer_time, t.operationName, t.resultType, t.correlationId AS outer_correlation
  FROM parsed
), classified AS (
  SELECT *,
         ra_str(p.id) AS source_id,
         coalesce(ra_str(p.correlationId), ra_str(outer_correlation)) AS correlation_id,
         CASE
           WHEN log_category = 'AuditLogs' OR (NOT monitor AND p.activityDisplayName IS NOT NULL) THEN 'audit'
           WHEN log_category IN ('SignInLogs', 'NonInteractiveUserSignInLogs') THEN 'user sign-in'
           WHEN log_category IS NULL AND NOT monitor AND p.createdDateTime IS NOT NULL
                AND p.isInteractive IS NOT NULL THEN 'user sign-in'
           WHEN log_category IN ('ServicePrincipalSignInLogs', 'ManagedIdentitySignInLogs',
                                 'MicrosoftServicePrincipalSignInLogs') THEN 'service sign-in'
           WHEN log_category = 'MicrosoftGraphActivityLogs' THEN 'graph activity'
           ELSE 'other'
         END AS family,
         -- Interactive: SignInLogs rows, or a Graph signIn with isInteractive true.
         CASE WHEN log_category IS NOT NULL THEN log_category = 'SignInLogs'
              ELSE lower(p.isInteractive) = 'true' END AS interactive,
         ra_str(p.sessionId) AS entra_session,
         coalesce(ra_str(p.status.errorCode), nullif(ra_str(resultType), '')) AS error_code,
         -- The activity name as written by the Microsoft 365 unified audit log may end in '.'.
         rtrim(trim(coalesce(p.activityDisplayName, CASE WHEN log_category = 'AuditLogs' THEN operationName END)), '.') AS activity,
         list_filter(p.targetResources, lambda r: r.type = 'User')[1].id AS target_user,
         coalesce(ra_str(p.initiatedBy.user.id), ra_str(p.initiatedBy.app.servicePrincipalId),
                  ra_str(p.initiatedBy.app.appId)) AS initiator
  FROM fields
), typed AS (
  SELECT *,
         CASE family
           WHEN 'audit' THEN coalesce(p.activityDateTime, outer_time)
           ELSE coalesce(p.createdDateTime, outer_time)
         END AS ts_raw,
         CASE activity
           WHEN 'Reset password (by admin)' THEN 'password_reset'
           WHEN 'Reset password (self-service)' THEN 'password_reset'
           WHEN 'Reset user password' THEN 'password_reset'
           WHEN 'Reset password' THEN 'password_reset'
           WHEN 'Change password (self-service)' THEN 'password_changed'
           -- Written for an admin's password change and for the user's own: the initiator says which.
           WHEN 'Change user password' THEN CASE WHEN initiator = target_user THEN 'password_changed' ELSE 'password_reset' END
           WHEN 'Disable account' THEN 'deactivated'
           WHEN 'Enable account' THEN 'reactivated'
           WHEN 'Delete user' THEN 'deleted'
           WHEN 'Hard Delete user' THEN 'deleted'
           WHEN 'Restore user' THEN 'reactivated'
           WHEN 'Admin deleted security info' THEN 'mfa_reset'
           WHEN 'Add member to role' THEN 'permissions_changed'
           WHEN 'Remove member from role' THEN 'permissions_changed'
           WHEN 'Add eligible member to role' THEN 'permissions_changed'
           WHEN 'Remove eligible member from role' THEN 'permissions_changed'
         END AS kind
  FROM classified
), routed AS (
  SELECT *,
         ra_ts(ts_raw) AS ts,
         coalesce(error_code, '0') = '0' AS succeeded,
         CASE
           WHEN family = 'audit' AND activity = 'Update StsRefreshTokenValidFrom Timestamp' THEN 'revocations'
           WHEN family = 'audit' AND kind IS NOT NULL THEN 'lifecycle_events'
           WHEN family = 'user sign-in' AND interactive AND coalesce(error_code, '0') = '0' THEN 'sessions'
           WHEN family = 'user sign-in' AND entra_session IS NOT NULL THEN 'access_events'
           WHEN family = 'graph activity' AND entra_session IS NOT NULL THEN 'access_events'
         END AS table_name,
         CASE
           WHEN family = 'audit' AND lower(coalesce(p.result, 'success')) <> 'success'
             THEN 'audit activity did not succeed'
           WHEN family = 'audit' AND activity <> 'Update StsRefreshTokenValidFrom Timestamp' AND kind IS NULL
             THEN 'audit activity not used: ' || coalesce(activity, 'unnamed')
           WHEN family = 'user sign-in' AND NOT interactive AND entra_session IS NULL
             THEN 'non-interactive sign-in without sessionId'
           WHEN family = 'user sign-in' AND interactive AND coalesce(error_code, '0') <> '0' AND entra_session IS NULL
             THEN 'failed sign-in without sessionId'
           WHEN family = 'service sign-in' THEN 'service principal or managed identity sign-in (no user session)'
           WHEN family = 'graph activity' AND entra_session IS NULL THEN 'Graph activity without sessionId'
           WHEN family = 'other' THEN 'log category not used: ' || coalesce(log_category, 'unknown')
         END AS skip_reason
  FROM typed
), checked AS (
  SELECT *,
         CASE
           WHEN it IS NULL THEN 'invalid JSON'
           WHEN it <> 'OBJECT' THEN 'not an object'
           WHEN skip_reason IS NOT NULL THEN NULL
           WHEN ts_raw IS NULL THEN 'missing time'
           WHEN ts IS NULL THEN 'bad time'
           WHEN family = 'user sign-in' AND ra_str(p.userId) IS NULL THEN 'missing field userId'
           WHEN family = 'audit' AND ra_str(target_user) IS NULL THEN 'missing target user'
         END AS problem
  FROM routed
), rows AS (
  SELECT *,
         CASE WHEN problem IS NOT NULL THEN 'quarantine' WHEN skip_reason IS NOT NULL THEN 'skipped' ELSE table_name END AS target,
         coalesce(source_id, CASE WHEN it = 'OBJECT' THEN ra_content_id(json_transform(item, '"MAP(VARCHAR, JSON)"')) END) AS event_id
  FROM checked
)
SELECT file_id, source_line, target,
       CASE WHEN target NOT IN ('quarantine', 'skipped') THEN event_id END AS event_id,
       ts,
       CASE
         WHEN target = 'sessions' THEN coalesce(entra_session, 'signin:' || event_id)
         WHEN target = 'access_events' THEN entra_session
       END AS session_id,
       CASE WHEN family = 'audit' THEN ra_str(target_user) ELSE ra_str(p.userId) END AS subject_id,
       CASE WHEN target = 'sessions' THEN 'user' END AS subject_type,
       NULL AS owner_id, NULL::TIMESTAMPTZ AS expires_at,
       CASE WHEN target IN ('sessions', 'access_events') THEN ra_str(p.ipAddress) END AS ip,
       CASE WHEN target IN ('sessions', 'access_events') THEN ra_str(p.userAgent) END AS user_agent,
       CASE WHEN target = 'sessions' THEN ra_str(p.deviceDetail.deviceId) END AS device_id,
       CASE WHEN target = 'sessions' THEN ra_str(p.authenticationRequirement) END AS auth_method,
       CASE
         WHEN target = 'access_events' AND family = 'graph activity' THEN concat_ws(' ', p.requestMethod, p.requestUri)
         WHEN target = 'access_events' THEN CASE WHEN interactive THEN 'interactive sign-in' ELSE 'non-interactive sign-in' END
                                            || coalesce(': ' || ra_str(p.appDisplayName), '')
       END AS action,
       CASE
         WHEN target <> 'access_events' THEN NULL
         WHEN family = 'graph activity' THEN CASE WHEN try_cast(p.responseStatusCode AS INTEGER) < 400 THEN 'allowed' ELSE 'denied' END
         WHEN succeeded THEN 'allowed' ELSE 'denied'
       END AS outcome,
       CASE
         WHEN target = 'quarantine' THEN problem
         WHEN target = 'skipped' THEN skip_reason
         WHEN target = 'access_events' AND NOT succeeded THEN coalesce(ra_str(p.status.failureReason), 'error ' || error_code)
         WHEN target IN ('lifecycle_events', 'revocations') THEN activity
       END AS reason,
       CASE WHEN target = 'lifecycle_events' THEN kind END AS kind,
       CASE WHEN target IN ('lifecycle_events', 'revocations') THEN initiator END AS actor_id,
       NULL AS initiating_session_id,
       -- The change that made Entra revoke (a password change, a disable) shares the
       -- revocation's correlationId: it is the revocation's trigger.
       CASE WHEN target = 'revocations' AND correlation_id IS NOT NULL THEN
         arg_min(event_id, ts) FILTER (WHERE target = 'lifecycle_events') OVER (PARTITION BY correlation_id)
       END AS trigger_event_id,
       CASE WHEN target NOT IN ('quarantine', 'skipped') THEN ra_object(list_filter([
         {'key': 'log_category', 'value': to_json(log_category)},
         {'key': 'user_principal_name', 'value': to_json(CASE WHEN family = 'audit'
            THEN list_filter(p.targetResources, lambda r: r.type = 'User')[1].userPrincipalName ELSE p.userPrincipalName END)},
         {'key': 'app', 'value': to_json(ra_str(p.appDisplayName))},
         {'key': 'client_app', 'value': to_json(ra_str(p.clientAppUsed))},
         {'key': 'correlation_id', 'value': to_json(correlation_id)},
         {'key': 'unique_token_identifier', 'value': to_json(ra_str(p.uniqueTokenIdentifier))},
         {'key': 'logged_by_service', 'value': to_json(ra_str(p.loggedByService))},
         {'key': 'initiator_upn', 'value': to_json(ra_str(p.initiatedBy.user.userPrincipalName))},
         {'key': 'session_id_synthesized', 'value': to_json(CASE WHEN target = 'sessions' AND entra_session IS NULL THEN true END)}
       ], lambda e: e.value::VARCHAR <> 'null')) END AS attributes,
       CASE problem
         WHEN 'invalid JSON' THEN 'the record is not valid JSON'
         WHEN 'not an object' THEN 'an Entra event must be a JSON object, found ' || lower(it)
         WHEN 'missing time' THEN 'the event has no createdDateTime, activityDateTime or time'
         WHEN 'bad time' THEN 'time ''' || ts_raw || ''' is not RFC 3339 with an offset'
         WHEN 'missing field userId' THEN 'a user sign-in must name its userId'
         WHEN 'missing target user' THEN '''' || activity || ''' names no targetResources entry of type User'
       END AS detail,
       CASE WHEN problem IS NOT NULL THEN left(rec, 4096) END AS raw
FROM rows
