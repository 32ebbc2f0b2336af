import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/duck.ts';
import { chooseAdapter } from '../src/ingest/adapters/index.ts';
import { ssf } from '../src/ingest/adapters/ssf/index.ts';
import { discover } from '../src/ingest/discover.ts';
import { ingested, rows } from './helpers.ts';

const FIXTURES = 'fixtures/formats/ssf';
const SAMPLES = '../shared/samples';
const line = (file: string) => `regexp_extract(source_file, '[^/]+$') = '${file}' AND source_line = `;

describe('the Shared Signals adapter on SETs we wrote', () => {
  let db: Db;
  const all = (sql: string) => rows(db.con, sql);
  beforeAll(async () => {
    db = await ingested([FIXTURES]);
  });
  afterAll(() => db.close());

  it('opens a session for session-established: the subject\'s session member, or a session of its own', async () => {
    expect(await all(`SELECT session_id LIKE 'set:%' AS synthesized, session_id LIKE 'set:%' OR session_id = 'ssf-sess-owen-1' AS named_ok,
                      subject_id, device_id, auth_method, ra_iso(created_at) AS created_at FROM sessions ORDER BY created_at`)).toEqual([
      { synthesized: false, named_ok: true, subject_id: 'u-owen', device_id: 'dev-owen-phone', auth_method: 'pwd,otp', created_at: '2026-08-03T08:00:00Z' },
      { synthesized: true, named_ok: true, subject_id: 'pia@northwind.example', device_id: null, auth_method: 'pwd', created_at: '2026-08-03T08:30:00Z' },
    ]);
  });

  it('reads session-presented as a use of the named session, or of its ext_id', async () => {
    expect(await all(`SELECT session_id, subject_id, action, outcome FROM access_events ORDER BY ts`)).toEqual([
      { session_id: 'ssf-sess-owen-1', subject_id: 'u-owen', action: 'session-presented', outcome: 'allowed' },
      { session_id: 'saml-sess-77', subject_id: 'pia@northwind.example', action: 'session-presented', outcome: 'allowed' },
    ]);
  });

  it('revokes one session when the subject names it, every session of a user otherwise, with the initiating entity as actor', async () => {
    expect(await all(`SELECT regexp_extract(source_file, '[^/]+$') AS file, source_line::INTEGER AS line, session_id, subject_id, actor_id, reason
                      FROM revocations ORDER BY ts`)).toEqual([
      { file: 'caep-sets.jsonl', line: 7, session_id: null, subject_id: 'u-owen', actor_id: 'admin', reason: 'Sign out everywhere after reset' },
      { file: 'caep-sets.jsonl', line: 8, session_id: 'ssf-sess-owen-1', subject_id: 'u-owen', actor_id: 'policy', reason: 'Richtlinie verletzt' },
      // A bare opaque subject of session-revoked is the session (one no SET established: no subject to fill in).
      { file: 'caep-sets.jsonl', line: 9, session_id: 'saml-sess-77', subject_id: null, actor_id: 'system', reason: 'caep/session-revoked' },
      // RISC sessions-revoked (deprecated) with the subject inside the event, as older drafts wrote it.
      { file: 'risc-sets.jsonl', line: 6, session_id: null, subject_id: 'u-quinn', actor_id: null, reason: 'risc/sessions-revoked' },
      { file: 'other-sets.jsonl', line: 1, session_id: null, subject_id: 'u-rita', actor_id: null, reason: 'user' },
      { file: 'other-sets.jsonl', line: 3, session_id: null, subject_id: 'u-rita', actor_id: 'system', reason: 'caep/session-revoked' },
      { file: 'session-revoked-pretty.json', line: 1, session_id: 'ssf-sess-sam-1', subject_id: 'sam@northwind.example', actor_id: 'admin', reason: 'Offboarding' },
    ]);
  });

  it('ties a revocation to the change in the same transaction or the same SET', async () => {
    expect(await all(`SELECT r.source_line::INTEGER AS line, l.kind FROM revocations r JOIN lifecycle_events l ON l.event_id = r.trigger_event_id ORDER BY line`)).toEqual([
      { line: 3, kind: 'deactivated' },
      { line: 7, kind: 'password_reset' },
    ]);
  });

  it('maps credential changes and RISC account events to lifecycle kinds, resolving every subject format', async () => {
    expect(await all(`SELECT regexp_extract(source_file, '[^/]+$') AS file, source_line::INTEGER AS line, kind, subject_id, actor_id
                      FROM lifecycle_events ORDER BY file, line`)).toEqual([
      { file: 'caep-sets.jsonl', line: 5, kind: 'password_changed', subject_id: 'u-owen', actor_id: 'user' },
      { file: 'caep-sets.jsonl', line: 6, kind: 'password_reset', subject_id: 'u-owen', actor_id: 'admin' },
      { file: 'caep-sets.jsonl', line: 11, kind: 'mfa_reset', subject_id: 'u-owen', actor_id: 'admin' },
      { file: 'caep-sets.jsonl', line: 13, kind: 'permissions_changed', subject_id: 'owen@northwind.example', actor_id: null },
      { file: 'other-sets.jsonl', line: 3, kind: 'deactivated', subject_id: 'u-rita', actor_id: null },
      { file: 'risc-sets.jsonl', line: 1, kind: 'deactivated', subject_id: 'quinn@northwind.example', actor_id: null },
      { file: 'risc-sets.jsonl', line: 2, kind: 'deleted', subject_id: 'did:example:quinn', actor_id: null },
      { file: 'risc-sets.jsonl', line: 3, kind: 'reactivated', subject_id: 'https://northwind.example/users/quinn', actor_id: null },
      { file: 'risc-sets.jsonl', line: 4, kind: 'credential_compromised', subject_id: '+31 20 555 0100', actor_id: null },
      // An aliases subject: its first identifier, an email, lower-cased.
      { file: 'risc-sets.jsonl', line: 5, kind: 'deactivated', subject_id: 'quinn@northwind.example', actor_id: null },
    ]);
  });

  it('gives each event of a SET with several its own event id', async () => {
    expect(await all(`SELECT regexp_extract(event_id, '#.*$') AS suffix FROM (SELECT event_id FROM lifecycle_events WHERE ${line('other-sets.jsonl')}3
                      UNION ALL SELECT event_id FROM revocations WHERE ${line('other-sets.jsonl')}3) ORDER BY suffix`)).toEqual([
      { suffix: '#account-disabled' },
      { suffix: '#session-revoked' },
    ]);
  });

  it('skips what implies no revocation, and a session-revoked it cannot limit to a device', async () => {
    expect(await all(`SELECT regexp_extract(source_file, '[^/]+$') AS file, source_line::INTEGER AS line, reason FROM skipped ORDER BY file, line`)).toEqual([
      { file: 'caep-sets.jsonl', line: 10, reason: "session-revoked for a user's device (a revocation cannot be limited to one device)" },
      { file: 'caep-sets.jsonl', line: 12, reason: 'credential-change: create of fido2-platform (no revocation implied)' },
      { file: 'caep-sets.jsonl', line: 14, reason: 'event type not used: caep/assurance-level-change' },
      { file: 'other-sets.jsonl', line: 2, reason: 'stream management event: ssf/verification' },
      { file: 'risc-sets.jsonl', line: 7, reason: 'event type not used: risc/identifier-changed' },
    ]);
  });

  it('quarantines SETs that are not JSON, have no events, or no time', async () => {
    expect(await all(`SELECT source_line::INTEGER AS line, reason FROM quarantine ORDER BY line`)).toEqual([
      { line: 1, reason: 'invalid JSON' },
      { line: 2, reason: 'missing field events' },
      { line: 3, reason: 'missing time' },
    ]);
  });
});

