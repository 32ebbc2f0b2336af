import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/duck.ts';
import { chooseAdapter } from '../src/ingest/adapters/index.ts';
import { google } from '../src/ingest/adapters/google/index.ts';
import { discover } from '../src/ingest/discover.ts';
import { ingested, rows } from './helpers.ts';

const FIXTURES = 'fixtures/formats/google';
const SAMPLES = '../shared/samples';
const GRACE = 'grace@northwind.example';
const HEIDI = 'heidi@northwind.example';
const ADMIN = 'it.admin@northwind.example';

describe('the Google Workspace adapter on events we wrote', () => {
  let db: Db;
  const all = (sql: string) => rows(db.con, sql);
  beforeAll(async () => {
    db = await ingested([FIXTURES]);
  });
  afterAll(() => db.close());

  it('makes each successful login a session of its own, for the lower-cased actor email', async () => {
    expect(await all(`SELECT event_id, session_id, subject_id, ra_iso(created_at) AS created_at, ip, auth_method FROM sessions ORDER BY created_at`)).toEqual([
      { event_id: '2026-08-03T08:00:00.000Z/-100001/1/login_success', session_id: 'login:2026-08-03T08:00:00.000Z/-100001/1/login_success',
        subject_id: GRACE, created_at: '2026-08-03T08:00:00Z', ip: '198.51.100.50', auth_method: 'google_password' },
      { event_id: '2026-08-03T13:00:00.000Z/-100003/1/login_success', session_id: 'login:2026-08-03T13:00:00.000Z/-100003/1/login_success',
        subject_id: GRACE, created_at: '2026-08-03T13:00:00Z', ip: '198.51.100.51', auth_method: 'saml' },
    ]);
  });

  it('ends the user\'s latest earlier login on logout, and skips a logout with no login before it', async () => {
    expect(await all(`SELECT event_id, session_id, subject_id, reason FROM session_ends`)).toEqual([
      { event_id: '2026-08-03T12:00:00.000Z/-100002/1/logout', session_id: 'login:2026-08-03T08:00:00.000Z/-100001/1/login_success', subject_id: GRACE, reason: 'logout' },
    ]);
    expect(await all(`SELECT reason FROM skipped WHERE source_line = 7 AND source_file LIKE '%activities-login.jsonl'`)).toEqual([
      { reason: 'logout with no earlier login of the user in the inputs' },
    ]);
  });

  it('gives login and admin events their lifecycle kinds, admin events to the USER_EMAIL they name', async () => {
    expect(await all(`SELECT event_id, kind, subject_id, actor_id FROM lifecycle_events ORDER BY ts`)).toEqual([
      { event_id: '2026-08-04T09:00:00.000Z/-100004/1/password_edit', kind: 'password_changed', subject_id: GRACE, actor_id: GRACE },
      { event_id: '2026-08-04T10:00:00.000Z/-100005/1/account_disabled_password_leak', kind: 'deactivated', subject_id: HEIDI, actor_id: HEIDI },
      { event_id: '2026-08-05T09:00:00.000Z/-200001/1/SUSPEND_USER', kind: 'suspended', subject_id: GRACE, actor_id: ADMIN },
      { event_id: '2026-08-05T09:30:00.000Z/-200002/1/UNSUSPEND_USER', kind: 'reactivated', subject_id: GRACE, actor_id: ADMIN },
      { event_id: '2026-08-05T10:00:00.000Z/-200003/1/CHANGE_PASSWORD', kind: 'password_reset', subject_id: GRACE, actor_id: ADMIN },
      { event_id: '2026-08-06T09:00:00.000Z/-200004/1/DELETE_USER', kind: 'deleted', subject_id: HEIDI, actor_id: ADMIN },
      { event_id: '2026-08-06T09:10:00.000Z/-200005/1/UNDELETE_USER', kind: 'reactivated', subject_id: HEIDI, actor_id: ADMIN },
    ]);
  });

  it('logs no revocation and no session use, because the format has none', async () => {
    expect(await all(`SELECT (SELECT count(*) FROM revocations)::INTEGER AS revocations, (SELECT count(*) FROM access_events)::INTEGER AS uses`))
      .toEqual([{ revocations: 0, uses: 0 }]);
  });

  it('counts other login events and other applications as skipped, by reason', async () => {
    expect(await all(`SELECT regexp_extract(source_file, '[^/]+$') AS file, source_line::INTEGER AS line, reason FROM skipped ORDER BY file, line`)).toEqual([
      { file: 'activities-login.jsonl', line: 6, reason: 'login event not used: login_failure' },
      { file: 'activities-login.jsonl', line: 7, reason: 'logout with no earlier login of the user in the inputs' },
      { file: 'activities-other-apps.jsonl', line: 1, reason: 'application not used: token' },
      { file: 'activities-other-apps.jsonl', line: 2, reason: 'application not used: saml' },
    ]);
  });

  it('quarantines malformed activities, saying what is wrong', async () => {
    expect(await all(`SELECT source_line::INTEGER AS line, reason, detail FROM quarantine ORDER BY line`)).toEqual([
      { line: 1, reason: 'invalid JSON', detail: 'the record is not valid JSON' },
      { line: 2, reason: 'missing parameter USER_EMAIL', detail: 'SUSPEND_USER names no USER_EMAIL parameter' },
      { line: 3, reason: 'bad time', detail: "id.time '05/08/2026 09:00' is not RFC 3339 with an offset" },
    ]);
  });
});

