-- Shared views over the canonical tables and `policy`: the "Rule semantics" of DESIGN.md
-- written once, so every rule and the coverage read the same definitions.
-- Comparisons are exactly as the contract writes them (< strict, <= not).

CREATE OR REPLACE VIEW global_policy AS
SELECT * FROM policy WHERE scope = 'global';

-- One row per session: the earliest creation record of each session_id. A source that does
-- not record expiry gets expires_at = created_at + its policy session_lifetime, when set.
CREATE OR REPLACE VIEW session_base AS
SELECT s.* REPLACE (coalesce(s.expires_at, s.created_at + ra_seconds(p.session_lifetime_seconds)) AS expires_at)
FROM sessions s
LEFT JOIN policy p ON p.scope = 'source' AND p.name = s.source
QUALIFY row_number() OVER (PARTITION BY s.session_id ORDER BY s.created_at, s.source, s.event_id) = 1;

-- "Session times": R (revocation), L (logout), E (expiry) and D = min(R, L) of every session.
-- R: the earliest revocation at or after creation naming the session, or its subject with
--    scope all (session_id null). L: the earliest logout at or after creation.
-- E: min(expires_at, any session.ended with reason expired).
CREATE OR REPLACE VIEW session_times AS
WITH revs AS (
  SELECT s.session_id, r.ts, r.event_id, r.source_file, r.source_line
  FROM session_base s JOIN revocations r ON r.session_id = s.session_id AND r.ts >= s.created_at
  UNION ALL
  SELECT s.session_id, r.ts, r.event_id, r.source_file, r.source_line
  FROM session_base s JOIN revocations r
    ON r.session_id IS NULL AND r.subject_id = s.subject_id AND r.ts >= s.created_at
), first_rev AS (
  SELECT session_id, ts AS revoked_at, event_id AS revocation_event_id,
         source_file AS revocation_file, source_line AS revocation_line
  FROM revs
  QUALIFY row_number() OVER (PARTITION BY session_id ORDER BY ts, event_id) = 1
), first_logout AS (
  SELECT e.session_id, e.ts AS logout_at, e.event_id AS logout_event_id,
         e.source_file AS logout_file, e.source_line AS logout_line
  FROM session_base s JOIN session_ends e
    ON e.session_id = s.session_id AND e.reason = 'logout' AND e.ts >= s.created_at
  QUALIFY row_number() OVER (PARTITION BY e.session_id ORDER BY e.ts, e.event_id) = 1
), expiry AS (
  SELECT session_id, min(ts) AS expired_at FROM session_ends WHERE reason = 'expired' GROUP BY ALL
)
SELECT s.*,
       fr.revoked_at, fr.revocation_event_id, fr.revocation_file, fr.revocation_line,
       fl.logout_at, fl.logout_event_id, fl.logout_file, fl.logout_line,
       least(s.expires_at, ex.expired_at) AS expiry_at,
       least(fr.revoked_at, fl.logout_at) AS ended_deliberately_at
FROM session_base s
LEFT JOIN first_rev fr USING (session_id)
LEFT JOIN first_logout fl USING (session_id)
LEFT JOIN expiry ex USING (session_id);

-- "The inputs end": the latest event time of any loaded record, capped by --to.
CREATE OR REPLACE VIEW inputs_end AS
SELECT least(
  (SELECT max(ts) FROM (
     SELECT max(created_at) AS ts FROM sessions
     UNION ALL SELECT max(ts) FROM access_events
     UNION ALL SELECT max(ts) FROM session_ends
     UNION ALL SELECT max(ts) FROM lifecycle_events
     UNION ALL SELECT max(ts) FROM revocations)),
  (SELECT period_to FROM global_policy)) AS ts;

-- Lifecycle events whose kind requires revocation, with their window [T - skew, T + sla].
CREATE OR REPLACE VIEW revocation_required_events AS
SELECT l.*, p.sla_seconds, p.skew_seconds,
       l.ts - ra_seconds(p.skew_seconds) AS window_start,
       l.ts + ra_seconds(p.sla_seconds) AS deadline
FROM lifecycle_events l
JOIN policy p ON p.scope = 'kind' AND p.name = l.kind
WHERE p.requires_revocation;

