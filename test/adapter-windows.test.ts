import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/duck.ts';
import { chooseAdapter } from '../src/ingest/adapters/index.ts';
import { windows } from '../src/ingest/adapters/windows/index.ts';
import { discover } from '../src/ingest/discover.ts';
import { ingested, rows } from './helpers.ts';

const FIXTURES = 'fixtures/formats/windows';
const SAMPLES = '../shared/samples';
const DOMAIN = 'S-1-5-21-3623811015-3361044348-30300820';
const IVAN = `${DOMAIN}-1104`;
const JUDY = `${DOMAIN}-1107`;
const KYLE = `${DOMAIN}-1109`;
const WS01 = 'ws01.northwind.example';
const WS02 = 'ws02.northwind.example';
const DC01 = 'dc01.northwind.example';

describe('the Windows Security adapter on events we wrote', () => {
  let db: Db;
  const all = (sql: string) => rows(db.con, sql);
  beforeAll(async () => {
    db = await ingested([FIXTURES]);
  });
  afterAll(() => db.close());

  it('opens a logon session for each 4624, named by host and logon id, in both export shapes', async () => {
    expect(await all(`SELECT event_id, session_id, subject_id, subject_type, ra_iso(created_at) AS created_at, ip, device_id, auth_method
                      FROM sessions ORDER BY created_at`)).toEqual([
      { event_id: `${WS01}/security/5001`, session_id: `${WS01}:0x1a2b3c`, subject_id: IVAN, subject_type: 'user',
        created_at: '2026-08-03T08:00:00.100000Z', ip: '198.51.100.60', device_id: 'WS01', auth_method: 'logon type 10 Negotiate' },
      // A machine account (name ending in $) is a service.
      { event_id: `${DC01}/security/5003`, session_id: `${DC01}:0x9f001`, subject_id: `${DOMAIN}-1001`, subject_type: 'service',
        created_at: '2026-08-03T08:00:02Z', ip: '10.0.0.21', device_id: null, auth_method: 'logon type 3 Kerberos' },
      { event_id: `${DC01}/security/5004`, session_id: `${DC01}:0x77aa`, subject_id: JUDY, subject_type: 'user',
        created_at: '2026-08-03T08:30:00Z', ip: '203.0.113.50', device_id: 'ADMIN01', auth_method: 'logon type 10 Negotiate' },
      { event_id: `${WS02}/security/91001`, session_id: `${WS02}:0x5e5e5e`, subject_id: KYLE, subject_type: 'user',
        created_at: '2026-08-04T07:00:00Z', ip: '127.0.0.1', device_id: 'WS02', auth_method: 'logon type 2 Kerberos' },
    ]);
  });

  it('ends the logon session on 4634 and 4647, matched by TargetLogonId', async () => {
    expect(await all(`SELECT event_id, session_id, subject_id, reason FROM session_ends ORDER BY ts`)).toEqual([
      { event_id: `${WS01}/security/5014`, session_id: `${WS01}:0x1a2b3c`, subject_id: IVAN, reason: 'logout' },
      { event_id: `${WS01}/security/5015`, session_id: `${WS01}:0x1a2b3c`, subject_id: IVAN, reason: 'logout' },
      { event_id: `${WS02}/security/91004`, session_id: `${WS02}:0x5e5e5e`, subject_id: KYLE, reason: 'logout' },
    ]);
  });

  it('gives account events to the target account, with the subject as actor; a user\'s own change keeps its session', async () => {
    expect(await all(`SELECT event_id, kind, subject_id, actor_id, initiating_session_id, reason FROM lifecycle_events ORDER BY ts`)).toEqual([
      { event_id: `${WS01}/security/5005`, kind: 'password_changed', subject_id: IVAN, actor_id: IVAN, initiating_session_id: `${WS01}:0x1a2b3c`, reason: 'password change attempt (4723)' },
      { event_id: `${DC01}/security/5006`, kind: 'password_reset', subject_id: IVAN, actor_id: JUDY, initiating_session_id: null, reason: 'password reset attempt (4724)' },
      { event_id: `${DC01}/security/5008`, kind: 'suspended', subject_id: KYLE, actor_id: 'S-1-5-18', initiating_session_id: null, reason: 'account locked out (4740)' },
      { event_id: `${DC01}/security/5009`, kind: 'reactivated', subject_id: KYLE, actor_id: JUDY, initiating_session_id: null, reason: 'account unlocked (4767)' },
      { event_id: `${DC01}/security/5010`, kind: 'deactivated', subject_id: IVAN, actor_id: JUDY, initiating_session_id: null, reason: 'account disabled (4725)' },
      { event_id: `${DC01}/security/5011`, kind: 'reactivated', subject_id: IVAN, actor_id: JUDY, initiating_session_id: null, reason: 'account enabled (4722)' },
      { event_id: `${DC01}/security/5012`, kind: 'deleted', subject_id: KYLE, actor_id: JUDY, initiating_session_id: null, reason: 'account deleted (4726)' },
      { event_id: `${DC01}/security/91002`, kind: 'deactivated', subject_id: KYLE, actor_id: JUDY, initiating_session_id: null, reason: 'account disabled (4725)' },
    ]);
  });

  it('reads every event whose subject logon id names a session as a use of it, a failed attempt included', async () => {
    expect(await all(`SELECT event_id, session_id, subject_id, action, outcome, reason FROM access_events
                      WHERE session_id NOT LIKE '%:0x3e7' ORDER BY ts`)).toEqual([
      { event_id: `${WS01}/security/5002#use`, session_id: `${WS01}:0x1a2b3c`, subject_id: IVAN, action: 'event 4672', outcome: 'allowed', reason: null },
      { event_id: `${WS01}/security/5005#use`, session_id: `${WS01}:0x1a2b3c`, subject_id: IVAN, action: 'event 4723', outcome: 'allowed', reason: null },
      { event_id: `${DC01}/security/5006#use`, session_id: `${DC01}:0x77aa`, subject_id: JUDY, action: 'event 4724', outcome: 'allowed', reason: null },
      { event_id: `${DC01}/security/5007#use`, session_id: `${DC01}:0x77aa`, subject_id: JUDY, action: 'event 4724', outcome: 'allowed',
        reason: 'the attempted operation failed (audit failure)' },
      { event_id: `${DC01}/security/5009#use`, session_id: `${DC01}:0x77aa`, subject_id: JUDY, action: 'event 4767', outcome: 'allowed', reason: null },
      { event_id: `${DC01}/security/5010#use`, session_id: `${DC01}:0x77aa`, subject_id: JUDY, action: 'event 4725', outcome: 'allowed', reason: null },
      { event_id: `${DC01}/security/5011#use`, session_id: `${DC01}:0x77aa`, subject_id: JUDY, action: 'event 4722', outcome: 'allowed', reason: null },
      { event_id: `${DC01}/security/5012#use`, session_id: `${DC01}:0x77aa`, subject_id: JUDY, action: 'event 4726', outcome: 'allowed', reason: null },
      { event_id: `${DC01}/security/91002#use`, session_id: `${DC01}:0x77aa`, subject_id: JUDY, action: 'event 4725', outcome: 'allowed', reason: null },
      { event_id: `${WS02}/security/91003#use`, session_id: `${WS02}:0x5e5e5e`, subject_id: KYLE, action: 'event 4663', outcome: 'allowed', reason: null },
    ]);
  });

  it('shows no revocation, because Windows logs none', async () => {
    expect(await all(`SELECT count(*)::INTEGER AS n FROM revocations`)).toEqual([{ n: 0 }]);
  });

  it('skips failed logons and quarantines malformed records, saying what is wrong', async () => {
    expect(await all(`SELECT regexp_extract(source_file, '[^/]+$') AS file, source_line::INTEGER AS line, reason FROM skipped ORDER BY file, line`)).toEqual([
      { file: 'security-nxlog.jsonl', line: 13, reason: 'event not used: 4625' },
      { file: 'security-winlogbeat.jsonl', line: 5, reason: 'event not used: 4625' },
    ]);
    expect(await all(`SELECT source_line::INTEGER AS line, reason, detail FROM quarantine ORDER BY line`)).toEqual([
      { line: 1, reason: 'invalid JSON', detail: 'the record is not valid JSON' },
      { line: 2, reason: 'missing field TargetLogonId', detail: 'event 4624 has no TargetLogonId' },
      { line: 3, reason: 'missing target account', detail: 'event 4725 names no target account SID' },
      { line: 4, reason: 'missing field @timestamp', detail: 'event 4624 has no @timestamp (EventTime carries no zone)' },
    ]);
  });
});

