import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SEVERITIES } from '../src/config/policy.ts';
import type { Report } from '../src/report/schema.ts';
import { ReportSchema } from '../src/report/schema.ts';
import { runCli, tempDir, writeFiles } from './helpers.ts';

const DEMO_WAIVERS = 'fixtures/waivers/demo-waivers.yaml';

/** A waivers file in YAML from a list of waiver objects, one key per line. */
function waiversFile(list: Array<Record<string, string>>): string {
  const body = list.map((w) => Object.entries(w).map(([k, v], i) => `${i === 0 ? '  - ' : '    '}${k}: ${JSON.stringify(v)}`).join('\n'));
  return join(writeFiles({ 'waivers.yaml': `waivers:\n${body.join('\n')}\n` }), 'waivers.yaml');
}

describe('waivers on the demo organisation', () => {
  let db: string;
  let plain: Report;
  async function check(args: string[], env: Record<string, string> = {}, command = 'check') {
    const out = tempDir('revaudit-waivers-');
    const run = await runCli([command, '--db', db, ...args, '--out', out, '--format', 'json'], env);
    const path = join(out, 'report.json');
    return { ...run, report: existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Report) : undefined };
  }
  const failing = () => plain.findings.filter((f) => SEVERITIES.indexOf(f.severity) >= SEVERITIES.indexOf('high'));
  beforeAll(async () => {
    db = join(tempDir(), 'demo.duckdb');
    plain = (await check(['--fail-on', 'none'])).report!;
  });

  it('lets check pass when the example waivers file covers exactly the failing findings, which stay in the report marked', async () => {
    const run = await check(['--waivers', DEMO_WAIVERS]);
    expect(run.code).toBe(0);
    const report = run.report!;
    expect(ReportSchema.safeParse(report).success).toBe(true);
    expect(report.findings.map((f) => f.id)).toEqual(plain.findings.map((f) => f.id));
    const waived = report.findings.filter((f) => f.waiver).map((f) => f.id);
    expect(waived.sort()).toEqual(failing().map((f) => f.id).sort());
    expect(report.waivers.map((w) => w.state)).toEqual(report.waivers.map(() => 'active'));
    expect(run.stdout).toContain(`waivers: ${report.waivers.length} active (${waived.length} finding(s)`);
  });

  it('waives the late and uncovered coverage rows behind those findings and leaves them out of the ratio', async () => {
    const report = (await check(['--waivers', DEMO_WAIVERS])).report!;
    const before = plain.coverage.filter((c) => c.status === 'late' || c.status === 'uncovered');
    const after = report.coverage.filter((c) => before.some((b) => b.event_id === c.event_id));
    expect(after.map((c) => c.status)).toEqual(before.map(() => 'waived'));
    expect(after.map((c) => c.waived_status)).toEqual(before.map((c) => c.status));
    expect(after.every((c) => report.waivers.some((w) => c.waiver!.split(', ').includes(w.id)))).toBe(true);
    const o = report.summary.coverage.overall;
    expect(o.waived).toBe(before.length);
    expect(o.ratio).toBe(o.covered / (o.covered + o.late + o.uncovered));
    expect(report.coverage.length).toBe(plain.coverage.length);
  });

  it('keeps a coverage row failing while any of its late or uncovered sessions is unwaived', async () => {
    const uncovered = plain.coverage.find((c) => c.status === 'uncovered')!;
    const behind = plain.findings.filter((f) => f.lifecycle_event_id === uncovered.event_id && f.session_id);
    expect(behind.length).toBeGreaterThan(1);
    const file = waiversFile([{ id: 'W-ONE', rule: behind[0]!.rule, session: behind[0]!.session_id!, owner: 'o', reason: 'r', expires: '2026-12-31' }]);
    const report = (await check(['--waivers', file, '--fail-on', 'none'])).report!;
    expect(report.coverage.find((c) => c.event_id === uncovered.event_id)!.status).toBe('uncovered');
    expect(report.waivers[0]).toMatchObject({ state: 'active', matches: { findings: [behind[0]!.id], coverage: [] } });
  });

  it('stops applying a waiver that expired before the run date, reports it, and counts its finding again', async () => {
    const target = failing()[0]!;
    const file = waiversFile([{ id: 'W-OLD', rule: target.rule, finding: target.id, owner: 'u-femi', reason: 'r', expires: '2026-09-30' }]);
    const run = await check(['--waivers', file]);
    expect(run.code).toBe(1);
    expect(run.report!.findings.find((f) => f.id === target.id)!.waiver).toBeUndefined();
    expect(run.report!.waivers[0]).toMatchObject({ id: 'W-OLD', state: 'expired', matches: { findings: [target.id] } });
    expect(run.stdout).toMatch(/expired W-OLD \(.*waivers\.yaml:2\) on 2026-09-30, owner u-femi: 1 finding\(s\) count again/);
  });

  it('dates expiry by SOURCE_DATE_EPOCH when set: a waiver applies through its expiry day', async () => {
    const target = failing()[0]!;
    const file = waiversFile([{ id: 'W-EDGE', rule: target.rule, finding: target.id, owner: 'o', reason: 'r', expires: '2026-09-30' }]);
    const lastDay = String(Date.parse('2026-09-30T23:59:59Z') / 1000);
    const run = await check(['--waivers', file], { SOURCE_DATE_EPOCH: lastDay });
    expect(run.report!.waivers[0]!.state).toBe('active');
    expect(run.report!.findings.find((f) => f.id === target.id)!.waiver).toBe('W-EDGE');
  });

  it('reports a waiver that matches nothing as stale, without failing the gate for it', async () => {
    const file = waiversFile([{ id: 'W-GONE', rule: 'login-after-offboarding', subject: 'u-nobody', owner: 'o', reason: 'r', expires: '2026-12-31' }]);
    const run = await check(['--waivers', file, '--fail-on', 'none']);
    expect(run.code).toBe(0);
    expect(run.report!.waivers[0]).toMatchObject({ state: 'stale', matches: { findings: [], coverage: [] } });
    expect(run.stdout).toMatch(/stale   W-GONE \(.*:2\) matches nothing/);
  });

  it('selects by rule and subject: only that subject\'s findings of that rule are waived', async () => {
    const target = plain.findings.find((f) => plain.findings.filter((g) => g.rule === f.rule).length > 1)!;
    const file = waiversFile([{ id: 'W-SUBJ', rule: target.rule, subject: target.subject_id!, owner: 'o', reason: 'r', expires: '2026-12-31' }]);
    const report = (await check(['--waivers', file, '--fail-on', 'none'])).report!;
    const expected = plain.findings.filter((f) => f.rule === target.rule && f.subject_id === target.subject_id).map((f) => f.id);
    expect(report.findings.filter((f) => f.waiver === 'W-SUBJ').map((f) => f.id)).toEqual(expected);
    expect(expected.length).toBeLessThan(plain.findings.filter((f) => f.rule === target.rule).length);
  });

  it('is accepted by audit too: waived findings no longer fail --fail-on', async () => {
    const run = await check(['--waivers', DEMO_WAIVERS, '--fail-on', 'high'], {}, 'audit');
    expect(run.code).toBe(0);
    expect(run.report!.findings.filter((f) => f.waiver).length).toBe(failing().length);
  });
});

