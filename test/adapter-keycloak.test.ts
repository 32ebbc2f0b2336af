import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/duck.ts';
import { chooseAdapter } from '../src/ingest/adapters/index.ts';
import { keycloak } from '../src/ingest/adapters/keycloak/index.ts';
import { discover } from '../src/ingest/discover.ts';
import { ingested, rows } from './helpers.ts';

const FIXTURES = 'fixtures/formats/keycloak';
const SAMPLES = '../shared/samples';
const DANA = '3f0c8a52-6d7e-4b1a-9c2d-00000000da0a';
const ERIN = '3f0c8a52-6d7e-4b1a-9c2d-00000000e41e';
const FRANK = '3f0c8a52-6d7e-4b1a-9c2d-000000000f4a';
const ADMIN = '3f0c8a52-6d7e-4b1a-9c2d-0000000ad000';
const HASH = expect.stringMatching(/^[0-9a-f]{64}$/);

describe('the Keycloak adapter on events we wrote', () => {
  let db: Db;
  const all = (sql: string) => rows(db.con, sql);
  beforeAll(async () => {
    db = await ingested([FIXTURES]);
  });
  afterAll(() => db.close());

  it('opens a session for each LOGIN, keyed on sessionId, or on code_id in the log forms', async () => {
    expect(await all(`SELECT event_id, session_id, subject_id, ra_iso(created_at) AS created_at, ip, auth_method FROM sessions ORDER BY created_at`)).toEqual([
      { event_id: 'kc-ev-01', session_id: 'kc-sess-dana-1', subject_id: DANA, created_at: '2026-08-03T08:00:00Z', ip: '198.51.100.20', auth_method: 'openid-connect' },
      { event_id: 'kc-ev-15', session_id: 'kc-sess-erin-1', subject_id: ERIN, created_at: '2026-08-04T08:00:00Z', ip: '198.51.100.20', auth_method: 'openid-connect' },
      // A Quarkus JSON console record: +02:00 read as UTC, the key=value message parsed.
      { event_id: HASH, session_id: 'kc-sess-frank-1', subject_id: FRANK, created_at: '2026-08-05T08:00:00.123000Z', ip: '198.51.100.40', auth_method: 'openid-connect' },
    ]);
  });

  it('reads token, userinfo and exchange events as uses of the session, their _ERROR variants as denied', async () => {
    expect(await all(`SELECT event_id, session_id, action, outcome, reason FROM access_events ORDER BY ts`)).toEqual([
      { event_id: 'kc-ev-02', session_id: 'kc-sess-dana-1', action: 'CODE_TO_TOKEN portal', outcome: 'allowed', reason: null },
      { event_id: 'kc-ev-03', session_id: 'kc-sess-dana-1', action: 'REFRESH_TOKEN portal', outcome: 'allowed', reason: null },
      { event_id: 'kc-ev-04', session_id: 'kc-sess-dana-1', action: 'INTROSPECT_TOKEN api-gateway', outcome: 'allowed', reason: null },
      { event_id: 'kc-ev-05', session_id: 'kc-sess-dana-1', action: 'USER_INFO_REQUEST portal', outcome: 'allowed', reason: null },
      { event_id: 'kc-ev-06', session_id: 'kc-sess-dana-1', action: 'TOKEN_EXCHANGE reports', outcome: 'allowed', reason: null },
      { event_id: 'kc-ev-07', session_id: 'kc-sess-dana-1', action: 'PERMISSION_TOKEN reports', outcome: 'allowed', reason: null },
      { event_id: 'kc-ev-08', session_id: 'kc-sess-dana-1', action: 'OAUTH2_DEVICE_CODE_TO_TOKEN tv-app', outcome: 'allowed', reason: null },
      { event_id: 'kc-ev-13', session_id: 'kc-sess-dana-1', action: 'REFRESH_TOKEN_ERROR portal', outcome: 'denied', reason: 'invalid_token' },
      { event_id: HASH, session_id: 'kc-sess-frank-1', action: 'CODE_TO_TOKEN portal', outcome: 'allowed', reason: null },
    ]);
  });

  it('ends a session on LOGOUT, also from a text log line whose time carries a zone', async () => {
    expect(await all(`SELECT event_id, ra_iso(ts) AS ts, session_id, subject_id, reason FROM session_ends ORDER BY ts`)).toEqual([
      { event_id: 'kc-ev-14', ts: '2026-08-03T17:00:00Z', session_id: 'kc-sess-dana-1', subject_id: DANA, reason: 'logout' },
      { event_id: HASH, ts: '2026-08-05T08:05:00.789000Z', session_id: 'kc-sess-frank-1', subject_id: FRANK, reason: 'logout' },
    ]);
  });

  it('gives user and admin events their lifecycle kinds; a user\'s own password change keeps its session', async () => {
    expect(await all(`SELECT event_id, kind, subject_id, actor_id, initiating_session_id FROM lifecycle_events ORDER BY ts`)).toEqual([
      { event_id: 'kc-ev-09', kind: 'password_changed', subject_id: DANA, actor_id: DANA, initiating_session_id: 'kc-sess-dana-1' },
      { event_id: 'kc-ev-10', kind: 'password_changed', subject_id: DANA, actor_id: DANA, initiating_session_id: 'kc-sess-dana-1' },
      { event_id: 'kc-ev-11', kind: 'mfa_reset', subject_id: DANA, actor_id: DANA, initiating_session_id: 'kc-sess-dana-1' },
      { event_id: 'kc-ev-12', kind: 'mfa_reset', subject_id: DANA, actor_id: DANA, initiating_session_id: 'kc-sess-dana-1' },
      { event_id: 'kc-ad-01', kind: 'password_reset', subject_id: DANA, actor_id: ADMIN, initiating_session_id: null },
      { event_id: 'kc-ad-04', kind: 'mfa_reset', subject_id: DANA, actor_id: ADMIN, initiating_session_id: null },
      { event_id: 'kc-ev-16', kind: 'password_reset', subject_id: ERIN, actor_id: ERIN, initiating_session_id: null },
      { event_id: 'kc-ev-17', kind: 'suspended', subject_id: ERIN, actor_id: ERIN, initiating_session_id: null },
      { event_id: 'kc-ev-18', kind: 'deactivated', subject_id: ERIN, actor_id: ERIN, initiating_session_id: null },
      { event_id: 'kc-ev-19', kind: 'deleted', subject_id: ERIN, actor_id: ERIN, initiating_session_id: 'kc-sess-erin-1' },
      { event_id: 'kc-ad-05', kind: 'deactivated', subject_id: ERIN, actor_id: ADMIN, initiating_session_id: null },
      { event_id: 'kc-ad-08', kind: 'deleted', subject_id: ERIN, actor_id: ADMIN, initiating_session_id: null },
      { event_id: 'kc-ad-09', kind: 'permissions_changed', subject_id: DANA, actor_id: ADMIN, initiating_session_id: null },
      { event_id: 'kc-ad-10', kind: 'permissions_changed', subject_id: DANA, actor_id: ADMIN, initiating_session_id: null },
      { event_id: 'kc-ad-11', kind: 'permissions_changed', subject_id: DANA, actor_id: ADMIN, initiating_session_id: null },
    ]);
  });

  it('reads an admin logout of a user as revoking all their sessions, and a deleted session as revoking that one', async () => {
    expect(await all(`SELECT event_id, ra_iso(ts) AS ts, session_id, subject_id, actor_id FROM revocations ORDER BY ts`)).toEqual([
      { event_id: 'kc-ad-02', ts: '2026-08-03T10:00:30Z', session_id: null, subject_id: DANA, actor_id: ADMIN },
      { event_id: 'kc-ad-03', ts: '2026-08-03T10:01:00Z', session_id: 'kc-sess-dana-2', subject_id: null, actor_id: ADMIN },
      // An ECS console record of the jboss-logging listener with quoted values.
      { event_id: HASH, ts: '2026-08-05T09:30:00Z', session_id: null, subject_id: FRANK, actor_id: ADMIN },
    ]);
  });

  it('counts failed logins, unused events and server log lines as skipped, by reason', async () => {
    expect(await all(`SELECT regexp_extract(source_file, '[^/]+$') AS file, source_line::INTEGER AS line, reason FROM skipped ORDER BY file, line`)).toEqual([
      { file: 'console-json.log', line: 4, reason: 'log line of org.keycloak.services (not an event)' },
      { file: 'rest-admin-events.jsonl', line: 6, reason: 'user update that does not disable the user' },
      { file: 'rest-admin-events.jsonl', line: 7, reason: 'user update that does not disable the user' },
      { file: 'rest-admin-events.jsonl', line: 12, reason: 'realm-wide logout (names no subject)' },
      { file: 'rest-admin-events.jsonl', line: 13, reason: 'failed admin operation' },
      { file: 'rest-admin-events.jsonl', line: 14, reason: 'admin operation not used: CREATE CLIENT' },
      { file: 'rest-user-events.json', line: 20, reason: 'failed login' },
      { file: 'rest-user-events.json', line: 21, reason: 'event type not used: REGISTER' },
      { file: 'rest-user-events.json', line: 22, reason: 'event type not used: CLIENT_LOGIN' },
      { file: 'server-text.log', line: 2, reason: 'failed login' },
      { file: 'server-text.log', line: 4, reason: 'log line of io.quarkus (not an event)' },
      { file: 'server-text.log', line: 5, reason: 'not a log record line' },
    ]);
  });

  it('quarantines malformed events and log lines whose time cannot be placed', async () => {
    expect(await all(`SELECT regexp_extract(source_file, '[^/]+$') AS file, source_line::INTEGER AS line, reason, detail FROM quarantine ORDER BY file, line`)).toEqual([
      { file: 'malformed.jsonl', line: 1, reason: 'invalid JSON', detail: 'the record is not valid JSON' },
      { file: 'malformed.jsonl', line: 2, reason: 'missing field userId', detail: 'LOGIN requires userId' },
      { file: 'malformed.jsonl', line: 3, reason: 'bad time', detail: "time 'yesterday' is neither epoch milliseconds nor RFC 3339 with an offset" },
      { file: 'malformed.jsonl', line: 4, reason: 'not an object', detail: 'a Keycloak event must be a JSON object, found array' },
      { file: 'server-text.log', line: 3, reason: 'bad time', detail: "the log line's time '2026-08-05 10:07:00.002' has no zone" },
    ]);
  });
});

