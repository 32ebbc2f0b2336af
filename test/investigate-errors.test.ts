import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { InvestigationSchema } from '../src/investigate/schema.ts';
import type { Report } from '../src/report/schema.ts';
import { jsonl, runCli, tempDir, writeFiles } from './helpers.ts';

let dir: string;
beforeAll(() => {
  dir = writeFiles({
    'events.jsonl': jsonl(
      // u-a resets her password and her session is never revoked; her own rows stop there.
      { type: 'session.created', ts: '2026-07-01T08:00:00Z', session_id: 's-a1', subject_id: 'u-a', ip: '192.0.2.1', user_agent: 'UA' },
      { type: 'subject.password_reset', event_id: 'lc-a', ts: '2026-07-02T08:00:00Z', subject_id: 'u-a', actor_id: 'u-a' },
      // Someone else's rows go on for days, so the inputs end long after u-a's deadline.
      { type: 'session.created', ts: '2026-07-09T08:00:00Z', session_id: 's-b1', subject_id: 'u-b', ip: '192.0.2.2', user_agent: 'UA' },
      // A request for a session that was never created.
      { type: 'session.activity', ts: '2026-07-03T08:00:00Z', session_id: 's-ghost', ip: '198.51.100.66', outcome: 'denied' },
    ),
  });
});

describe('unknown ids exit 2 with a message that says what was not found', () => {
  it.each([
    ['--session', 's-a2', "no session 's-a2' in the data; did you mean 's-a1'"],
    ['--subject', 'u-zz', "no subject 'u-zz' in the data"],
    ['--ip', '203.0.113.1', "no IP address '203.0.113.1' in the data"],
  ])('%s %s', async (flag, value, message) => {
    const { code, stdout, stderr } = await runCli(['investigate', dir, flag, value]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
  });

  it('knows a session that was never created but was presented', async () => {
    const { code, stdout } = await runCli(['investigate', dir, '--session', 's-ghost', '--format', 'json']);
    expect(code).toBe(0);
    const inv = InvestigationSchema.parse(JSON.parse(stdout));
    expect(inv.sessions).toMatchObject([{ session_id: 's-ghost', created: false }]);
  });
});

describe('usage errors exit 2', () => {
  it('asks for exactly one of --session, --subject or --ip', async () => {
    for (const argv of [['investigate', dir], ['investigate', dir, '--session', 's-a1', '--ip', '192.0.2.1']]) {
      const { code, stderr } = await runCli(argv);
      expect(code).toBe(2);
      expect(stderr).toContain('exactly one of --session, --subject or --ip');
    }
  });

  it('refuses a --db that does not exist instead of creating an empty one', async () => {
    const db = join(tempDir(), 'missing.duckdb');
    const { code, stderr } = await runCli(['investigate', '--db', db, '--session', 's-a1']);
    expect(code).toBe(2);
    expect(stderr).toContain('no such database');
    expect(existsSync(db)).toBe(false);
  });
});

describe('an investigation reads a slice, but judges it against the whole database', () => {
  it("decides an event whose subject's rows stop before its deadline as the audit does (uncovered, not pending)", async () => {
    const out = tempDir();
    await runCli(['audit', dir, '--out', out, '--format', 'json', '--quiet']);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;
    const { stdout } = await runCli(['investigate', dir, '--subject', 'u-a', '--format', 'json']);
    const inv = InvestigationSchema.parse(JSON.parse(stdout));
    expect(inv.coverage.map((c) => [c.event_id, c.status])).toEqual(report.coverage.map((c) => [c.event_id, c.status]));
    expect(inv.coverage.map((c) => [c.event_id, c.status])).toEqual([['lc-a', 'uncovered']]);
    expect(inv.findings.map((f) => f.rule)).toEqual(['session-survived-lifecycle-event']);
    expect(inv.inputs_end).toBe('2026-07-09T08:00:00Z');
  });

  it('shows only the rows of --from/--to, while earlier rows still decide what a later row means', async () => {
    const { stdout } = await runCli(['investigate', dir, '--subject', 'u-a', '--from', '2026-07-02', '--format', 'json']);
    const inv = InvestigationSchema.parse(JSON.parse(stdout));
    expect(inv.timeline.every((r) => r.ts >= '2026-07-02T00:00:00Z')).toBe(true);
    expect(inv.timeline.find((r) => r.kind === 'lifecycle')).toMatchObject({ required: [{ session_id: 's-a1', status: 'uncovered' }] });
  });
});