describe.skipIf(!existsSync(`${SAMPLES}/windows`))('the Windows Security adapter on the public samples', () => {
  let db: Db;
  const all = (sql: string) => rows(db.con, sql);
  beforeAll(async () => {
    db = await ingested([`${SAMPLES}/windows`]);
  });
  afterAll(() => db.close());

  it('reads both Security-Datasets extracts and loads every record', async () => {
    expect(await all(`SELECT regexp_extract(path, '[^/]+$') AS file, adapter, records::INTEGER AS records, loaded::INTEGER AS loaded,
                        skipped::INTEGER AS skipped, quarantined::INTEGER AS quarantined FROM manifest ORDER BY file`)).toEqual([
      { file: 'otrf-covenant_psremoting_grunt-security-identity.jsonl', adapter: 'windows', records: 88, loaded: 88, skipped: 0, quarantined: 0 },
      { file: 'otrf-empire_wmic_add_user_backdoor-security-identity.jsonl', adapter: 'windows', records: 48, loaded: 48, skipped: 0, quarantined: 0 },
    ]);
  });

  it('pairs logons with logoffs per host and logon id', async () => {
    // README: 41 logon ids with both 4624 and 4634 in covenant, 18 in empire.
    expect(await all(`SELECT regexp_extract(s.source_file, '[^/]+$') AS file, count(DISTINCT s.session_id)::INTEGER AS paired
                      FROM sessions s JOIN session_ends e USING (session_id) GROUP BY ALL ORDER BY file`)).toEqual([
      { file: 'otrf-covenant_psremoting_grunt-security-identity.jsonl', paired: 41 },
      { file: 'otrf-empire_wmic_add_user_backdoor-security-identity.jsonl', paired: 18 },
    ]);
  });

  it('follows the backdoor account through the admin\'s network logon: deleted, with each step a use of that logon', async () => {
    expect(await all(`SELECT kind, subject_id, actor_id FROM lifecycle_events`)).toEqual([
      { kind: 'deleted', subject_id: 'S-1-5-21-1969843730-2406867588-1543852148-1000', actor_id: 'S-1-5-21-4020993649-1037605423-417876593-1104' },
    ]);
    expect(await all(`SELECT action, count(*)::INTEGER AS n FROM access_events WHERE session_id = 'workstation6.theshire.local:0x551686' GROUP BY ALL ORDER BY action`)).toEqual([
      { action: 'event 4720', n: 1 },
      { action: 'event 4724', n: 1 },
      { action: 'event 4726', n: 1 },
    ]);
  });

  it('claims no sample file of another format', async () => {
    const { files } = await discover([SAMPLES]);
    const claimed = files.filter((f) => windows.detect(f)).map((f) => f.path.split('/').slice(-2, -1)[0]);
    expect(new Set(claimed)).toEqual(new Set(['windows']));
    for (const f of files.filter((x) => x.path.includes('/windows/'))) expect(chooseAdapter(f).name, f.path).toBe('windows');
  });
});
