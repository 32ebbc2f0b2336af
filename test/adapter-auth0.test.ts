import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/duck.ts';
import { auth0 } from '../src/ingest/adapters/auth0/index.ts';
import { chooseAdapter } from '../src/ingest/adapters/index.ts';
import { native } from '../src/ingest/adapters/native/index.ts';
import { discover } from '../src/ingest/discover.ts';
import { ingested, jsonl, rows, runCli, writeFiles } from './helpers.ts';

const FIXTURES = 'fixtures/formats/auth0';
const SAMPLES = '../shared/samples';

/** The log_id the fixture gives its n-th log event. */
const logId = (n: number) => `9002026030200${String(n).padStart(3, '0')}${'0'.repeat(39)}${String(n).padStart(3, '0')}`;

let db: Db | undefined;
afterEach(() => db?.close());
const all = (sql: string) => rows(db!.con, sql);

describe('the Auth0 adapter on logs we wrote', () => {
  it('opens a session at its first login and counts every login and silent authentication as a use', async () => {
    db = await ingested([FIXTURES]);
    expect(await all(`SELECT event_id, session_id, subject_id, ra_iso(created_at) AS created_at, expires_at, ip FROM sessions ORDER BY created_at`)).toEqual([
      { event_id: logId(8), session_id: 'B2-bobPhone', subject_id: 'auth0|bob', created_at: '2026-03-02T08:00:00Z', expires_at: null, ip: '198.51.100.31' },
      { event_id: logId(10), session_id: 'C1-carolLaptop', subject_id: 'auth0|carol', created_at: '2026-03-02T08:30:00Z', expires_at: null, ip: '198.51.100.40' },
      { event_id: logId(1), session_id: 'A1-aliceLaptop', subject_id: 'auth0|alice', created_at: '2026-03-02T09:00:00Z', expires_at: null, ip: '203.0.113.10' },
      { event_id: logId(4), session_id: 'B1-bobLaptop', subject_id: 'auth0|bob', created_at: '2026-03-02T09:10:00Z', expires_at: null, ip: '198.51.100.30' },
      { event_id: logId(21), session_id: 'J1-judyLaptop', subject_id: 'auth0|judy', created_at: '2026-03-02T14:00:00Z', expires_at: null, ip: '198.51.100.50' },
    ]);
    expect(await all(`SELECT event_id, session_id, action FROM access_events WHERE session_id = 'A1-aliceLaptop' ORDER BY event_id`)).toEqual([
      { event_id: logId(1), session_id: 'A1-aliceLaptop', action: 'login' },
      { event_id: logId(2), session_id: 'A1-aliceLaptop', action: 'login' },
      { event_id: logId(3), session_id: 'A1-aliceLaptop', action: 'silent authentication' },
    ]);
    expect(await all(`SELECT event_id, session_id, reason FROM session_ends ORDER BY event_id`)).toEqual([
      { event_id: logId(5), session_id: 'B1-bobLaptop', reason: 'logout' },
      { event_id: logId(22), session_id: 'J1-judyLaptop', reason: 'logout' },
    ]);
  });

  it('reads Management API session deletions and refresh-token revocations as revocations', async () => {
    db = await ingested([FIXTURES]);
    expect(await all(`SELECT event_id, session_id, subject_id, actor_id, reason FROM revocations ORDER BY event_id`)).toEqual([
      // The log of DELETE /api/v2/sessions/{id} names no user: the session's login gives it.
      { event_id: logId(7), session_id: 'A1-aliceLaptop', subject_id: 'auth0|alice', actor_id: 'auth0|hana', reason: 'delete /api/v2/sessions/A1-aliceLaptop' },
      { event_id: logId(9), session_id: null, subject_id: 'auth0|bob', actor_id: 'auth0|hana', reason: 'delete /api/v2/users/auth0%7Cbob/sessions' },
      { event_id: logId(11), session_id: 'C1-carolLaptop', subject_id: 'auth0|carol', actor_id: 'auth0|hana', reason: 'post /api/v2/sessions/C1-carolLaptop/revoke' },
      { event_id: logId(12), session_id: 'C1-carolLaptop', subject_id: 'auth0|carol', actor_id: 'auth0|carol', reason: 'refresh token revoked' },
      { event_id: logId(17), session_id: null, subject_id: 'auth0|grace', actor_id: null, reason: 'universal logout' },
    ]);
  });

  it('turns password changes, deletions and blocks into lifecycle events of the user in the path', async () => {
    db = await ingested([FIXTURES]);
    expect(await all(`SELECT event_id, kind, subject_id, actor_id FROM lifecycle_events ORDER BY event_id`)).toEqual([
      { event_id: logId(6), kind: 'password_reset', subject_id: 'auth0|alice', actor_id: 'auth0|alice' },
      { event_id: logId(13), kind: 'deleted', subject_id: 'auth0|dave', actor_id: null },
      { event_id: logId(14), kind: 'deleted', subject_id: 'auth0|erin', actor_id: 'auth0|hana' },
      { event_id: `${logId(15)}:password_reset`, kind: 'password_reset', subject_id: 'auth0|frank', actor_id: 'auth0|hana' },
      { event_id: `${logId(15)}:suspended`, kind: 'suspended', subject_id: 'auth0|frank', actor_id: 'auth0|hana' },
      { event_id: `${logId(16)}:reactivated`, kind: 'reactivated', subject_id: 'auth0|frank', actor_id: 'auth0|hana' },
    ]);
  });

  it('counts failures, other Management API calls and logins without a session id as skipped', async () => {
    db = await ingested([FIXTURES]);
    expect(await all(`SELECT source_line::INTEGER AS line, reason FROM skipped ORDER BY line`)).toEqual([
      { line: 18, reason: 'event type not mapped: fp' },
      { line: 19, reason: 'management API call not mapped: Create a client' },
      { line: 20, reason: 's without details.session_id' },
    ]);
    expect(await all(`SELECT regexp_extract(path, '[^/]+$') AS file, records::INTEGER AS records, loaded::INTEGER AS loaded, skipped::INTEGER AS skipped
                      FROM manifest ORDER BY file`)).toEqual([
      { file: 'log-stream.jsonl', records: 2, loaded: 2, skipped: 0 },
      { file: 'tenant-logs.json', records: 20, loaded: 17, skipped: 3 },
    ]);
  });

  it('quarantines malformed log events', async () => {
    const ok = { log_id: '900100', date: '2026-03-02T09:00:00.000Z', type: 's', user_id: 'auth0|x', details: { session_id: 'X1' } };
    db = await ingested([writeFiles({
      'logs.jsonl': jsonl(ok, { ...ok, log_id: '900101', date: '02/03/2026' }, { ...ok, log_id: '900102', type: undefined }, { ...ok, log_id: '900103', user_id: undefined }),
    })]);
    expect(await all(`SELECT session_id FROM sessions`)).toEqual([{ session_id: 'X1' }]);
    expect(await all(`SELECT source_line::INTEGER AS line, reason FROM quarantine ORDER BY line`)).toEqual([
      { line: 2, reason: 'bad time in date' },
      { line: 3, reason: 'missing field type' },
      { line: 4, reason: 'missing field user_id' },
    ]);
  });
});