describe.skipIf(!existsSync(`${SAMPLES}/shared-signals`))('the Shared Signals adapter on the specs\' examples', () => {
  let db: Db;
  const all = (sql: string) => rows(db.con, sql);
  beforeAll(async () => {
    db = await ingested([`${SAMPLES}/shared-signals`]);
  });
  afterAll(() => db.close());

  it('reads every example, quarantining only the two that are not JSON', async () => {
    const got = await all(`SELECT regexp_extract(path, '[^/]+$') AS file, adapter, records::INTEGER AS records, loaded::INTEGER AS loaded,
                             skipped::INTEGER AS skipped, quarantined::INTEGER AS quarantined FROM manifest ORDER BY file`);
    expect(got.every((r) => r['adapter'] === 'ssf' && r['records'] === 1)).toBe(true);
    expect(got.filter((r) => r['quarantined'] === 1).map((r) => r['file'])).toEqual([
      'oauth_token-revoked_1.not-strict-json.txt',
      'oauth_tokens-revoked_1.not-strict-json.txt',
    ]);
    expect(got.filter((r) => r['loaded'] === 1).map((r) => r['file'])).toEqual([
      'caep_session-established_1.json',
      'caep_session-presented_1.json',
      'caep_session-revoked_1.json',
      'caep_session-revoked_2.json',
      // A trailing comma that DuckDB's JSON reader tolerates.
      'risc_account-disabled_1.not-strict-json.txt',
      'risc_credential-compromise_1.json',
      'ssf_account-disabled_1.json',
      'ssf_account-enabled_1.json',
      'ssf_token-claims-change_1.json',
      'ssf_token-claims-change_2.json',
    ]);
    expect(got.length).toBe(29);
  });

  it('resolves the bare opaque and the complex subject of one session to the same revoked session', async () => {
    expect(await all(`SELECT session_id, subject_id, count(*)::INTEGER AS n FROM revocations GROUP BY ALL ORDER BY subject_id NULLS FIRST`)).toEqual([
      { session_id: 'dMTlD|1600802906337.16|16008.16', subject_id: null, n: 1 },
      { session_id: 'dMTlD|1600802906337.16|16008.16', subject_id: '99beb27c-c1c2-4955-882a-e0dc4996fcbc', n: 1 },
    ]);
  });

  it('does not fold the examples that reuse one jti into duplicates', async () => {
    expect(await all(`SELECT count(*)::INTEGER AS n FROM manifest WHERE duplicates > 0`)).toEqual([{ n: 0 }]);
  });

  it('claims no sample file of another format', async () => {
    const { files } = await discover([SAMPLES]);
    const claimed = files.filter((f) => ssf.detect(f)).map((f) => f.path.split('/').slice(-2, -1)[0]);
    expect(new Set(claimed)).toEqual(new Set(['shared-signals']));
    for (const f of files.filter((x) => x.path.includes('/shared-signals/'))) expect(chooseAdapter(f).name, f.path).toBe('ssf');
  });
});
