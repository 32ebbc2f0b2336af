import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/duck.ts';
import { chooseAdapter } from '../src/ingest/adapters/index.ts';
import { ocsf } from '../src/ingest/adapters/ocsf/index.ts';
import { discover } from '../src/ingest/discover.ts';
import { ingested, rows } from './helpers.ts';

const FIXTURES = 'fixtures/formats/ocsf';
const SAMPLES = '../shared/samples';

describe('the OCSF adapter on events we wrote', () => {
  let db: Db;
  const all = (sql: string) => rows(db.con, sql);
  beforeAll(async () => {
    db = await ingested([FIXTURES]);
  });
  afterAll(() => db.close());

  it('opens a session for each Authentication Logon, keyed on session.uid or else on the event', async () => {
    expect(await all(`SELECT event_id, session_id, subject_id, ra_iso(created_at) AS created_at, ra_iso(expires_at) AS expires_at, ip, user_agent, device_id, auth_method
                      FROM sessions ORDER BY created_at`)).toEqual([
      { event_id: 'oc-auth-1', session_id: 'oc-sess-leo-1', subject_id: 'u-leo', created_at: '2026-08-03T08:00:00Z', expires_at: '2026-08-03T20:00:00Z',
        ip: '198.51.100.70', user_agent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0', device_id: 'dev-leo-1', auth_method: 'OIDC Interactive' },
      { event_id: 'oc-auth-2', session_id: 'logon:oc-auth-2', subject_id: 'u-mia', created_at: '2026-08-03T08:10:00Z', expires_at: null,
        ip: '198.51.100.71', user_agent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0', device_id: null, auth_method: 'SAML' },
    ]);
    expect(await all(`SELECT event_id, session_id, reason FROM session_ends`)).toEqual([{ event_id: 'oc-auth-4', session_id: 'oc-sess-leo-1', reason: 'logout' }]);
  });

  it('maps Account Change, User Management and User Access Management activities to lifecycle kinds', async () => {
    expect(await all(`SELECT event_id, kind, subject_id, actor_id, initiating_session_id FROM lifecycle_events ORDER BY ts`)).toEqual([
      { event_id: 'oc-ac-3', kind: 'password_changed', subject_id: 'u-leo', actor_id: 'u-leo', initiating_session_id: 'oc-sess-leo-1' },
      { event_id: 'oc-ac-4', kind: 'password_reset', subject_id: 'u-leo', actor_id: 'u-admin', initiating_session_id: null },
      { event_id: 'oc-ac-5', kind: 'deactivated', subject_id: 'u-mia', actor_id: 'u-admin', initiating_session_id: null },
      { event_id: 'oc-ac-2', kind: 'reactivated', subject_id: 'u-mia', actor_id: 'u-admin', initiating_session_id: null },
      { event_id: 'oc-ac-9', kind: 'suspended', subject_id: 'u-mia', actor_id: 'u-admin', initiating_session_id: null },
      { event_id: 'oc-ac-12', kind: 'reactivated', subject_id: 'u-mia', actor_id: 'u-admin', initiating_session_id: null },
      { event_id: 'oc-ac-11', kind: 'mfa_reset', subject_id: 'u-leo', actor_id: 'u-admin', initiating_session_id: null },
      { event_id: 'oc-ac-7', kind: 'permissions_changed', subject_id: 'u-leo', actor_id: 'u-admin', initiating_session_id: null },
      { event_id: 'oc-ac-8', kind: 'permissions_changed', subject_id: 'u-leo', actor_id: 'u-admin', initiating_session_id: null },
      { event_id: 'oc-ac-6', kind: 'deleted', subject_id: 'u-mia', actor_id: 'u-admin', initiating_session_id: null },
      { event_id: 'oc-um-8', kind: 'password_changed', subject_id: 'u-mia', actor_id: 'u-mia', initiating_session_id: 'oc-sess-mia-2' },
      { event_id: 'oc-um-9', kind: 'password_reset', subject_id: 'u-mia', actor_id: 'u-admin', initiating_session_id: null },
      { event_id: 'oc-um-5', kind: 'deactivated', subject_id: 'u-mia', actor_id: 'u-admin', initiating_session_id: null },
      { event_id: 'oc-um-4', kind: 'reactivated', subject_id: 'u-mia', actor_id: 'u-admin', initiating_session_id: null },
      { event_id: 'oc-um-6', kind: 'suspended', subject_id: 'u-mia', actor_id: 'u-admin', initiating_session_id: null },
      { event_id: 'oc-um-7', kind: 'reactivated', subject_id: 'u-mia', actor_id: 'u-admin', initiating_session_id: null },
      { event_id: 'oc-um-13', kind: 'mfa_reset', subject_id: 'u-mia', actor_id: 'u-admin', initiating_session_id: null },
      { event_id: 'oc-um-16', kind: 'permissions_changed', subject_id: 'u-mia', actor_id: 'u-admin', initiating_session_id: null },
      { event_id: 'oc-um-3', kind: 'deleted', subject_id: 'u-mia', actor_id: 'u-admin', initiating_session_id: null },
      { event_id: 'oc-uam-1', kind: 'permissions_changed', subject_id: 'u-leo', actor_id: 'u-admin', initiating_session_id: null },
    ]);
  });

  it('reads any event whose actor names a session as a use of that session', async () => {
    expect(await all(`SELECT event_id, session_id, subject_id, ip, action, outcome FROM access_events ORDER BY ts`)).toEqual([
      { event_id: 'oc-ac-3#use', session_id: 'oc-sess-leo-1', subject_id: 'u-leo', ip: null, action: 'Account Change: Password Change', outcome: 'allowed' },
      { event_id: 'oc-ac-4#use', session_id: 'oc-sess-admin-1', subject_id: 'u-admin', ip: null, action: 'Account Change: Password Reset', outcome: 'allowed' },
      { event_id: 'oc-api-1#use', session_id: 'oc-sess-leo-1', subject_id: 'u-leo', ip: '192.0.2.91', action: 'API Activity: GET /v1/invoices', outcome: 'allowed' },
      { event_id: 'oc-um-8#use', session_id: 'oc-sess-mia-2', subject_id: 'u-mia', ip: null, action: 'User Management: Password Change', outcome: 'allowed' },
    ]);
  });

  it('skips failed events, ticket activities, account creation and other classes; quarantines malformed events', async () => {
    expect(await all(`SELECT regexp_extract(source_file, '[^/]+$') AS file, source_line::INTEGER AS line, reason FROM skipped ORDER BY file, line`)).toEqual([
      { file: 'account-change.jsonl', line: 11, reason: 'activity not used: 3001 Create' },
      { file: 'account-change.jsonl', line: 12, reason: 'failed account change: Disable' },
      { file: 'api-activity.jsonl', line: 2, reason: 'class not used: 6003 API Activity' },
      { file: 'authentication.jsonl', line: 3, reason: 'failed authentication: Logon' },
      { file: 'authentication.jsonl', line: 5, reason: 'logoff without session.uid' },
      { file: 'authentication.jsonl', line: 6, reason: 'activity not used: 3002 Authentication Ticket' },
    ]);
    expect(await all(`SELECT source_line::INTEGER AS line, reason, detail FROM quarantine ORDER BY line`)).toEqual([
      { line: 1, reason: 'invalid JSON', detail: 'the record is not valid JSON' },
      { line: 2, reason: 'missing field class_uid', detail: 'the event has no class_uid' },
      { line: 3, reason: 'missing field time', detail: 'class 3002 event has no time' },
      { line: 4, reason: 'missing field user', detail: 'class 3001 Disable names no user (uid, email_addr or name)' },
    ]);
  });
});

describe.skipIf(!existsSync(`${SAMPLES}/ocsf`))('the OCSF adapter on the public samples', () => {
  let db: Db;
  const all = (sql: string) => rows(db.con, sql);
  beforeAll(async () => {
    db = await ingested([`${SAMPLES}/ocsf`]);
  });
  afterAll(() => db.close());

  it('reads every sample file as OCSF and accounts for every record', async () => {
    expect(await all(`SELECT regexp_extract(path, '[^/]+$') AS file, adapter, records::INTEGER AS records, loaded::INTEGER AS loaded,
                        skipped::INTEGER AS skipped, quarantined::INTEGER AS quarantined, duplicates::INTEGER AS duplicates FROM manifest ORDER BY file`)).toEqual([
      { file: 'aws-cloudtrail-1_1_0_OCSF_account_change.ocsf.json', adapter: 'ocsf', records: 1, loaded: 0, skipped: 1, quarantined: 0, duplicates: 0 },
      { file: 'aws-cloudtrail-1_1_0_OCSF_authentication.ocsf.json', adapter: 'ocsf', records: 1, loaded: 1, skipped: 0, quarantined: 0, duplicates: 0 },
      { file: 'github-account_change.ocsf.json', adapter: 'ocsf', records: 1, loaded: 1, skipped: 0, quarantined: 0, duplicates: 0 },
      { file: 'github-authentication.ocsf.json', adapter: 'ocsf', records: 1, loaded: 1, skipped: 0, quarantined: 0, duplicates: 0 },
      { file: 'okta-account_change.ocsf.json', adapter: 'ocsf', records: 1, loaded: 0, skipped: 1, quarantined: 0, duplicates: 0 },
      { file: 'okta-authentication.ocsf.json', adapter: 'ocsf', records: 1, loaded: 1, skipped: 0, quarantined: 0, duplicates: 0 },
      { file: 'sekoia-ocsf-test_account_change_1.json', adapter: 'ocsf', records: 1, loaded: 0, skipped: 1, quarantined: 0, duplicates: 0 },
      { file: 'sekoia-ocsf-test_authentication_2.json', adapter: 'ocsf', records: 1, loaded: 1, skipped: 0, quarantined: 0, duplicates: 0 },
      { file: 'sekoia-ocsf-test_authentication_3.json', adapter: 'ocsf', records: 1, loaded: 0, skipped: 1, quarantined: 0, duplicates: 0 },
      // The same Windows 4624 mapping as SEKOIA's test case, with the same metadata.uid.
      { file: 'windows-4624_0.ocsf.json', adapter: 'ocsf', records: 1, loaded: 1, skipped: 0, quarantined: 0, duplicates: 1 },
      { file: 'windows-4625_0.ocsf.json', adapter: 'ocsf', records: 1, loaded: 0, skipped: 1, quarantined: 0, duplicates: 0 },
    ]);
  });

  it('reads the Okta mapping\'s epoch seconds and the others\' milliseconds as the same kind of instant', async () => {
    expect(await all(`SELECT event_id, ra_iso(created_at) AS created_at FROM sessions WHERE event_id IN ('dc9fd3c0-598c-11ef-8478-2b7584bf8d5a', 'fed06f42-cb12-4764-8c69-example') ORDER BY created_at`)).toEqual([
      { event_id: 'fed06f42-cb12-4764-8c69-example', created_at: '2023-11-10T16:24:34Z' },
      { event_id: 'dc9fd3c0-598c-11ef-8478-2b7584bf8d5a', created_at: '2024-08-13T15:58:20Z' },
    ]);
  });

  it('claims the OCSF mappings of Okta and Windows events, but no raw Okta or Windows file', async () => {
    const { files } = await discover([SAMPLES]);
    const claimed = files.filter((f) => ocsf.detect(f)).map((f) => f.path.split('/').slice(-2, -1)[0]);
    expect(new Set(claimed)).toEqual(new Set(['ocsf']));
    for (const f of files.filter((x) => x.path.includes('/ocsf/'))) expect(chooseAdapter(f).name, f.path).toBe('ocsf');
  });
});
