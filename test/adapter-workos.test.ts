import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/duck.ts';
import { chooseAdapter } from '../src/ingest/adapters/index.ts';
import { native } from '../src/ingest/adapters/native/index.ts';
import { workos } from '../src/ingest/adapters/workos/index.ts';
import { discover } from '../src/ingest/discover.ts';
import { ingested, jsonl, rows, runCli, writeFiles } from './helpers.ts';

const FIXTURES = 'fixtures/formats/workos';
const SAMPLES = '../shared/samples';

/** A WorkOS-style id: type prefix and a 26-character ULID, as the fixtures write them. */
const id = (prefix: string, tag: string) => `${prefix}_01J${tag.toUpperCase().padEnd(23, '0')}`;
const ev = (n: number) => id('event', `E${String(n).padStart(3, '0')}`);
const ALICE = id('user', 'alice');
const ADMIN = id('user', 'admin');
const JUDY = id('user', 'judy');

let db: Db | undefined;
afterEach(() => db?.close());
const all = (sql: string) => rows(db!.con, sql);

describe('the WorkOS adapter on events we wrote', () => {
  it('opens a session from session.created and from a revoked session no other event describes', async () => {
    db = await ingested([FIXTURES]);
    expect(await all(`SELECT event_id, session_id, subject_id, ra_iso(created_at) AS created_at, ra_iso(expires_at) AS expires_at, ip, auth_method
                      FROM sessions WHERE source_file LIKE '%events.jsonl' ORDER BY created_at`)).toEqual([
      { event_id: `${ev(9)}:session`, session_id: id('session', 'bobold'), subject_id: id('user', 'bob'), created_at: '2026-02-20T08:00:00Z', expires_at: '2026-02-21T08:00:00Z', ip: '192.0.2.44', auth_method: 'password' },
      { event_id: ev(2), session_id: id('session', 'alicelaptop'), subject_id: ALICE, created_at: '2026-03-02T09:00:00Z', expires_at: '2026-03-03T09:00:00Z', ip: '203.0.113.10', auth_method: 'password' },
      { event_id: ev(4), session_id: id('session', 'alicesso'), subject_id: ALICE, created_at: '2026-03-02T09:30:00Z', expires_at: '2026-03-03T09:30:00Z', ip: '198.51.100.7', auth_method: 'sso' },
    ]);
  });

  it('records session.revoked as a revocation by the actor in its context', async () => {
    db = await ingested([FIXTURES]);
    expect(await all(`SELECT event_id, ra_iso(ts) AS ts, session_id, subject_id, actor_id FROM revocations WHERE source_file LIKE '%events.jsonl' ORDER BY ts`)).toEqual([
      { event_id: ev(8), ts: '2026-03-02T10:05:00Z', session_id: id('session', 'alicelaptop'), subject_id: ALICE, actor_id: ADMIN },
      { event_id: ev(9), ts: '2026-03-02T11:00:00Z', session_id: id('session', 'bobold'), subject_id: id('user', 'bob'), actor_id: ADMIN },
    ]);
  });

  it('turns resets, deletions, deactivations and membership changes into lifecycle events of the right user', async () => {
    db = await ingested([FIXTURES]);
    expect(await all(`SELECT event_id, ra_iso(ts) AS ts, kind, subject_id, actor_id FROM lifecycle_events ORDER BY ts, event_id`)).toEqual([
      { event_id: ev(7), ts: '2026-03-02T10:00:00Z', kind: 'password_reset', subject_id: ALICE, actor_id: null },
      { event_id: ev(11), ts: '2026-03-02T12:00:00Z', kind: 'deleted', subject_id: id('user', 'carol'), actor_id: ADMIN },
      { event_id: ev(12), ts: '2026-03-02T12:10:00Z', kind: 'deactivated', subject_id: id('directory_user', 'dave'), actor_id: null },
      { event_id: ev(14), ts: '2026-03-02T12:20:00Z', kind: 'deleted', subject_id: id('directory_user', 'erin'), actor_id: null },
      { event_id: ev(15), ts: '2026-03-02T12:30:00Z', kind: 'offboarded', subject_id: id('user', 'frank'), actor_id: ADMIN },
      { event_id: ev(16), ts: '2026-03-02T12:31:00Z', kind: 'permissions_changed', subject_id: id('user', 'grace'), actor_id: ADMIN },
      { event_id: ev(17), ts: '2026-03-02T12:40:00Z', kind: 'offboarded', subject_id: id('user', 'heidi'), actor_id: ADMIN },
      // connection.deactivated: one event per user who signed in through the connection.
      { event_id: `${ev(19)}:${ALICE}`, ts: '2026-03-02T13:00:00Z', kind: 'sso_deactivated', subject_id: ALICE, actor_id: ADMIN },
      { event_id: `${ev(19)}:${id('user', 'ivan')}`, ts: '2026-03-02T13:00:00Z', kind: 'sso_deactivated', subject_id: id('user', 'ivan'), actor_id: ADMIN },
    ]);
  });

  it('attaches an authentication success to the session it opened', async () => {
    db = await ingested([FIXTURES]);
    expect(await all(`SELECT event_id, ra_iso(ts) AS ts, session_id, action, outcome FROM access_events ORDER BY ts`)).toEqual([
      { event_id: ev(1), ts: '2026-03-02T08:59:59.120000Z', session_id: id('session', 'alicelaptop'), action: 'authentication.password_succeeded', outcome: 'allowed' },
      { event_id: ev(3), ts: '2026-03-02T09:29:58Z', session_id: id('session', 'alicesso'), action: 'authentication.sso_succeeded', outcome: 'allowed' },
    ]);
  });

  it('counts the events no rule uses as skipped, each with its reason', async () => {
    db = await ingested([FIXTURES]);
    expect(await all(`SELECT source_line::INTEGER AS line, reason FROM skipped ORDER BY line`)).toEqual([
      { line: 5, reason: 'event type not mapped: authentication.password_failed' },
      { line: 6, reason: 'event type not mapped: password_reset.created' },
      { line: 10, reason: 'event type not mapped: user.updated' },
      { line: 13, reason: 'dsync.user.updated without a change to inactive' },
      { line: 18, reason: 'authentication with no session of the user in these inputs' },
    ]);
    expect(await all(`SELECT records::INTEGER AS records, loaded::INTEGER AS loaded, skipped::INTEGER AS skipped, quarantined::INTEGER AS quarantined
                      FROM manifest WHERE path LIKE '%events.jsonl'`)).toEqual([{ records: 19, loaded: 14, skipped: 5, quarantined: 0 }]);
  });

  it('reads a Sessions API list: unknown sessions, a revocation with no actor, an expiry', async () => {
    db = await ingested([FIXTURES]);
    expect(await all(`SELECT event_id, session_id, ra_iso(created_at) AS created_at FROM sessions WHERE subject_id = '${JUDY}' ORDER BY created_at`)).toEqual([
      { event_id: id('session', 'judytablet'), session_id: id('session', 'judytablet'), created_at: '2026-02-27T08:00:00Z' },
      { event_id: id('session', 'judyphone'), session_id: id('session', 'judyphone'), created_at: '2026-03-01T08:00:00Z' },
      { event_id: id('session', 'judylaptop'), session_id: id('session', 'judylaptop'), created_at: '2026-03-02T08:00:00Z' },
    ]);
    expect(await all(`SELECT session_id, ra_iso(ts) AS ts, actor_id FROM revocations WHERE subject_id = '${JUDY}'`)).toEqual([
      { session_id: id('session', 'judyphone'), ts: '2026-03-01T18:00:00Z', actor_id: null },
    ]);
    expect(await all(`SELECT session_id, ra_iso(ts) AS ts, reason FROM session_ends`)).toEqual([
      { session_id: id('session', 'judytablet'), ts: '2026-02-28T08:00:00Z', reason: 'expired' },
    ]);
    // Alice's laptop is in the list too, but her events already describe it and its revocation.
    expect(await all(`SELECT count(*)::INTEGER AS n FROM sessions WHERE session_id = '${id('session', 'alicelaptop')}'`)).toEqual([{ n: 1 }]);
    expect(await all(`SELECT count(*)::INTEGER AS n FROM revocations WHERE session_id = '${id('session', 'alicelaptop')}'`)).toEqual([{ n: 1 }]);
  });

  it('quarantines malformed events with the reason and reads times without an offset as UTC', async () => {
    const good = { object: 'event', id: ev(900), event: 'user.deleted', data: { object: 'user', id: ALICE }, created_at: '2026-03-02 10:00:00.123456' };
    const dir = writeFiles({
      'events.jsonl': [
        jsonl(good).trim(),
        '{"object": "event", "id": "' + ev(901) + '", "event": "user.deleted", "data": {broken',
        JSON.stringify({ ...good, id: ev(902), created_at: undefined }),
        JSON.stringify({ ...good, id: ev(903), created_at: 'yesterday' }),
        JSON.stringify({ object: 'event', id: ev(904), event: 'session.created', data: { object: 'session', id: id('session', 'x'), created_at: '2026-03-02T10:00:00Z' }, created_at: '2026-03-02T10:00:00Z' }),
        '',
      ].join('\n'),
    });
    db = await ingested([dir]);
    expect(await all(`SELECT ra_iso(ts) AS ts, kind FROM lifecycle_events`)).toEqual([{ ts: '2026-03-02T10:00:00.123456Z', kind: 'deleted' }]);
    expect(await all(`SELECT source_line::INTEGER AS line, reason FROM quarantine ORDER BY line`)).toEqual([
      { line: 2, reason: 'invalid JSON' },
      { line: 3, reason: 'missing field created_at' },
      { line: 4, reason: 'bad time in created_at' },
      { line: 5, reason: 'missing field user_id' },
    ]);
  });
});