describe.skipIf(!existsSync(`${SAMPLES}/google-workspace`))('the Google Workspace adapter on the public samples', () => {
  let db: Db;
  const all = (sql: string) => rows(db.con, sql);
  beforeAll(async () => {
    db = await ingested([`${SAMPLES}/google-workspace`]);
  });
  afterAll(() => db.close());

  it('reads every sample file as Google and accounts for every record', async () => {
    expect(await all(`SELECT regexp_extract(path, '[^/]+$') AS file, adapter, records::INTEGER AS records, loaded::INTEGER AS loaded,
                        skipped::INTEGER AS skipped, quarantined::INTEGER AS quarantined, duplicates::INTEGER AS duplicates FROM manifest ORDER BY file`)).toEqual([
      // Elastic splits `events` into one object per record; two login_success records repeat verbatim.
      { file: 'elastic-test-login.log', adapter: 'google', records: 17, loaded: 8, skipped: 9, quarantined: 0, duplicates: 1 },
      { file: 'sekoia-google-report-test_delete_user.json', adapter: 'google', records: 1, loaded: 1, skipped: 0, quarantined: 0, duplicates: 0 },
      { file: 'sekoia-google-report-test_saml_login_success.json', adapter: 'google', records: 1, loaded: 0, skipped: 1, quarantined: 0, duplicates: 0 },
      { file: 'sekoia-google-report-test_suspend_user.json', adapter: 'google', records: 1, loaded: 1, skipped: 0, quarantined: 0, duplicates: 0 },
      { file: 'sekoia-google-report-test_token_sample1.json', adapter: 'google', records: 1, loaded: 0, skipped: 1, quarantined: 0, duplicates: 0 },
      { file: 'sekoia-google-report-test_token_sample2.json', adapter: 'google', records: 1, loaded: 0, skipped: 1, quarantined: 0, duplicates: 0 },
    ]);
  });

  it('reads the suspension, the deletion and the account_disabled family as lifecycle events of their target', async () => {
    expect(await all(`SELECT kind, subject_id, count(*)::INTEGER AS n FROM lifecycle_events GROUP BY ALL ORDER BY kind, subject_id`)).toEqual([
      { kind: 'deactivated', subject_id: 'foo@elastic.co', n: 5 },
      { kind: 'deleted', subject_id: 'janedoe@example.com', n: 1 },
      { kind: 'suspended', subject_id: 'jdoe@example.net', n: 1 },
    ]);
  });

  it('claims no sample file of another format', async () => {
    const { files } = await discover([SAMPLES]);
    const claimed = files.filter((f) => google.detect(f)).map((f) => f.path.split('/').slice(-2, -1)[0]);
    expect(new Set(claimed)).toEqual(new Set(['google-workspace']));
    for (const f of files.filter((x) => x.path.includes('/google-workspace/'))) expect(chooseAdapter(f).name, f.path).toBe('google');
  });
});
