import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/duck.ts';
import { chooseAdapter } from '../src/ingest/adapters/index.ts';
import { native } from '../src/ingest/adapters/native/index.ts';
import { okta } from '../src/ingest/adapters/okta/index.ts';
import { discover } from '../src/ingest/discover.ts';
import { ingested, jsonl, rows, runCli, writeFiles } from './helpers.ts';

const FIXTURES = 'fixtures/formats/okta';
const SAMPLES = '../shared/samples';

/** The uuid the fixture gives its n-th event (line n). */
const uuid = (n: number) => `6b1c${String(n).padStart(4, '0')}-0000-11ef-9000-000000000000`;
const ALICE = '00u1alice0000000000';
const HANA = '00u1hana00000000000';

let db: Db | undefined;
afterEach(() => db?.close());
const all = (sql: string) => rows(db!.con, sql);

describe('the Okta adapter on events we wrote', () => {
  it('opens a session for each successful user.session.start, keyed on externalSessionId', async () => {
    db = await ingested([FIXTURES]);
    expect(await all(`SELECT event_id, session_id, subject_id, ra_iso(created_at) AS created_at, expires_at, ip, auth_method FROM sessions ORDER BY created_at`)).toEqual([
      { event_id: uuid(20), session_id: '102daveLaptop007', subject_id: '00u1dave00000000000', created_at: '2026-03-02T07:30:00Z', expires_at: null, ip: '198.51.100.40', auth_method: 'PASSWORD' },
      { event_id: uuid(15), session_id: '102bobLaptop0005', subject_id: '00u1bob000000000000', created_at: '2026-03-02T08:00:00Z', expires_at: null, ip: '198.51.100.30', auth_method: 'PASSWORD' },
      { event_id: uuid(1), session_id: '102aliceLaptop01', subject_id: ALICE, created_at: '2026-03-02T09:00:00Z', expires_at: null, ip: '203.0.113.10', auth_method: 'PASSWORD' },
      { event_id: uuid(2), session_id: '102alicePhone002', subject_id: ALICE, created_at: '2026-03-02T09:10:00Z', expires_at: null, ip: '198.51.100.7', auth_method: 'PASSWORD' },
      { event_id: uuid(8), session_id: '102hanaAdmin0004', subject_id: HANA, created_at: '2026-03-02T09:18:00Z', expires_at: null, ip: '192.0.2.5', auth_method: 'PASSWORD' },
    ]);
  });

  it('reads SSO, the admin console and factor checks as uses of the session, failures as denied', async () => {
    db = await ingested([FIXTURES]);
    expect(await all(`SELECT event_id, session_id, subject_id, action, outcome FROM access_events ORDER BY ts`)).toEqual([
      { event_id: uuid(4), session_id: '102aliceLaptop01', subject_id: ALICE, action: 'user.authentication.sso Salesforce', outcome: 'allowed' },
      { event_id: uuid(5), session_id: '102alicePhone002', subject_id: ALICE, action: 'user.authentication.auth_via_mfa', outcome: 'allowed' },
      { event_id: uuid(6), session_id: '102alicePhone002', subject_id: ALICE, action: 'user.authentication.verify', outcome: 'denied' },
      // The actor is Okta itself; the user is the target.
      { event_id: uuid(7), session_id: '102aliceLaptop01', subject_id: ALICE, action: 'user.authentication.auth_via_IDP Salesforce', outcome: 'allowed' },
      { event_id: uuid(9), session_id: '102hanaAdmin0004', subject_id: HANA, action: 'user.session.access_admin_app Okta Admin Console', outcome: 'allowed' },
    ]);
  });

  it('gives lifecycle events to the target user, never the admin\'s session as the initiating one', async () => {
    db = await ingested([FIXTURES]);
    expect(await all(`SELECT event_id, kind, subject_id, actor_id, initiating_session_id FROM lifecycle_events ORDER BY ts`)).toEqual([
      { event_id: uuid(10), kind: 'password_changed', subject_id: ALICE, actor_id: ALICE, initiating_session_id: '102aliceLaptop01' },
      { event_id: uuid(11), kind: 'password_reset', subject_id: ALICE, actor_id: HANA, initiating_session_id: null },
      { event_id: uuid(18), kind: 'suspended', subject_id: '00u1carol0000000000', actor_id: HANA, initiating_session_id: null },
      { event_id: uuid(19), kind: 'reactivated', subject_id: '00u1carol0000000000', actor_id: HANA, initiating_session_id: null },
      { event_id: uuid(21), kind: 'deactivated', subject_id: '00u1dave00000000000', actor_id: HANA, initiating_session_id: null },
      { event_id: uuid(23), kind: 'reactivated', subject_id: '00u1dave00000000000', actor_id: HANA, initiating_session_id: null },
      { event_id: uuid(24), kind: 'deleted', subject_id: '00u1erin00000000000', actor_id: HANA, initiating_session_id: null },
      { event_id: uuid(25), kind: 'mfa_reset', subject_id: '00u1frank0000000000', actor_id: HANA, initiating_session_id: null },
      { event_id: uuid(27), kind: 'permissions_changed', subject_id: '00u1frank0000000000', actor_id: HANA, initiating_session_id: null },
      { event_id: uuid(28), kind: 'permissions_changed', subject_id: '00u1frank0000000000', actor_id: HANA, initiating_session_id: null },
    ]);
  });

  it('reads the session ends of a clear or a deactivation as revocations, and a user\'s own logout as a logout', async () => {
    db = await ingested([FIXTURES]);
    expect(await all(`SELECT event_id, ra_iso(ts) AS ts, session_id, subject_id, actor_id, reason, trigger_event_id FROM revocations ORDER BY event_id`)).toEqual([
      { event_id: uuid(12), ts: '2026-03-02T10:01:00Z', session_id: null, subject_id: ALICE, actor_id: HANA, reason: 'user.session.clear', trigger_event_id: null },
      { event_id: uuid(13), ts: '2026-03-02T10:01:00.100000Z', session_id: '102aliceLaptop01', subject_id: ALICE, actor_id: HANA, reason: 'user.session.clear', trigger_event_id: uuid(12) },
      { event_id: uuid(14), ts: '2026-03-02T10:01:00.200000Z', session_id: '102alicePhone002', subject_id: ALICE, actor_id: HANA, reason: 'user.session.clear', trigger_event_id: uuid(12) },
      { event_id: uuid(22), ts: '2026-03-02T12:30:00.500000Z', session_id: '102daveLaptop007', subject_id: '00u1dave00000000000', actor_id: HANA, reason: 'user.lifecycle.deactivate', trigger_event_id: uuid(21) },
      { event_id: uuid(26), ts: '2026-03-02T13:20:00Z', session_id: null, subject_id: '00u1grace0000000000', actor_id: HANA, reason: 'user.authentication.universal_logout', trigger_event_id: null },
    ]);
    expect(await all(`SELECT event_id, session_id, reason FROM session_ends ORDER BY ts`)).toEqual([
      { event_id: uuid(16), session_id: '102bobLaptop0005', reason: 'logout' },
      { event_id: uuid(17), session_id: '102bobPhone00006', reason: 'expired' },
    ]);
  });

  it('counts a failed sign-in, a policy evaluation and a use without a session as skipped', async () => {
    db = await ingested([FIXTURES]);
    expect(await all(`SELECT source_line::INTEGER AS line, reason FROM skipped ORDER BY line`)).toEqual([
      { line: 3, reason: 'user.session.start with outcome FAILURE' },
      { line: 29, reason: 'event type not mapped: policy.evaluate_sign_on' },
      { line: 30, reason: 'user.authentication.sso without a session id' },
    ]);
    expect(await all(`SELECT records::INTEGER AS records, loaded::INTEGER AS loaded, skipped::INTEGER AS skipped, quarantined::INTEGER AS quarantined FROM manifest`))
      .toEqual([{ records: 30, loaded: 27, skipped: 3, quarantined: 0 }]);
  });

  it('quarantines malformed events and lifecycle events that name no user', async () => {
    const base = { uuid: 'q-1', published: '2026-03-02T10:00:00.000Z', eventType: 'user.session.start', actor: { id: ALICE, type: 'User' }, authenticationContext: { externalSessionId: 's1' }, outcome: { result: 'SUCCESS' } };
    db = await ingested([writeFiles({
      'log.jsonl': jsonl(
        base,
        { ...base, uuid: 'q-2', published: '2022-06-22 18:18:29.015' },
        { ...base, uuid: 'q-3', published: undefined },
        { ...base, uuid: 'q-4', eventType: 'user.lifecycle.deactivate', actor: { id: 'spr1', type: 'SystemPrincipal' }, target: [] },
        'a string, not an event',
      ),
    })]);
    expect(await all(`SELECT session_id FROM sessions`)).toEqual([{ session_id: 's1' }]);
    expect(await all(`SELECT source_line::INTEGER AS line, reason FROM quarantine ORDER BY line`)).toEqual([
      { line: 2, reason: 'bad time in published' },
      { line: 3, reason: 'missing field published' },
      { line: 4, reason: 'missing target user' },
      { line: 5, reason: 'not an object' },
    ]);
  });

  it('leaves an OCSF event that carries a raw Okta event to the OCSF adapter', async () => {
    const raw = { uuid: 'r-1', published: '2026-03-02T10:00:00.000Z', eventType: 'user.session.start' };
    const dir = writeFiles({ 'ocsf.json': JSON.stringify({ class_uid: 3002, activity_id: 1, time: 1772445600000, raw_data: JSON.stringify(raw) }) });
    const { files } = await discover([dir]);
    expect(okta.detect(files[0]!)).toBe(false);
  });
});

