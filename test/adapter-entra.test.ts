import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/duck.ts';
import { chooseAdapter } from '../src/ingest/adapters/index.ts';
import { entra } from '../src/ingest/adapters/entra/index.ts';
import { discover } from '../src/ingest/discover.ts';
import { ingested, rows } from './helpers.ts';

const FIXTURES = 'fixtures/formats/entra';
const SAMPLES = '../shared/samples';
const ALICE = '6f1c2d3e-0a1b-4c2d-8e3f-111111111111';
const BOB = '6f1c2d3e-0a1b-4c2d-8e3f-222222222222';
const CAROL = '6f1c2d3e-0a1b-4c2d-8e3f-333333333333';
const ADMIN = '6f1c2d3e-0a1b-4c2d-8e3f-999999999999';

describe('the Entra adapter on events we wrote', () => {
  let db: Db;
  const all = (sql: string) => rows(db.con, sql);
  beforeAll(async () => {
    db = await ingested([FIXTURES]);
  });
  afterAll(() => db.close());

  it('opens a session for each successful interactive sign-in, keyed on sessionId or else on the sign-in itself', async () => {
    expect(await all(`SELECT event_id, session_id, subject_id, ra_iso(created_at) AS created_at, ip, device_id, auth_method
                      FROM sessions ORDER BY created_at`)).toEqual([
      { event_id: 'si-0001-0000-4000-8000-000000000001', session_id: '5a1e0000-0000-4000-8000-000000000001', subject_id: ALICE,
        created_at: '2026-08-03T08:00:00.123456Z', ip: '198.51.100.7', device_id: 'dev-alice-laptop', auth_method: 'multiFactorAuthentication' },
      { event_id: 'si-0004-0000-4000-8000-000000000004', session_id: 'signin:si-0004-0000-4000-8000-000000000004', subject_id: BOB,
        created_at: '2026-08-03T08:10:00Z', ip: '198.51.100.7', device_id: null, auth_method: 'multiFactorAuthentication' },
      { event_id: 'si-0008-0000-4000-8000-000000000008', session_id: '5a1e0000-0000-4000-8000-000000000002', subject_id: BOB,
        created_at: '2026-08-05T07:00:00Z', ip: '198.51.100.8', device_id: null, auth_method: 'multiFactorAuthentication' },
      { event_id: 'si-0010-0000-4000-8000-000000000010', session_id: '5a1e0000-0000-4000-8000-000000000003', subject_id: CAROL,
        created_at: '2026-08-06T09:00:00Z', ip: '198.51.100.9', device_id: null, auth_method: null },
    ]);
  });

  it('reads non-interactive sign-ins with a sessionId as uses of that session, a failed one as denied with its reason', async () => {
    expect(await all(`SELECT event_id, session_id, subject_id, ip, user_agent, action, outcome, reason FROM access_events ORDER BY ts`)).toEqual([
      { event_id: 'si-0002-0000-4000-8000-000000000002', session_id: '5a1e0000-0000-4000-8000-000000000001', subject_id: ALICE, ip: '198.51.100.7',
        user_agent: expect.stringContaining('Chrome/126.0'), action: 'non-interactive sign-in: Microsoft Teams', outcome: 'allowed', reason: null },
      { event_id: 'si-0003-0000-4000-8000-000000000003', session_id: '5a1e0000-0000-4000-8000-000000000001', subject_id: ALICE, ip: '192.0.2.66',
        user_agent: 'python-requests/2.31', action: 'non-interactive sign-in: Microsoft Teams', outcome: 'denied',
        reason: 'The provided grant has expired due to it being revoked.' },
      { event_id: 'si-0009-0000-4000-8000-000000000009', session_id: '5a1e0000-0000-4000-8000-000000000002', subject_id: BOB, ip: '198.51.100.8',
        user_agent: expect.stringContaining('Chrome/126.0'), action: 'non-interactive sign-in: Microsoft Teams', outcome: 'allowed', reason: null },
      { event_id: 'si-0011-0000-4000-8000-000000000011', session_id: '5a1e0000-0000-4000-8000-000000000003', subject_id: CAROL, ip: '198.51.100.9',
        user_agent: expect.stringContaining('Chrome/126.0'), action: 'non-interactive sign-in: Graph Explorer', outcome: 'allowed', reason: null },
    ]);
  });

  it('gives each audit activity its lifecycle kind, for the target user, with the initiator as actor', async () => {
    expect(await all(`SELECT event_id, kind, subject_id, actor_id, reason FROM lifecycle_events ORDER BY ts, event_id`)).toEqual([
      { event_id: 'Directory_RST_0001', kind: 'password_reset', subject_id: ALICE, actor_id: ADMIN, reason: 'Reset password (by admin)' },
      { event_id: 'Directory_CHG_0001', kind: 'password_changed', subject_id: ALICE, actor_id: ALICE, reason: 'Change password (self-service)' },
      // Change user password: the user's own change when they initiated it, else an admin's reset.
      { event_id: 'Directory_CHG_0002', kind: 'password_changed', subject_id: ALICE, actor_id: ALICE, reason: 'Change user password' },
      { event_id: 'Directory_CHG_0003', kind: 'password_reset', subject_id: BOB, actor_id: ADMIN, reason: 'Change user password' },
      { event_id: 'Directory_SSPR_0001', kind: 'password_reset', subject_id: BOB, actor_id: BOB, reason: 'Reset password (self-service)' },
      { event_id: 'Directory_RUP_0001', kind: 'password_reset', subject_id: BOB, actor_id: ADMIN, reason: 'Reset user password' },
      { event_id: 'UserManagement_MFA_0001', kind: 'mfa_reset', subject_id: ALICE, actor_id: ADMIN, reason: 'Admin deleted security info' },
      { event_id: 'Directory_ROL_0001', kind: 'permissions_changed', subject_id: ALICE, actor_id: ADMIN, reason: 'Add member to role' },
      { event_id: 'Directory_ROL_0002', kind: 'permissions_changed', subject_id: ALICE, actor_id: ADMIN, reason: 'Remove member from role' },
      { event_id: 'Directory_ROL_0003', kind: 'permissions_changed', subject_id: ALICE, actor_id: ADMIN, reason: 'Add eligible member to role' },
      { event_id: 'Directory_ROL_0004', kind: 'permissions_changed', subject_id: ALICE, actor_id: ADMIN, reason: 'Remove eligible member from role' },
      { event_id: 'Directory_DIS_0001', kind: 'deactivated', subject_id: BOB, actor_id: ADMIN, reason: 'Disable account' },
      { event_id: 'Directory_ENA_0001', kind: 'reactivated', subject_id: BOB, actor_id: ADMIN, reason: 'Enable account' },
      { event_id: 'Directory_GRA_0001', kind: 'deactivated', subject_id: CAROL, actor_id: ADMIN, reason: 'Disable account' },
      { event_id: 'Directory_DEL_0001', kind: 'deleted', subject_id: BOB, actor_id: ADMIN, reason: 'Delete user' },
      { event_id: 'Directory_RES_0001', kind: 'reactivated', subject_id: BOB, actor_id: ADMIN, reason: 'Restore user' },
      { event_id: 'Directory_HDL_0001', kind: 'deleted', subject_id: BOB, actor_id: ADMIN, reason: 'Hard Delete user' },
    ]);
  });

  it('reads Update StsRefreshTokenValidFrom Timestamp as revoking every session of the user, triggered by the change it shares a correlationId with', async () => {
    expect(await all(`SELECT event_id, ra_iso(ts) AS ts, session_id, subject_id, actor_id, trigger_event_id FROM revocations ORDER BY ts`)).toEqual([
      { event_id: 'Directory_STS_0001', ts: '2026-08-03T10:01:30Z', session_id: null, subject_id: ALICE, actor_id: ADMIN, trigger_event_id: 'Directory_RST_0001' },
      // Written with a trailing period by the unified audit log; initiated by an app.
      { event_id: 'Directory_STS_0002', ts: '2026-08-05T16:00:02Z', session_id: null, subject_id: BOB, actor_id: 'sp-offboarding', trigger_event_id: 'Directory_DIS_0001' },
      { event_id: 'Directory_GRA_0002', ts: '2026-08-06T12:00:05Z', session_id: null, subject_id: CAROL, actor_id: ADMIN, trigger_event_id: 'Directory_GRA_0001' },
    ]);
  });

  it('counts what it does not use as skipped, by reason', async () => {
    expect(await all(`SELECT regexp_extract(source_file, '[^/]+$') AS file, source_line::INTEGER AS line, reason FROM skipped ORDER BY file, line`)).toEqual([
      { file: 'audit-azure-monitor.jsonl', line: 9, reason: 'audit activity not used: Update user' },
      { file: 'audit-azure-monitor.jsonl', line: 20, reason: 'audit activity did not succeed' },
      { file: 'audit-azure-monitor.jsonl', line: 21, reason: 'audit activity not used: Add user' },
      { file: 'signins-azure-monitor.jsonl', line: 5, reason: 'non-interactive sign-in without sessionId' },
      { file: 'signins-azure-monitor.jsonl', line: 6, reason: 'failed sign-in without sessionId' },
      { file: 'signins-azure-monitor.jsonl', line: 7, reason: 'service principal or managed identity sign-in (no user session)' },
    ]);
  });

  it('quarantines only malformed events, saying what is wrong', async () => {
    expect(await all(`SELECT source_line::INTEGER AS line, reason, detail FROM quarantine ORDER BY line`)).toEqual([
      { line: 1, reason: 'invalid JSON', detail: 'the record is not valid JSON' },
      { line: 2, reason: 'missing field userId', detail: 'a user sign-in must name its userId' },
      { line: 3, reason: 'missing target user', detail: "'Disable account' names no targetResources entry of type User" },
      { line: 4, reason: 'bad time', detail: "time '08/05/2026 15:00:00' is not RFC 3339 with an offset" },
    ]);
  });

  it('reads an Event Hub message and a Graph page as one record each, event by event', async () => {
    expect(await all(`SELECT regexp_extract(path, '[^/]+$') AS file, records::INTEGER AS records, loaded::INTEGER AS loaded FROM manifest
                      WHERE path LIKE '%event-hub%' OR path LIKE '%graph%' ORDER BY file`)).toEqual([
      { file: 'event-hub-message.json', records: 1, loaded: 1 },
      { file: 'graph-directory-audits.json', records: 2, loaded: 2 },
      { file: 'graph-signins-page.json', records: 1, loaded: 1 },
    ]);
  });
});