-- "Which sessions an event requires": the required set of each event, one row per
-- (event, session), with the session's times and whether it came in through its owner.
CREATE OR REPLACE VIEW required_sessions AS
WITH candidates AS (
  SELECT e.event_id AS lifecycle_event_id, e.source AS lifecycle_source, e.kind, e.ts AS t,
         e.subject_id AS event_subject_id, e.initiating_session_id, e.device_id AS event_device_id,
         e.window_start, e.deadline, e.sla_seconds, e.skew_seconds,
         e.source_file AS event_file, e.source_line AS event_line,
         false AS via_owner, st.*
  FROM revocation_required_events e JOIN session_times st ON st.subject_id = e.subject_id
  UNION ALL
  -- Direct ownership only: agent and service sessions whose owner is the event's subject,
  -- for the kinds that end every session (not password_changed, permissions_changed, device_lost).
  SELECT e.event_id, e.source, e.kind, e.ts, e.subject_id, e.initiating_session_id, e.device_id,
         e.window_start, e.deadline, e.sla_seconds, e.skew_seconds, e.source_file, e.source_line,
         true, st.*
  FROM revocation_required_events e
  JOIN session_times st
    ON st.owner_id = e.subject_id AND st.subject_type IN ('agent', 'service')
   AND st.subject_id IS DISTINCT FROM e.subject_id
  WHERE e.kind NOT IN ('password_changed', 'permissions_changed', 'device_lost')
)
SELECT c.*
FROM candidates c, global_policy g
WHERE c.created_at <= c.t                                                   -- live at T ...
  AND (c.ended_deliberately_at IS NULL OR c.ended_deliberately_at >= c.window_start)
  AND (c.expiry_at IS NULL OR c.expiry_at > c.t)
  AND NOT (c.kind IN ('password_changed', 'permissions_changed', 'device_lost')
           AND c.subject_type IN ('agent', 'service'))                      -- never agent/service sessions
  AND NOT (c.kind IN ('password_changed', 'permissions_changed') AND g.keep_initiating_session
           AND coalesce(c.session_id = c.initiating_session_id, false))   -- keep the initiating session
  AND NOT (c.kind = 'device_lost' AND c.event_device_id IS NOT NULL
           AND c.device_id IS DISTINCT FROM c.event_device_id);             -- only the lost device

-- "Coverage of a required session s for event e".
CREATE OR REPLACE VIEW required_session_status AS
SELECT r.*,
       CASE
         WHEN r.revoked_at >= r.window_start AND r.revoked_at <= r.deadline THEN 'covered'
         WHEN r.revoked_at > r.deadline
              AND r.revoked_at < coalesce(r.logout_at, 'infinity'::TIMESTAMPTZ)
              AND r.revoked_at < coalesce(r.expiry_at, 'infinity'::TIMESTAMPTZ) THEN 'late'
         ELSE 'uncovered'
       END AS session_status,
       epoch(r.revoked_at) - epoch(r.t) AS seconds_to_revoke
FROM required_sessions r;

-- One coverage row per revocation-requiring lifecycle event (no_sessions included).
-- pending replaces uncovered or late while the inputs end before T + sla.
CREATE OR REPLACE VIEW coverage AS
SELECT e.event_id, e.source, e.kind, e.subject_id, e.ts, e.deadline, e.sla_seconds, e.skew_seconds,
       e.source_file, e.source_line,
       count(r.session_id) AS required_sessions,
       count(r.session_id) FILTER (WHERE r.session_status = 'covered') AS revoked_in_time,
       CASE WHEN count(r.session_id) > 0 AND count(r.revoked_at) = count(r.session_id)
            THEN max(r.seconds_to_revoke) END AS max_seconds_to_revoke,
       CASE
         WHEN count(r.session_id) = 0 THEN 'no_sessions'
         WHEN bool_and(r.session_status = 'covered') THEN 'covered'
         WHEN ie.ts < e.deadline THEN 'pending'
         WHEN bool_or(r.session_status = 'uncovered') THEN 'uncovered'
         ELSE 'late'
       END AS status
FROM revocation_required_events e
CROSS JOIN inputs_end ie
LEFT JOIN required_session_status r ON r.lifecycle_event_id = e.event_id AND r.lifecycle_source = e.source
GROUP BY e.event_id, e.source, e.kind, e.subject_id, e.ts, e.deadline, e.sla_seconds, e.skew_seconds,
         e.source_file, e.source_line, ie.ts;

-- The required sessions that fail an event which is itself late or uncovered (not pending):
-- what session-survived-lifecycle-event and agent-outlived-owner report. An event with a
-- late or uncovered session is neither covered nor no_sessions, so its status is late or
-- uncovered exactly when it is not pending (the coverage view's test, repeated here rather
-- than joining that view: a join re-plans the whole model and made each rule twice as slow).
CREATE OR REPLACE VIEW surviving_sessions AS
SELECT r.*,
       least(r.revoked_at, r.logout_at, r.expiry_at) AS ended_at_any
FROM required_session_status r
CROSS JOIN inputs_end ie
WHERE r.session_status IN ('late', 'uncovered') AND NOT coalesce(ie.ts < r.deadline, false);
