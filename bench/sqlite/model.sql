-- DESIGN.md "Rule semantics" in SQLite, with the default policy (sla 15 min = 900000 ms,
-- skew 2 min = 120000 ms; permissions_changed and reactivated require nothing; the
-- initiating session of a password change is kept). Materialised once, shared by the rules.
-- A missing time is taken as 9e18 (never) where the contract says "nulls = never".

-- One row per session: its earliest creation record.
CREATE TEMP TABLE sess AS
SELECT session_id, subject_id, coalesce(subject_type, 'user') AS subject_type, owner_id,
       ts AS created_at, expires_at, ip, user_agent, device_id, event_id
FROM (SELECT e.*, row_number() OVER (PARTITION BY session_id ORDER BY ts, event_id) AS rn
      FROM events e WHERE type = 'session.created')
WHERE rn = 1;
CREATE INDEX temp.sess_id ON sess (session_id);

-- Session times: R (revocation naming the session, or its subject with scope all, at or after
-- creation), L (logout at or after creation), E (expiry), D = min(R, L).
CREATE TEMP TABLE st AS
WITH t AS (
  SELECT s.*,
    (SELECT min(r.ts) FROM events r WHERE r.session_id = s.session_id AND r.type = 'session.revoked' AND r.ts >= s.created_at) AS r_own,
    (SELECT min(r.ts) FROM events r WHERE r.subject_id = s.subject_id AND r.type = 'session.revoked' AND r.session_id IS NULL AND r.ts >= s.created_at) AS r_all,
    (SELECT min(x.ts) FROM events x WHERE x.session_id = s.session_id AND x.type = 'session.ended' AND x.reason = 'logout' AND x.ts >= s.created_at) AS logout_at,
    (SELECT min(x.ts) FROM events x WHERE x.session_id = s.session_id AND x.type = 'session.ended' AND x.reason = 'expired') AS expired_at
  FROM sess s
), u AS (
  SELECT t.*,
    nullif(min(coalesce(r_own, 9e18), coalesce(r_all, 9e18)), 9e18) AS revoked_at,
    nullif(min(coalesce(expires_at, 9e18), coalesce(expired_at, 9e18)), 9e18) AS expiry_at
  FROM t
)
SELECT u.*, nullif(min(coalesce(revoked_at, 9e18), coalesce(logout_at, 9e18)), 9e18) AS ended_at
FROM u;
CREATE INDEX temp.st_id ON st (session_id);
CREATE INDEX temp.st_subject ON st (subject_id);
CREATE INDEX temp.st_owner ON st (owner_id);

-- Lifecycle events that require revocation under the default policy.
CREATE TEMP TABLE lev AS
SELECT event_id, ts AS t, subject_id, substr(type, 9) AS kind, initiating_session_id, device_id
FROM events
WHERE type LIKE 'subject.%' AND type NOT IN ('subject.reactivated', 'subject.permissions_changed');

-- The required set of each event: the subject's own live sessions, and for the kinds that end
-- every session, the live agent/service sessions the subject owns.
CREATE TEMP TABLE req AS
SELECT e.event_id AS lifecycle_event_id, e.kind, e.t, 0 AS via_owner, s.session_id, s.subject_id,
       s.revoked_at, s.logout_at, s.expiry_at, s.ended_at
FROM lev e JOIN st s ON s.subject_id = e.subject_id
WHERE s.created_at <= e.t
  AND (s.ended_at IS NULL OR s.ended_at >= e.t - 120000)
  AND (s.expiry_at IS NULL OR s.expiry_at > e.t)
  AND NOT (e.kind IN ('password_changed', 'device_lost') AND s.subject_type IN ('agent', 'service'))
  AND NOT (e.kind = 'password_changed' AND s.session_id IS e.initiating_session_id)
  AND NOT (e.kind = 'device_lost' AND e.device_id IS NOT NULL AND s.device_id IS NOT e.device_id)
UNION ALL
SELECT e.event_id, e.kind, e.t, 1, s.session_id, s.subject_id, s.revoked_at, s.logout_at, s.expiry_at, s.ended_at
FROM lev e JOIN st s ON s.owner_id = e.subject_id AND s.subject_type IN ('agent', 'service') AND s.subject_id IS NOT e.subject_id
WHERE e.kind NOT IN ('password_changed', 'device_lost')
  AND s.created_at <= e.t
  AND (s.ended_at IS NULL OR s.ended_at >= e.t - 120000)
  AND (s.expiry_at IS NULL OR s.expiry_at > e.t);

CREATE TEMP TABLE req_status AS
SELECT r.*,
  CASE
    WHEN r.revoked_at >= r.t - 120000 AND r.revoked_at <= r.t + 900000 THEN 'covered'
    WHEN r.revoked_at > r.t + 900000 AND r.revoked_at < coalesce(r.logout_at, 9e18)
         AND r.revoked_at < coalesce(r.expiry_at, 9e18) THEN 'late'
    ELSE 'uncovered'
  END AS status
FROM req r;
CREATE INDEX temp.req_status_event ON req_status (lifecycle_event_id);

-- One status per event; pending while the inputs end before T + sla.
CREATE TEMP TABLE cov AS
SELECT e.event_id,
  CASE
    WHEN count(r.session_id) = 0 THEN 'no_sessions'
    WHEN sum(r.status <> 'covered') = 0 THEN 'covered'
    WHEN (SELECT max(ts) FROM events) < e.t + 900000 THEN 'pending'
    WHEN sum(r.status = 'uncovered') > 0 THEN 'uncovered'
    ELSE 'late'
  END AS status
FROM lev e LEFT JOIN req_status r ON r.lifecycle_event_id = e.event_id
GROUP BY e.event_id;
CREATE INDEX temp.cov_event ON cov (event_id);