describe('the WorkOS adapter on public samples', () => {
  it('is listed by revaudit formats with how it is recognised, what it maps and what it cannot express', async () => {
    const { code, stdout } = await runCli(['formats']);
    expect(code).toBe(0);
    const section = stdout.split('\n\n').find((s) => s.startsWith('workos — '));
    expect(section).toBeDefined();
    expect(section).toMatch(/recognised by: /);
    expect(section!.replace(/\s+/g, ' ')).toContain('session.revoked -> revocations');
    expect(section!.replace(/\s+/g, ' ')).toMatch(/cannot express: - .*no logout event/);
    expect(section).toContain('docs: docs/formats.md#workos');
  });

  it('is chosen for every WorkOS sample, and for no other sample', async () => {
    const { files } = await discover([SAMPLES, 'fixtures/formats']);
    for (const file of files) {
      const isWorkos = /\/workos\//.test(file.path);
      expect(workos.detect(file), file.path).toBe(isWorkos);
      if (isWorkos) {
        expect(chooseAdapter(file).name, file.path).toBe('workos');
        expect(native.detect(file), file.path).toBe(false);
      }
    }
  });

  it('reads every sample: sessions, revocations and lifecycle events, the rest counted as skipped', async () => {
    db = await ingested([`${SAMPLES}/workos`]);
    const manifest = await all(`SELECT regexp_extract(path, '[^/]+$') AS file, adapter, records::INTEGER AS records, loaded::INTEGER AS loaded,
                                       skipped::INTEGER AS skipped, quarantined::INTEGER AS quarantined, duplicates::INTEGER AS duplicates
                                FROM manifest ORDER BY file`);
    // The SDK fixtures reuse one event id for every event, so a second lifecycle event with that
    // id is a duplicate of the first (loaded, no new row): that is what (source, event_id) means.
    const expected: Record<string, [number, number, number, number]> = {
      'node-deactivate-organization-membership.json': [0, 1, 0, 0],
      'node-list-sessions.json': [1, 0, 0, 0],
      'python-authentication_password_failed.json': [0, 1, 0, 0],
      'python-authentication_password_succeeded.json': [1, 0, 0, 0],
      'python-dsync_user_created.json': [0, 1, 0, 0],
      'python-dsync_user_deleted.json': [1, 0, 0, 0],
      'python-dsync_user_updated.json': [0, 1, 0, 0],
      'python-organization_membership_deleted.json': [1, 0, 0, 1],
      'python-organization_membership_updated.json': [0, 1, 0, 0],
      'python-password_reset_created.json': [0, 1, 0, 0],
      'python-password_reset_succeeded.json': [1, 0, 0, 1],
      'python-session_created.json': [1, 0, 0, 0],
      'python-session_revoked.json': [1, 0, 0, 0],
      'python-user_created.json': [0, 1, 0, 0],
      'python-user_deleted.json': [1, 0, 0, 1],
      'python-user_sessions_list_item.json': [0, 1, 0, 0],
      'python-user_updated.json': [0, 1, 0, 0],
    };
    expect(manifest).toEqual(
      Object.entries(expected).map(([file, [loaded, skipped, quarantined, duplicates]]) => ({
        file, adapter: 'workos', records: 1, loaded, skipped, quarantined, duplicates,
      })),
    );
    expect(await all(`SELECT session_id, subject_id, auth_method FROM sessions ORDER BY session_id`)).toEqual([
      { session_id: 'session_01H93ZY4F80QPBEZ1R5B2SHQG8', subject_id: 'user_01E4ZCR3C56J083X43JQXF3JK5', auth_method: 'sso' },
      { session_id: 'session_01K0T5TNC755C7FGRQFJRS4QK5', subject_id: 'user_01K0T5T62NBSETXQD3NVGEA2RN', auth_method: 'oauth' },
    ]);
    expect(await all(`SELECT session_id, actor_id FROM revocations`)).toEqual([
      { session_id: 'session_01H93ZY4F80QPBEZ1R5B2SHQG8', actor_id: 'user_01EHWNCE74X7JSDV0X3SZ3KJNY' },
    ]);
    expect(await all(`SELECT kind, subject_id FROM lifecycle_events`)).toEqual([
      { kind: 'deleted', subject_id: 'directory_user_01E1JG7J09H96KYP8HM9B0G5SJ' },
    ]);
  });
});