describe('a malformed waivers file exits 2 naming its line', () => {
  const waiver = ['waivers:', '  - id: W-1', '    rule: login-after-offboarding', '    session: s-1', '    owner: u-femi', '    reason: accepted', '    expires: 2026-12-31'];
  const cases: Array<[string, string[], RegExp]> = [
    ['an unknown key, named', [...waiver.slice(0, 6), '    expiry: 2026-12-31'], /waivers\.yaml:7: invalid waivers at waivers\.0\.expiry: unknown key 'expiry'/],
    ['a missing expiry date', waiver.slice(0, 6), /waivers\.yaml:2: invalid waivers at waivers\.0\.expires: required/],
    ['a date that is not one', [...waiver.slice(0, 6), '    expires: 2026-02-30'], /waivers\.yaml:7: .*expires: not a calendar date/],
    ['a rule that does not exist', [waiver[0]!, waiver[1]!, '    rule: login-after-offboardin', ...waiver.slice(3)], /waivers\.yaml:3: .*rule: unknown rule/],
    ['a waiver of a whole rule', [...waiver.slice(0, 3), ...waiver.slice(4)], /waivers\.yaml:2: .*names at least one of subject, session, lifecycle_event, finding/],
    ['a duplicate id', [...waiver, ...waiver.slice(1)], /waivers\.yaml:8: .*waiver id 'W-1' appears twice/],
    ['broken YAML', [...waiver.slice(0, 3), '    session: [s-1', ...waiver.slice(4)], /waivers\.yaml:\d+: not valid YAML or JSON/],
  ];
  it.each(cases)('%s', async (_name, lines, message) => {
    const dir = writeFiles({ 'waivers.yaml': `${lines.join('\n')}\n` });
    const run = await runCli(['check', '--waivers', join(dir, 'waivers.yaml')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it('rejects the shipped broken example at the line its comment names', async () => {
    const file = 'fixtures/waivers/broken-waivers.yaml';
    const line = /line (\d+)/.exec(readFileSync(file, 'utf8'))![1];
    const run = await runCli(['check', '--waivers', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${file}:${line}: invalid waivers at waivers.0.expiry: unknown key 'expiry'`);
  });

  it('names the line in a JSON waivers file too', async () => {
    const dir = writeFiles({
      'waivers.json': '{"waivers": [\n  {"id": "W-1", "rule": "login-after-offboarding", "session": "s-1",\n   "owner": "o", "reason": "r", "expires": 20261231}\n]}\n',
    });
    const run = await runCli(['check', '--waivers', join(dir, 'waivers.json')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/waivers\.json:3: invalid waivers at waivers\.0\.expires: expected a date/);
  });
});