describe.skipIf(!existsSync(`${SAMPLES}/keycloak`))('the Keycloak adapter on the public samples', () => {
  let db: Db;
  const all = (sql: string) => rows(db.con, sql);
  beforeAll(async () => {
    db = await ingested([`${SAMPLES}/keycloak`]);
  });
  afterAll(() => db.close());

  it('reads every sample file, the plain-text server logs too, and accounts for every record', async () => {
    expect(await all(`SELECT regexp_extract(path, '[^/]+$') AS file, adapter, records::INTEGER AS records, loaded::INTEGER AS loaded,
                        skipped::INTEGER AS skipped, quarantined::INTEGER AS quarantined FROM manifest ORDER BY file`)).toEqual([
      { file: 'elastic-test-log.log', adapter: 'keycloak', records: 32, loaded: 0, skipped: 32, quarantined: 0 },
      { file: 'kill9zombie-jsonlog-readme-examples.log', adapter: 'keycloak', records: 7, loaded: 0, skipped: 3, quarantined: 4 },
      { file: 'sekoia-test_code_to_token_error.json', adapter: 'keycloak', records: 1, loaded: 0, skipped: 1, quarantined: 0 },
      { file: 'sekoia-test_login_error.json', adapter: 'keycloak', records: 1, loaded: 0, skipped: 1, quarantined: 0 },
      { file: 'sekoia-test_login_success.json', adapter: 'keycloak', records: 1, loaded: 1, skipped: 0, quarantined: 0 },
      { file: 'sekoia-test_logout.json', adapter: 'keycloak', records: 1, loaded: 0, skipped: 1, quarantined: 0 },
      { file: 'sekoia-test_refresh_token.json', adapter: 'keycloak', records: 1, loaded: 0, skipped: 1, quarantined: 0 },
      { file: 'sekoia-test_user_info_request.json', adapter: 'keycloak', records: 1, loaded: 0, skipped: 1, quarantined: 0 },
    ]);
  });

  it('quarantines only the README log lines that carry a time of day without a date', async () => {
    expect(await all(`SELECT source_line::INTEGER AS line, reason, detail FROM quarantine ORDER BY line`)).toEqual([
      { line: 2, reason: 'bad time', detail: "the log line's time '16:30:18.063' has no date" },
      { line: 3, reason: 'bad time', detail: "the log line's time '17:19:46.209' has no date" },
      { line: 4, reason: 'bad time', detail: "the log line's time '15:58:08.150' has no date" },
      { line: 5, reason: 'bad time', detail: "the log line's time '15:58:08.312' has no date" },
    ]);
  });

  it('opens a session of its own for a LOGIN that names no session', async () => {
    expect(await all(`SELECT session_id LIKE 'login:%' AS synthesized, subject_id, ra_iso(created_at) AS created_at FROM sessions`)).toEqual([
      { synthesized: true, subject_id: 'user-12345', created_at: '2025-11-21T10:15:23.123456Z' },
    ]);
  });

  it('claims no sample file of another format', async () => {
    const { files } = await discover([SAMPLES]);
    const claimed = files.filter((f) => keycloak.detect(f)).map((f) => f.path.split('/').slice(-2, -1)[0]);
    expect(new Set(claimed)).toEqual(new Set(['keycloak']));
    for (const f of files.filter((x) => x.path.includes('/keycloak/'))) expect(chooseAdapter(f).name, f.path).toBe('keycloak');
  });
});
