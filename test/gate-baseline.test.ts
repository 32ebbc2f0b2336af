import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../src/report/schema.ts';
import { jsonl, runCli, tempDir, writeFiles } from './helpers.ts';

/** A session created without an IP address: one session-inventory-incomplete finding (low). */
const created = (session: string, ip?: string) => ({
  type: 'session.created',
  ts: '2026-09-01T09:00:00Z',
  session_id: session,
  subject_id: `u-${session}`,
  user_agent: 'Mozilla/5.0',
  ...(ip ? { ip } : {}),
});

const waiver = (id: string, session: string, expires: string) =>
  `  - id: ${id}\n    rule: session-inventory-incomplete\n    session: ${session}\n    owner: u-hana\n    reason: inventory gap accepted\n    expires: ${expires}\n`;

async function run(command: 'audit' | 'check', args: string[]) {
  const out = tempDir('revaudit-baseline-');
  const result = await runCli([command, ...args, '--out', out, '--format', 'json']);
  return { ...result, path: join(out, 'report.json'), report: JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report };
}

describe('check --baseline classifies findings by their stable id', () => {
  // Last quarter: s-a, s-b, s-c and s-d lacked an IP, s-d under a waiver.
  // Now: s-a records its IP (resolved), s-b is unchanged (open), s-c gets a waiver (newly
  // waived), s-d's waiver has expired (waiver expired) and s-e appears (new).
  const dir = writeFiles({
    'before/sessions.jsonl': jsonl(created('s-a'), created('s-b'), created('s-c'), created('s-d')),
    'before/waivers.yaml': `waivers:\n${waiver('W-D', 's-d', '2027-01-01')}`,
    'now/sessions.jsonl': jsonl(created('s-a', '203.0.113.7'), created('s-b'), created('s-c'), created('s-d'), created('s-e')),
    'now/waivers.yaml': `waivers:\n${waiver('W-C', 's-c', '2027-01-01')}${waiver('W-D', 's-d', '2026-09-01')}`,
    'calm/sessions.jsonl': jsonl(created('s-b'), created('s-c'), created('s-d')),
  });
  const p = (name: string) => join(dir, name);
  let baseline: Awaited<ReturnType<typeof run>>;
  let now: Awaited<ReturnType<typeof run>>;
  beforeAll(async () => {
    baseline = await run('audit', [p('before/sessions.jsonl'), '--waivers', p('before/waivers.yaml')]);
    now = await run('check', [p('now/sessions.jsonl'), '--waivers', p('now/waivers.yaml'), '--baseline', baseline.path, '--fail-on', 'low']);
  });

  const classOf = (session: string) => now.report.findings.find((f) => f.session_id === session)?.baseline;

  it('marks each finding new, open, newly waived or waiver expired', () => {
    expect([classOf('s-b'), classOf('s-c'), classOf('s-d'), classOf('s-e')]).toEqual(['open', 'newly_waived', 'waiver_expired', 'new']);
  });

  it('lists the baseline findings that are gone as resolved, with counts per class', () => {
    const gone = baseline.report.findings.find((f) => f.session_id === 's-a')!;
    expect(now.report.baseline).toMatchObject({
      file: baseline.path,
      report_id: baseline.report.run.id,
      counts: { new: 1, open: 1, newly_waived: 1, waiver_expired: 1, resolved: 1 },
      resolved: [{ id: gone.id, rule: gone.rule, severity: gone.severity, session_id: 's-a' }],
    });
    expect(now.stdout).toContain(`baseline ${baseline.path}: 1 new, 1 open, 1 resolved, 1 newly waived, 1 waiver expired`);
  });

  it('gates every unwaived finding without --new-only', () => {
    expect(now.code).toBe(1);
    expect(now.stdout).toContain('fail-on low: 3 unwaived findings at or above low');
  });

  it('with --new-only counts only the new findings', async () => {
    const newOnly = await run('check', [p('now/sessions.jsonl'), '--waivers', p('now/waivers.yaml'), '--baseline', baseline.path, '--fail-on', 'low', '--new-only']);
    expect(newOnly.code).toBe(1);
    expect(newOnly.stdout).toContain('fail-on low: 1 new unwaived finding at or above low');
    expect(newOnly.stdout).toContain(newOnly.report.findings.find((f) => f.session_id === 's-e')!.id);
    expect(newOnly.report.verdict.new_only).toBe(true);
  });

  it('with --new-only passes when nothing is new, though old findings remain', async () => {
    const calm = await run('check', [p('calm/sessions.jsonl'), '--baseline', baseline.path, '--fail-on', 'low', '--new-only']);
    expect(calm.report.findings.length).toBeGreaterThan(0);
    expect(calm.code).toBe(0);
  });

  it('refuses a baseline that is not a report, naming its line (exit 2)', async () => {
    const bad = writeFiles({ 'report.json': '{\n  "findings": [\n    {"rule": "x", "severity": "low",\n     "subject_id": null, "session_id": null, "lifecycle_event_id": null}\n  ]\n}\n' });
    const result = await runCli(['check', p('calm/sessions.jsonl'), '--baseline', join(bad, 'report.json')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/report\.json:3: invalid baseline at findings\.0\.id/);
  });
});