describe.skipIf(!existsSync(`${SAMPLES}/entra`))('the Entra adapter on the public samples', () => {
  let db: Db;
  const all = (sql: string) => rows(db.con, sql);
  beforeAll(async () => {
    db = await ingested([`${SAMPLES}/entra`]);
  });
  afterAll(() => db.close());

  it('reads every sample file as Entra and accounts for every record', async () => {
    expect(await all(`SELECT regexp_extract(path, '[^/]+$') AS file, adapter, records::INTEGER AS records, loaded::INTEGER AS loaded,
                        skipped::INTEGER AS skipped, quarantined::INTEGER AS quarantined FROM manifest ORDER BY file`)).toEqual([
      { file: 'elastic-test-non-interactive-user-sample.first6.log', adapter: 'entra', records: 6, loaded: 0, skipped: 6, quarantined: 0 },
      { file: 'elastic-test-signinlogs-raw.log', adapter: 'entra', records: 5, loaded: 0, skipped: 5, quarantined: 0 },
      { file: 'elastic-test-signinlogs-sample.log', adapter: 'entra', records: 2, loaded: 2, skipped: 0, quarantined: 0 },
      { file: 'sekoia-azure-ad-add_user.json', adapter: 'entra', records: 1, loaded: 0, skipped: 1, quarantined: 0 },
      { file: 'sekoia-azure-ad-change_user_password.json', adapter: 'entra', records: 1, loaded: 1, skipped: 0, quarantined: 0 },
      { file: 'sekoia-azure-ad-graph_activity.json', adapter: 'entra', records: 1, loaded: 0, skipped: 1, quarantined: 0 },
      { file: 'sekoia-azure-ad-sign-in_activity.json', adapter: 'entra', records: 1, loaded: 0, skipped: 1, quarantined: 0 },
      { file: 'sekoia-azure-ad-sign-in_activity5.json', adapter: 'entra', records: 1, loaded: 1, skipped: 0, quarantined: 0 },
      { file: 'sekoia-azure-ad-sign-in_activity6.json', adapter: 'entra', records: 1, loaded: 1, skipped: 0, quarantined: 0 },
      { file: 'sekoia-azure-ad-sign-in_activity7.json', adapter: 'entra', records: 1, loaded: 0, skipped: 1, quarantined: 0 },
      { file: 'sekoia-azure-ad-update_ststoken.json', adapter: 'entra', records: 1, loaded: 1, skipped: 0, quarantined: 0 },
      { file: 'sekoia-graphapi-test_signin.json', adapter: 'entra', records: 1, loaded: 1, skipped: 0, quarantined: 0 },
    ]);
  });

  it('pairs the password change with the refresh-token revocation Entra writes after it', async () => {
    expect(await all(`SELECT l.kind, r.session_id, r.subject_id, r.trigger_event_id = l.event_id AS triggered_by_it
                      FROM revocations r, lifecycle_events l`)).toEqual([
      { kind: 'password_changed', session_id: null, subject_id: 'user1', triggered_by_it: true },
    ]);
  });

  it('keeps the 2025 sessionId of an interactive sign-in and of a non-interactive refresh', async () => {
    expect(await all(`SELECT 'sessions' AS t, session_id, subject_id FROM sessions WHERE session_id NOT LIKE 'signin:%'
                      UNION ALL SELECT 'access_events', session_id, subject_id FROM access_events ORDER BY t`)).toEqual([
      { t: 'access_events', session_id: '22222222-2222-2222-2222-222222222222', subject_id: 'user1' },
      { t: 'sessions', session_id: '11111111-1111-1111-1111-666666666666', subject_id: 'user1' },
    ]);
  });

  it('claims no sample file of another format', async () => {
    const { files } = await discover([SAMPLES]);
    const claimed = files.filter((f) => entra.detect(f)).map((f) => f.path.split('/').slice(-2, -1)[0]);
    expect(new Set(claimed)).toEqual(new Set(['entra']));
    for (const f of files.filter((x) => x.path.includes('/entra/'))) expect(chooseAdapter(f).name, f.path).toBe('entra');
  });
});
