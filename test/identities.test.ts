import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/policy.ts';
import type { Db } from '../src/db/duck.ts';
import type { RevauditError } from '../src/errors.ts';
import { applyIdentities } from '../src/ingest/identities.ts';
import { ingested, jsonl, rows, runCli, tempDir, writeFiles } from './helpers.ts';

let db: Db | undefined;
afterEach(() => db?.close());
const all = (sql: string) => rows(db!.con, sql);

const WORKOS_USER = 'user_01JBOB00000000000000000000';
const OKTA_USER = '00u1bob000000000000';

/** Bob holds a WorkOS session; Okta, the directory, deactivates him; nothing revokes the session. */
const story = () =>
  writeFiles({
    'workos.jsonl': jsonl({
      object: 'event', id: 'event_01JBOBLOGIN0000000000000000', event: 'session.created', created_at: '2026-03-02T09:00:00.000Z',
      data: { object: 'session', id: 'session_01JBOBLAPTOP000000000000', user_id: WORKOS_USER, ip_address: '198.51.100.30', user_agent: 'UA/1', auth_method: 'sso', status: 'active', created_at: '2026-03-02T09:00:00.000Z', expires_at: '2026-03-09T09:00:00.000Z' },
    }),
    'okta.jsonl': jsonl(
      { uuid: 'ok-1', published: '2026-03-02T12:00:00.000Z', eventType: 'user.lifecycle.deactivate', actor: { id: '00u1hana', type: 'User' }, target: [{ id: OKTA_USER, type: 'User', alternateId: 'bob@example.com' }], outcome: { result: 'SUCCESS' }, authenticationContext: { externalSessionId: 'admin-session' } },
      // A later event, so that the inputs end after the deactivation's SLA.
      { uuid: 'ok-2', published: '2026-03-02T13:00:00.000Z', eventType: 'user.session.start', actor: { id: '00u1hana', type: 'User' }, outcome: { result: 'SUCCESS' }, client: { ipAddress: '192.0.2.5', userAgent: { rawUserAgent: 'UA/2' } }, authenticationContext: { externalSessionId: 'admin-session-2' } },
    ),
  });

async function auditWith(inputs: string, config?: Record<string, unknown>) {
  const out = tempDir();
  const args = ['audit', inputs, '--out', out, '--format', 'json'];
  if (config) args.push('--config', join(writeFiles({ 'revaudit.yaml': JSON.stringify(config) }), 'revaudit.yaml'));
  const { code, stderr } = await runCli(args);
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as {
    findings: { rule: string; subject_id: string; session_id: string }[];
    coverage: { subject_id: string; status: string }[];
    policy: { identities: Record<string, string> };
  };
}

describe('identity across sources', () => {
  it('makes a user deactivated in one provider and signed in through another one subject', async () => {
    const inputs = story();
    const apart = await auditWith(inputs);
    expect(apart.coverage).toEqual([expect.objectContaining({ subject_id: OKTA_USER, status: 'no_sessions' })]);
    expect(apart.findings.filter((f) => f.rule === 'session-survived-lifecycle-event')).toEqual([]);

    const joined = await auditWith(inputs, { identities: { [OKTA_USER]: WORKOS_USER, 'bob@example.com': WORKOS_USER } });
    expect(joined.policy.identities).toEqual({ [OKTA_USER]: WORKOS_USER, 'bob@example.com': WORKOS_USER });
    expect(joined.coverage).toEqual([expect.objectContaining({ subject_id: WORKOS_USER, status: 'uncovered' })]);
    expect(joined.findings.filter((f) => f.rule === 'session-survived-lifecycle-event')).toEqual([
      expect.objectContaining({ subject_id: WORKOS_USER, session_id: 'session_01JBOBLAPTOP000000000000' }),
    ]);
  });

  it('rewrites subject, owner and actor ids, keeps the id the source gave, and changes nothing when run again', async () => {
    const T = '2026-03-02T09:00:00Z';
    db = await ingested([writeFiles({
      'a.jsonl': jsonl(
        { type: 'session.created', ts: T, session_id: 's1', subject_id: 'alice@example.com', ip: '192.0.2.1', user_agent: 'UA' },
        { type: 'session.created', ts: T, session_id: 'agent-1', subject_id: 'agent-x', subject_type: 'agent', owner_id: 'alice@example.com' },
        { type: 'session.activity', ts: T, session_id: 's1', subject_id: 'alice@example.com' },
        { type: 'session.ended', ts: T, session_id: 's1', subject_id: 'alice@example.com', reason: 'logout' },
        { type: 'session.revoked', ts: T, subject_id: 'alice@example.com', actor_id: 'hana@example.com' },
        { type: 'subject.password_reset', ts: T, subject_id: 'alice@example.com', actor_id: 'hana@example.com' },
        { type: 'subject.password_reset', ts: T, subject_id: 'carol', actor_id: 'carol' },
      ),
    })]);
    const identities = { 'alice@example.com': 'u-alice', 'hana@example.com': 'u-hana', 'u-carol': 'u-carol' };
    for (let run = 0; run < 2; run++) {
      await applyIdentities(db.con, identities);
      expect(await all(`SELECT session_id, subject_id, owner_id, attributes->>'source_subject_id' AS was FROM sessions ORDER BY session_id`)).toEqual([
        { session_id: 'agent-1', subject_id: 'agent-x', owner_id: 'u-alice', was: null },
        { session_id: 's1', subject_id: 'u-alice', owner_id: null, was: 'alice@example.com' },
      ]);
      expect(await all(`SELECT subject_id FROM access_events UNION ALL SELECT subject_id FROM session_ends`)).toEqual([{ subject_id: 'u-alice' }, { subject_id: 'u-alice' }]);
      expect(await all(`SELECT subject_id, actor_id FROM revocations`)).toEqual([{ subject_id: 'u-alice', actor_id: 'u-hana' }]);
      expect(await all(`SELECT subject_id, actor_id FROM lifecycle_events ORDER BY subject_id`)).toEqual([
        { subject_id: 'carol', actor_id: 'carol' },
        { subject_id: 'u-alice', actor_id: 'u-hana' },
      ]);
    }
  });

  it('refuses a config that maps an alias to another alias, naming the file and line', () => {
    const dir = writeFiles({ 'revaudit.yaml': 'identities:\n  alice@example.com: 00u1alice\n  00u1alice: u-alice\n' });
    const error = (() => {
      try {
        loadConfig(join(dir, 'revaudit.yaml'));
      } catch (e) {
        return e as RevauditError;
      }
      throw new Error('the config was accepted');
    })();
    expect(error.render()).toMatch(/revaudit\.yaml:2: invalid config at identities\.alice@example\.com: '00u1alice' is itself an alias/);
  });
});

describe('identities in an investigation', () => {
  it('shows a subject the session another provider knows it by', async () => {
    const config = join(writeFiles({ 'revaudit.yaml': JSON.stringify({ identities: { [WORKOS_USER]: 'u-bob', [OKTA_USER]: 'u-bob' } }) }), 'revaudit.yaml');
    const { code, stdout } = await runCli(['investigate', '--subject', 'u-bob', story(), '--config', config, '--format', 'json']);
    expect(code).toBe(0);
    expect(stdout).toContain('session_01JBOBLAPTOP000000000000');
    expect(stdout).toContain('deactivated');
  });
});