describe('the Okta adapter on public samples', () => {
  it('is listed by revaudit formats with how it is recognised, what it maps and what it cannot express', async () => {
    const { code, stdout } = await runCli(['formats']);
    expect(code).toBe(0);
    const section = stdout.split('\n\n').find((s) => s.startsWith('okta — '));
    expect(section).toBeDefined();
    expect(section).toMatch(/recognised by: /);
    expect(section!.replace(/\s+/g, ' ')).toContain('user.session.clear, user.authentication.universal_logout -> revocations');
    expect(section!.replace(/\s+/g, ' ')).toMatch(/cannot express: - .*no session expiry/);
    expect(section).toContain('docs: docs/formats.md#okta');
  });

  it('is chosen for every Okta sample, and for no other sample', async () => {
    const { files } = await discover([SAMPLES, 'fixtures/formats']);
    for (const file of files) {
      const isOkta = /\/okta\//.test(file.path);
      expect(okta.detect(file), file.path).toBe(isOkta);
      if (isOkta) {
        expect(chooseAdapter(file).name, file.path).toBe('okta');
        expect(native.detect(file), file.path).toBe(false);
      }
    }
  });

  it('reads every sample, SEKOIA test cases and SDK arrays included', async () => {
    db = await ingested([`${SAMPLES}/okta`]);
    const manifest = await all(`SELECT regexp_extract(path, '[^/]+$') AS file, adapter, records::INTEGER AS records, loaded::INTEGER AS loaded,
                                       skipped::INTEGER AS skipped, quarantined::INTEGER AS quarantined, duplicates::INTEGER AS duplicates
                                FROM manifest ORDER BY file`);
    // Elastic's log repeats records verbatim: those are duplicates (loaded, no new row).
    const expected: Record<string, [number, number, number, number, number]> = {
      'elastic-test-okta-system-events.log': [20, 14, 6, 0, 8],
      'ocsf-examples-okta-account_change.raw.json': [1, 0, 1, 0, 0],
      'ocsf-examples-okta-authentication.raw.json': [1, 1, 0, 0, 0],
      'okta-sdk-java-logs.first4.json': [4, 3, 1, 0, 0],
      'sekoia-test_account_lock.json': [1, 0, 1, 0, 0],
      'sekoia-test_auth_via_idp.json': [1, 1, 0, 0, 0],
      'sekoia-test_auth_via_mfa.json': [1, 1, 0, 0, 0],
      'sekoia-test_authentication_sso.json': [1, 0, 1, 0, 0],
      'sekoia-test_login.json': [1, 1, 0, 0, 0],
      'sekoia-test_send_factor.json': [1, 0, 1, 0, 0],
      'sekoia-test_update_account.json': [1, 1, 0, 0, 0],
    };
    expect(manifest).toEqual(
      Object.entries(expected).map(([file, [records, loaded, skipped, quarantined, duplicates]]) => ({
        file, adapter: 'okta', records, loaded, skipped, quarantined, duplicates,
      })),
    );
    expect(await all(`SELECT kind, subject_id, actor_id FROM lifecycle_events ORDER BY ts, kind`)).toEqual([
      { kind: 'deactivated', subject_id: '00ud384zryL1GFAg30h7', actor_id: '0000222244448888000' },
      { kind: 'permissions_changed', subject_id: '00ud384zryL1GFAg30h7', actor_id: '00ud384zryL1GFAg30h7' },
      { kind: 'deleted', subject_id: '00ud384zryL1GFAg30h7', actor_id: '0000222244448888000' },
      { kind: 'password_changed', subject_id: 'REDACTED', actor_id: 'REDACTED' },
    ]);
    expect(await all(`SELECT session_id, subject_id FROM sessions ORDER BY created_at`)).toEqual([
      { session_id: '1013FfF-DKQSvCI4RVXChzX-w', subject_id: 'REDACTED' },
      { session_id: '102bZDNFfWaQSyEZQuDgWt-uQ', subject_id: '00u1abvz4pYqdM8ms4x6' },
      { session_id: 'xxxxxx', subject_id: '00u1abvz4pYqdM8ms4x6' },
      { session_id: 'idxBager62CSveUkTxvgRtonA', subject_id: '00uttidj01jqL21aM1d6' },
    ]);
    expect(await all(`SELECT session_id, reason FROM session_ends`)).toEqual([{ session_id: '102nZHzd6OHSfGG51vsoc22gw', reason: 'logout' }]);
    expect(await all(`SELECT reason, count(*)::INTEGER AS n FROM skipped GROUP BY reason ORDER BY reason`)).toEqual([
      { reason: 'event type not mapped: app.user_management', n: 1 },
      { reason: 'event type not mapped: group.user_membership.add', n: 1 },
      { reason: 'event type not mapped: policy.evaluate_sign_on', n: 4 },
      { reason: 'event type not mapped: system.push.send_factor_verify_push', n: 1 },
      { reason: 'event type not mapped: user.account.lock', n: 2 },
      { reason: 'event type not mapped: user.account.update_profile', n: 1 },
      { reason: 'user.authentication.sso without a session id', n: 1 },
    ]);
  });
});