describe('the Auth0 adapter on public samples', () => {
  it('is listed by revaudit formats with how it is recognised, what it maps and what it cannot express', async () => {
    const { code, stdout } = await runCli(['formats']);
    expect(code).toBe(0);
    const section = stdout.split('\n\n').find((s) => s.startsWith('auth0 — '));
    expect(section).toBeDefined();
    expect(section).toMatch(/recognised by: /);
    expect(section!.replace(/\s+/g, ' ')).toContain('slo -> session_ends logout');
    expect(section!.replace(/\s+/g, ' ')).toMatch(/cannot express: - .*no session expiry/);
    expect(section).toContain('docs: docs/formats.md#auth0');
  });

  it('is chosen for every Auth0 sample, and for no other sample', async () => {
    const { files } = await discover([SAMPLES, 'fixtures/formats']);
    for (const file of files) {
      const isAuth0 = /\/auth0\//.test(file.path);
      expect(auth0.detect(file), file.path).toBe(isAuth0);
      if (isAuth0) {
        expect(chooseAdapter(file).name, file.path).toBe('auth0');
        expect(native.detect(file), file.path).toBe(false);
      }
    }
  });

  it('reads Elastic\'s wrapped log events: logins, logouts, and the rest counted as skipped', async () => {
    db = await ingested([`${SAMPLES}/auth0`]);
    expect(await all(`SELECT regexp_extract(path, '[^/]+$') AS file, adapter, records::INTEGER AS records, loaded::INTEGER AS loaded,
                              skipped::INTEGER AS skipped, quarantined::INTEGER AS quarantined FROM manifest ORDER BY file`)).toEqual([
      { file: 'elastic-test-auth0-events.json', adapter: 'auth0', records: 1, loaded: 0, skipped: 1, quarantined: 0 },
      { file: 'elastic-test-login-success.json', adapter: 'auth0', records: 1, loaded: 1, skipped: 0, quarantined: 0 },
      { file: 'elastic-test-logout-success.json', adapter: 'auth0', records: 1, loaded: 1, skipped: 0, quarantined: 0 },
      { file: 'elastic-test-user-behaviour-success.json', adapter: 'auth0', records: 1, loaded: 0, skipped: 1, quarantined: 0 },
    ]);
    // 22 logins, two repeated verbatim: 20 uses of 18 sessions (two sessions saw a second login).
    expect(await all(`SELECT (SELECT count(*) FROM sessions)::INTEGER AS sessions, (SELECT count(*) FROM access_events)::INTEGER AS uses,
                             (SELECT count(*) FROM session_ends)::INTEGER AS logouts`)).toEqual([{ sessions: 18, uses: 20, logouts: 3 }]);
    expect(await all(`SELECT s.session_id, s.subject_id, ra_iso(s.created_at) AS created_at, ra_iso(e.ts) AS logout_at
                      FROM sessions s JOIN session_ends e USING (session_id) ORDER BY created_at`)).toEqual([
      { session_id: '1TAd-7tsPYzxWudzqfHYXN0e6q1D0GSc', subject_id: 'auth0|6182002f34f4dd006b05b5c7', created_at: '2021-11-03T03:25:28.923000Z', logout_at: '2021-11-03T05:53:57.546000Z' },
      { session_id: 'SIMuasvKPfIe7_GhWAVKN9e2mNCtyLqV', subject_id: 'auth0|618223a4e3f49e006948565c', created_at: '2021-11-03T05:54:15.721000Z', logout_at: '2021-11-03T05:54:18.787000Z' },
      { session_id: 'W_t_rUyDtC_Zzg0UbQYlAmiWwAeRZgfU', subject_id: 'auth0|618232c562bac1006935a7af', created_at: '2021-11-03T07:00:20.901000Z', logout_at: '2021-11-03T07:00:28.877000Z' },
    ]);
    expect(await all(`SELECT reason FROM skipped ORDER BY reason`)).toEqual([
      { reason: 'event type not mapped: sv' },
      { reason: 'management API call not mapped: Create a log stream' },
    ]);
  });
});
