-- Synthetic native records for bench/investigate.ts, ~1M in all for getvariable('sessions')
-- = 100000: sessions (creation records), their activity, logouts, revocations and the
-- subjects' lifecycle events. Deterministic: hash() of the row number decides everything.
-- One planted story: session s-bench-target is revoked, then presented again from
-- 2001:db8:dead::1, which also tries twenty other revoked sessions.
-- hash() is UBIGINT; a BIGINT in [0, m) indexes lists and adds to times.
CREATE OR REPLACE MACRO bench_h(x, m) AS (hash(x) % m)::BIGINT;
CREATE OR REPLACE MACRO bench_t0() AS TIMESTAMPTZ '2026-07-01 00:00:00+00';
CREATE OR REPLACE MACRO bench_iso(t) AS strftime(t, '%Y-%m-%dT%H:%M:%SZ');
-- Session i: created over 90 days; every 50th is an agent acting for a user.
CREATE OR REPLACE MACRO bench_created(i) AS bench_t0() + to_seconds(i * 7776000 // getvariable('sessions') + bench_h(i, 600));
CREATE OR REPLACE MACRO bench_user(i) AS printf('u-%05d', bench_h(i * 31, 20000));
-- Every 7th session is revoked 3 days in, every 3rd (i % 3 = 1) signs out after 5 days.
CREATE OR REPLACE MACRO bench_end(i) AS CASE
  WHEN i % 7 = 0 THEN bench_created(i) + INTERVAL 3 DAY
  WHEN i % 3 = 1 THEN bench_created(i) + INTERVAL 5 DAY END;

CREATE OR REPLACE TABLE bench_sessions AS
SELECT 'session.created' AS type, bench_iso(bench_created(i)) AS ts, printf('s-%06d', i) AS session_id,
       CASE WHEN i % 50 = 0 THEN printf('agent-%04d', (i // 50) % 1000) ELSE bench_user(i) END AS subject_id,
       CASE WHEN i % 50 = 0 THEN 'agent' ELSE 'user' END AS subject_type,
       CASE WHEN i % 50 = 0 THEN bench_user((i // 50) % 1000) END AS owner_id,
       bench_iso(bench_created(i) + INTERVAL 14 DAY) AS expires_at,
       printf('10.%d.%d.%d', bench_h(i * 31, 200), bench_h(i * 31, 250), 1 + bench_h(i, 4)) AS ip,
       ['Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/127.0.0.0 Safari/537.36',
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/127.0.0.0 Safari/537.36 Edg/127.0.2651.74'
       ][1 + bench_h(i * 31, 4)] AS user_agent,
       printf('dev-%06d', bench_h(i * 31, 40000)) AS device_id, 'sso' AS auth_method
FROM range(getvariable('sessions')) r(i)
UNION ALL
SELECT 'session.created', '2026-08-20T08:00:00Z', 's-bench-target', 'u-bench', 'user', NULL,
       '2026-09-03T08:00:00Z', '198.51.100.7', 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
       'dev-bench', 'sso';

-- 8.5 uses per session, within 13 days of creation; after the end they are denied.
CREATE OR REPLACE TABLE bench_activity AS
WITH a AS (
  SELECT j, j % getvariable('sessions') AS i FROM range(getvariable('sessions') * 17 // 2) r(j)
), t AS (
  SELECT j, i, bench_created(i) + to_seconds(60 + bench_h(j, 1123200)) AS ts FROM a
)
SELECT 'session.activity' AS type, bench_iso(ts) AS ts, printf('s-%06d', i) AS session_id,
       printf('10.%d.%d.%d', bench_h(i * 31, 200), bench_h(i * 31, 250), 1 + bench_h(j, 4)) AS ip,
       CASE WHEN ts > bench_end(i) THEN 'denied' ELSE 'allowed' END AS outcome,
       CASE WHEN ts > bench_end(i) THEN 'session_ended' END AS reason,
       ['mail.read', 'drive.download', 'chat.send', 'wiki.read', 'crm.update'][1 + bench_h(j, 5)] AS action
FROM t
UNION ALL
SELECT 'session.activity', bench_iso(TIMESTAMPTZ '2026-08-20 09:00:00+00' + to_minutes(k)), 's-bench-target', '198.51.100.7',
       'allowed', NULL, 'mail.read'
FROM range(5) r(k)
UNION ALL
SELECT 'session.activity', bench_iso(TIMESTAMPTZ '2026-08-21 03:00:00+00' + to_minutes(k * 7)), 's-bench-target',
       '2001:db8:dead::1', 'denied', 'session_revoked', 'drive.download'
FROM range(5) r(k)
UNION ALL
-- The same address tries twenty other revoked sessions (i % 7 = 0) after their end.
SELECT 'session.activity', bench_iso(bench_end(k * 7) + INTERVAL 1 HOUR), printf('s-%06d', k * 7),
       '2001:db8:dead::1', 'denied', 'session_revoked', 'drive.download'
FROM range(1, 21) r(k);

CREATE OR REPLACE TABLE bench_ends AS
SELECT 'session.ended' AS type, bench_iso(bench_end(i)) AS ts, printf('s-%06d', i) AS session_id, 'logout' AS reason
FROM range(getvariable('sessions')) r(i) WHERE i % 7 <> 0 AND i % 3 = 1;

CREATE OR REPLACE TABLE bench_revocations AS
SELECT 'session.revoked' AS type, printf('rv-%06d', i) AS event_id, bench_iso(bench_end(i)) AS ts,
       printf('s-%06d', i) AS session_id, CASE WHEN i % 700 <> 0 THEN 'system:idp' END AS actor_id,
       'risk engine' AS reason
FROM range(getvariable('sessions')) r(i) WHERE i % 7 = 0
UNION ALL
SELECT 'session.revoked', 'rv-bench-target', '2026-08-20T09:30:00Z', 's-bench-target', 'u-secops', 'credential compromised';

-- One lifecycle event per ten sessions, for a subject of a session created a day before.
CREATE OR REPLACE TABLE bench_lifecycle AS
SELECT printf('subject.%s', ['password_reset', 'password_changed', 'mfa_reset', 'offboarded', 'permissions_changed'][1 + k % 5]) AS type,
       printf('lc-%06d', k) AS event_id, bench_iso(bench_created(k * 10) + INTERVAL 1 DAY) AS ts,
       bench_user(k * 10) AS subject_id, 'u-hr' AS actor_id
FROM range(getvariable('sessions') // 10) r(k);
