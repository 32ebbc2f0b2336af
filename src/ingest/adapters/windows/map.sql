-- Windows Security event log records exported as JSON onto the canonical tables (README.md
-- beside this file says which event becomes which row, what is skipped and why).
-- Shapes: flat NXLog-style records (OTRF Security-Datasets: EventID, Hostname, @timestamp and
-- the event data at the top level) and Winlogbeat / Elastic Agent documents (winlog.event_id,
-- winlog.computer_name, winlog.event_data.*). Each record is parsed once.
-- A logon session is named <host>:<TargetLogonId>: logon ids are unique per host and boot.
WITH raw AS (
  SELECT r.file_id, r.source_line, r.rec
  FROM raw_records r JOIN ingest_files f USING (file_id)
  WHERE f.adapter = 'windows'
), parsed AS (
  -- try(): a record that is not JSON gives NULL instead of failing the whole file.
  SELECT file_id, source_line, rec,
         try(json_transform(rec, '{
           "@timestamp": "VARCHAR", "EventID": "VARCHAR", "Hostname": "VARCHAR", "RecordNumber": "VARCHAR",
           "Channel": "VARCHAR", "SourceName": "VARCHAR", "EventType": "VARCHAR",
           "SubjectUserSid": "VARCHAR", "SubjectUserName": "VARCHAR", "SubjectDomainName": "VARCHAR", "SubjectLogonId": "VARCHAR",
           "TargetUserSid": "VARCHAR", "TargetSid": "VARCHAR", "TargetUserName": "VARCHAR", "TargetDomainName": "VARCHAR",
           "TargetLogonId": "VARCHAR", "LogonType": "VARCHAR", "IpAddress": "VARCHAR", "WorkstationName": "VARCHAR",
           "AuthenticationPackageName": "VARCHAR", "LogonProcessName": "VARCHAR",
           "winlog": {"event_id": "VARCHAR", "computer_name": "VARCHAR", "record_id": "VARCHAR", "channel": "VARCHAR",
                      "provider_name": "VARCHAR", "keywords": "VARCHAR[]",
                      "event_data": {
                        "SubjectUserSid": "VARCHAR", "SubjectUserName": "VARCHAR", "SubjectDomainName": "VARCHAR", "SubjectLogonId": "VARCHAR",
                        "TargetUserSid": "VARCHAR", "TargetSid": "VARCHAR", "TargetUserName": "VARCHAR", "TargetDomainName": "VARCHAR",
                        "TargetLogonId": "VARCHAR", "LogonType": "VARCHAR", "IpAddress": "VARCHAR", "WorkstationName": "VARCHAR",
                        "AuthenticationPackageName": "VARCHAR", "LogonProcessName": "VARCHAR"}},
           "event": {"outcome": "VARCHAR"}
         }')) AS w
  FROM raw
), fields AS (
  -- The same fields from either shape (Winlogbeat nests them under winlog.event_data).
  SELECT file_id, source_line, rec, w,
         CASE WHEN w IS NULL THEN NULL WHEN starts_with(ltrim(rec), '{') THEN 'OBJECT' ELSE json_type(rec) END AS jt,
         try_cast(coalesce(ra_str(w.winlog.event_id), ra_str(w.EventID)) AS INTEGER) AS event_code,
         lower(coalesce(ra_str(w.winlog.computer_name), ra_str(w.Hostname))) AS host,
         coalesce(ra_str(w.winlog.record_id), ra_str(w.RecordNumber)) AS record_number,
         coalesce(ra_str(w.winlog.channel), ra_str(w.Channel)) AS channel,
         coalesce(ra_str(w.winlog.provider_name), ra_str(w.SourceName)) AS provider,
         ra_str(w."@timestamp") AS ts_raw,
         -- Failure: NXLog EventType AUDIT_FAILURE, Winlogbeat keyword "Audit Failure" or event.outcome.
         coalesce(upper(w.EventType) = 'AUDIT_FAILURE', list_contains(w.winlog.keywords, 'Audit Failure'),
                  lower(w.event.outcome) = 'failure', false) AS failed,
         nullif(ra_str(coalesce(w.winlog.event_data.SubjectLogonId, w.SubjectLogonId)), '-') AS subject_logon_raw,
         nullif(ra_str(coalesce(w.winlog.event_data.TargetLogonId, w.TargetLogonId)), '-') AS target_logon_raw,
         nullif(ra_str(coalesce(w.winlog.event_data.SubjectUserSid, w.SubjectUserSid)), '-') AS subject_sid,
         nullif(ra_str(coalesce(w.winlog.event_data.SubjectUserName, w.SubjectUserName)), '-') AS subject_name,
         nullif(ra_str(coalesce(w.winlog.event_data.SubjectDomainName, w.SubjectDomainName)), '-') AS subject_domain,
         -- 4624/4634/4647 name the account in TargetUserSid; the account management events in TargetSid.
         nullif(ra_str(coalesce(w.winlog.event_data.TargetUserSid, w.TargetUserSid,
                                w.winlog.event_data.TargetSid, w.TargetSid)), '-') AS target_sid,
         nullif(ra_str(coalesce(w.winlog.event_data.TargetUserName, w.TargetUserName)), '-') AS target_name,
         nullif(ra_str(coalesce(w.winlog.event_data.TargetDomainName, w.TargetDomainName)), '-') AS target_domain,
         ra_str(coalesce(w.winlog.event_data.LogonType, w.LogonType)) AS logon_type,
         nullif(ra_str(coalesce(w.winlog.event_data.IpAddress, w.IpAddress)), '-') AS ip,
         nullif(ra_str(coalesce(w.winlog.event_data.WorkstationName, w.WorkstationName)), '-') AS workstation,
         nullif(ra_str(coalesce(w.winlog.event_data.AuthenticationPackageName, w.AuthenticationPackageName)), '-') AS auth_package
  FROM parsed
), typed AS (
  SELECT *,
         ra_ts(ts_raw) AS ts,
         -- Logon ids are hex LUIDs; lower-cased so 0x3E7 and 0x3e7 name one session.
         lower(target_logon_raw) AS target_logon,
         lower(subject_logon_raw) AS subject_logon,
         CASE event_code
           WHEN 4723 THEN 'password_changed'
           WHEN 4724 THEN 'password_reset'
           WHEN 4725 THEN 'deactivated'
           WHEN 4726 THEN 'deleted'
           WHEN 4740 THEN 'suspended'
           WHEN 4722 THEN 'reactivated'
           WHEN 4767 THEN 'reactivated'
         END AS kind,
         CASE event_code
           WHEN 4723 THEN 'password change attempt (4723)'
           WHEN 4724 THEN 'password reset attempt (4724)'
           WHEN 4725 THEN 'account disabled (4725)'
           WHEN 4726 THEN 'account deleted (4726)'
           WHEN 4740 THEN 'account locked out (4740)'
           WHEN 4722 THEN 'account enabled (4722)'
           WHEN 4767 THEN 'account unlocked (4767)'
         END AS kind_reason
  FROM fields
), primary_rows AS (
  -- What the event itself is: a logon, a logoff, a change to an account, or nothing we use.
  SELECT *,
         CASE
           WHEN event_code = 4624 AND NOT failed THEN 'sessions'
           WHEN event_code IN (4634, 4647) THEN 'session_ends'
           WHEN kind IS NOT NULL AND NOT failed THEN 'lifecycle_events'
         END AS table_name,
         -- The account the event is about: a machine account (name ending in $) or a
         -- well-known service SID (SYSTEM, LOCAL/NETWORK SERVICE, DWM, UMFD, ...) is a service.
         CASE WHEN target_name LIKE '%$' OR NOT starts_with(coalesce(target_sid, 'S-1-5-21-'), 'S-1-5-21-')
              THEN 'service' ELSE 'user' END AS target_type
  FROM typed
), checked AS (
  SELECT *,
         CASE
           WHEN jt IS NULL THEN 'invalid JSON'
           WHEN jt <> 'OBJECT' THEN 'not an object'
           WHEN event_code IS NULL THEN 'missing field EventID'
           WHEN table_name IS NULL AND (subject_logon IS NULL OR subject_logon = '0x0') THEN NULL
           WHEN ts_raw IS NULL THEN 'missing field @timestamp'
           WHEN ts IS NULL THEN 'bad time'
           WHEN table_name IS NOT NULL AND host IS NULL THEN 'missing host'
           WHEN table_name IN ('sessions', 'session_ends') AND target_logon IS NULL THEN 'missing field TargetLogonId'
           WHEN table_name IN ('sessions', 'lifecycle_events') AND target_sid IS NULL THEN 'missing target account'
         END AS problem
  FROM primary_rows
), expanded AS (
  -- A record gives its own row and, when its subject logon id names a logon session (not
  -- 0x0, and not the session the record itself opens or closes), a use of that session.
  SELECT *, 'event' AS part, table_name AS tbl FROM checked
  UNION ALL
  SELECT *, 'use' AS part, 'access_events' AS tbl FROM checked
  WHERE subject_logon IS NOT NULL AND subject_logon <> '0x0' AND subject_logon IS DISTINCT FROM target_logon AND host IS NOT NULL
), rows AS (
  SELECT *,
         CASE
           WHEN problem IS NOT NULL THEN 'quarantine'
           WHEN tbl IS NOT NULL THEN tbl
           -- A record that only gives a use of a session is not skipped for its own part.
           WHEN part = 'event' AND subject_logon IS NOT NULL AND subject_logon <> '0x0'
                AND subject_logon IS DISTINCT FROM target_logon AND host IS NOT NULL THEN NULL
           ELSE 'skipped'
         END AS target,
         coalesce(host || '/' || lower(coalesce(channel, 'security')) || '/' || record_number,
                  CASE WHEN jt = 'OBJECT' THEN ra_content_id(json_transform(rec, '"MAP(VARCHAR, JSON)"')) END) AS source_id
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
         WHEN target IN ('sessions', 'session_ends') THEN host || ':' || target_logon
         WHEN target = 'access_events' THEN host || ':' || subject_logon
       END AS session_id,
       CASE
         WHEN target IN ('sessions', 'session_ends', 'lifecycle_events') THEN target_sid
         WHEN target = 'access_events' THEN subject_sid
       END AS subject_id,
       CASE WHEN target = 'sessions' THEN target_type END AS subject_type,
       NULL AS owner_id, NULL::TIMESTAMPTZ AS expires_at,
       CASE WHEN target = 'sessions' THEN ip END AS ip,
       NULL AS user_agent,
       CASE WHEN target = 'sessions' THEN workstation END AS device_id,
       CASE WHEN target = 'sessions' THEN concat_ws(' ', 'logon type ' || logon_type, auth_package) END AS auth_method,
       CASE WHEN target = 'access_events' THEN 'event ' || event_code END AS action,
       -- The logon session was accepted even when the operation it attempted failed.
       CASE WHEN target = 'access_events' THEN 'allowed' END AS outcome,
       CASE
         WHEN target = 'quarantine' THEN problem
         WHEN target = 'skipped' THEN CASE
           WHEN failed AND kind IS NOT NULL THEN 'failed attempt: ' || kind_reason
           WHEN failed AND event_code = 4624 THEN 'failed logon'
           ELSE 'event not used: ' || event_code END
         WHEN target = 'session_ends' THEN 'logout'
         WHEN target = 'lifecycle_events' THEN kind_reason
         WHEN target = 'access_events' AND failed THEN 'the attempted operation failed (audit failure)'
       END AS reason,
       CASE WHEN target = 'lifecycle_events' THEN kind END AS kind,
       CASE WHEN target = 'lifecycle_events' THEN subject_sid END AS actor_id,
       -- The logon session a user changed their own password in (4723), kept by policy.
       CASE WHEN target = 'lifecycle_events' AND event_code = 4723 AND subject_logon IS NOT NULL AND subject_logon <> '0x0'
            THEN host || ':' || subject_logon END AS initiating_session_id,
       NULL AS trigger_event_id,
       CASE WHEN target NOT IN ('quarantine', 'skipped') THEN ra_object(list_filter([
         {'key': 'event_id', 'value': to_json(event_code)},
         {'key': 'host', 'value': to_json(host)},
         {'key': 'account', 'value': to_json(CASE WHEN part = 'use' THEN concat_ws('\', subject_domain, subject_name)
                                                  ELSE concat_ws('\', target_domain, target_name) END)},
         {'key': 'actor_account', 'value': to_json(CASE WHEN target = 'lifecycle_events' THEN concat_ws('\', subject_domain, subject_name) END)},
         {'key': 'logon_type', 'value': to_json(CASE WHEN target IN ('sessions', 'session_ends') THEN logon_type END)}
       ], lambda x: x.value::VARCHAR NOT IN ('null', '""'))) END AS attributes,
       CASE problem
         WHEN 'invalid JSON' THEN 'the record is not valid JSON'
         WHEN 'not an object' THEN 'a Windows event must be a JSON object, found ' || lower(jt)
         WHEN 'missing field EventID' THEN 'the record has no EventID (or winlog.event_id)'
         WHEN 'missing field @timestamp' THEN 'event ' || event_code || ' has no @timestamp (EventTime carries no zone)'
         WHEN 'bad time' THEN '@timestamp ''' || ts_raw || ''' is not RFC 3339 with an offset'
         WHEN 'missing host' THEN 'event ' || event_code || ' names no host (Hostname or winlog.computer_name)'
         WHEN 'missing field TargetLogonId' THEN 'event ' || event_code || ' has no TargetLogonId'
         WHEN 'missing target account' THEN 'event ' || event_code || ' names no target account SID'
       END AS detail,
       CASE WHEN problem IS NOT NULL THEN left(rec, 4096) END AS raw
FROM rows
WHERE target IS NOT NULL
