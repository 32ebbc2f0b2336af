import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SEVERITIES } from '../src/config/policy.ts';
import type { Report } from '../src/report/schema.ts';
import { ReportSchema } from '../src/report/schema.ts';
import { jsonl, runCli, tempDir, writeFiles } from './helpers.ts';

/** Runs `check` writing report.json into a fresh folder; returns the exit, output and report. */
async function check(args: string[], env: Record<string, string> = {}) {
  const out = tempDir('revaudit-gate-');
  const run = await runCli(['check', ...args, '--out', out, '--format', 'json'], env);
  const path = join(out, 'report.json');
  const report = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Report) : undefined;
  return { ...run, report };
}

const atOrAbove = (r: Report, s: (typeof SEVERITIES)[number]) =>
  r.findings.filter((f) => SEVERITIES.indexOf(f.severity) >= SEVERITIES.indexOf(s));

describe('revaudit check on the demo organisation', () => {
  // The first run loads the demo into a database file; the others reuse it (--db), as a
  // team re-checking with other thresholds would, and run in half the time.
  let db: string;
  let demo: Awaited<ReturnType<typeof check>>;
  beforeAll(async () => {
    db = join(tempDir(), 'demo.duckdb');
    demo = await check(['--db', db]);
  });

  it('fails with exit 1 at the default --fail-on high and names every finding at or above high', () => {
    expect(demo.code).toBe(1);
    const report = demo.report!;
    const failing = atOrAbove(report, 'high');
    expect(failing.length).toBeGreaterThan(0);
    expect(demo.stdout).toMatch(/FAILED/);
    expect(demo.stdout).toContain(`FAIL  fail-on high: ${failing.length} unwaived findings at or above high`);
    for (const f of failing) expect(demo.stdout).toContain(f.id);
    for (const f of report.findings.filter((x) => !failing.includes(x))) expect(demo.stdout).not.toContain(f.id);
  });

  it("records the gate in the report's verdict, which still validates against the report schema", () => {
    const report = demo.report!;
    expect(ReportSchema.safeParse(report).success).toBe(true);
    expect(report.verdict).toMatchObject({ fail_on: 'high', passed: false, max_findings: null, new_only: false, min_coverage: {} });
    expect(report.verdict.reasons).toEqual([expect.stringMatching(/^fail-on high: /)]);
  });

  it('passes with --fail-on none and no other threshold, and says nothing can fail', async () => {
    const run = await runCli(['check', '--db', db, '--fail-on', 'none']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('no threshold given');
  });

  it('fails --min-coverage just above the measured ratio, listing the late and uncovered events, and passes at it', async () => {
    const ratio = demo.report!.summary.coverage.overall.ratio!;
    const above = await check(['--db', db, '--fail-on', 'none', '--min-coverage', String(Math.min(1, ratio + 0.001))]);
    expect(above.code).toBe(1);
    const offenders = demo.report!.coverage.filter((c) => c.status === 'late' || c.status === 'uncovered');
    expect(offenders.length).toBeGreaterThan(0);
    for (const c of offenders) expect(above.stdout).toContain(`${c.kind} ${c.event_id} of ${c.subject_id}`);
    const at = await runCli(['check', '--db', db, '--fail-on', 'none', '--min-coverage', String(ratio)]);
    expect(at.code).toBe(0);
  });

  it('gates one lifecycle kind with KIND=RATIO, leaving the others alone', async () => {
    const byKind = demo.report!.summary.coverage.by_kind;
    const weak = byKind.find((k) => k.ratio !== null && k.ratio < 1)!;
    const perfect = byKind.find((k) => k.ratio === 1)!;
    const run = await runCli(['check', '--db', db, '--fail-on', 'none', '--min-coverage', `${weak.kind}=1`, '--min-coverage', `${perfect.kind}=1`]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`FAIL  min-coverage ${weak.kind}=1`);
    expect(run.stdout).toContain(`ok    min-coverage ${perfect.kind}=1`);
  });

  it('fails --max-findings below the number of unwaived findings and passes at it', async () => {
    const n = demo.report!.findings.length;
    const below = await runCli(['check', '--db', db, '--fail-on', 'none', '--max-findings', String(n - 1)]);
    expect(below.code).toBe(1);
    expect(below.stdout).toContain(`FAIL  max-findings ${n - 1}: ${n} unwaived findings`);
    const at = await runCli(['check', '--db', db, '--fail-on', 'none', '--max-findings', String(n)]);
    expect(at.code).toBe(0);
  });

  it('writes exactly the formats asked for, and no file without --out or --format', async () => {
    const out = tempDir();
    const run = await runCli(['check', '--db', db, '--out', out, '--format', 'junit,sarif', '--format', 'json']);
    expect(run.code).toBe(1);
    expect(readdirSync(out).sort()).toEqual(['junit.xml', 'report.json', 'report.sarif']);
    const silent = await runCli(['check', '--db', db, '--fail-on', 'none']);
    expect(silent.stdout).not.toContain('wrote ');
  });

  it('prints nothing with --quiet but keeps the exit code', async () => {
    const run = await runCli(['check', '--db', db, '--quiet']);
    expect(run).toMatchObject({ code: 1, stdout: '' });
  });
});

describe('revaudit check: a coverage ratio of null never fails', () => {
  it('passes --min-coverage 1 when every lifecycle event is still pending or had no sessions', async () => {
    const dir = writeFiles({
      'events.jsonl': jsonl(
        { type: 'subject.deactivated', ts: '2026-09-01T09:00:00Z', subject_id: 'u-nobody', event_id: 'lc-1' },
        { type: 'session.created', ts: '2026-09-02T09:00:00Z', session_id: 's-1', subject_id: 'u-amy', ip: '203.0.113.1', user_agent: 'ua' },
        { type: 'subject.password_reset', ts: '2026-09-02T10:00:00Z', subject_id: 'u-amy', event_id: 'lc-2' },
      ),
    });
    const run = await check([dir, '--min-coverage', '1', '--min-coverage', 'password_reset=1']);
    expect(run.report!.coverage.map((c) => c.status).sort()).toEqual(['no_sessions', 'pending']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('coverage n/a');
  });
});

describe('revaudit check: usage and input errors exit 2', () => {
  it.each([
    [['--min-coverage', '1.5'], /--min-coverage '1.5': expected a ratio from 0 to 1/],
    [['--min-coverage', 'lunch_break=0.9'], /unknown lifecycle kind 'lunch_break'/],
    [['--min-coverage', '0.9', '--min-coverage', '0.8'], /given twice/],
    [['--max-findings', '-1'], /--max-findings '-1'/],
    [['--fail-on', 'severe'], /Invalid values/],
    [['--new-only'], /--new-only needs --baseline/],
    [['--format', 'pdf'], /unknown --format 'pdf'/],
    [['--baseline', 'no/such/report.json'], /no\/such\/report.json: cannot read the baseline file/],
    [['--waivers', 'no/such/waivers.yaml'], /no\/such\/waivers.yaml: cannot read the waivers file/],
    [['no/such/input.jsonl'], /no\/such\/input.jsonl/],
  ])('check %j', async (args, message) => {
    const run = await runCli(['check', ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
  });
});

describe('the printed verdict', () => {
  it('carries no escape sequence from the logs to the terminal', async () => {
    const evil = 'u-\u001b[2J\u001b]0;pwned\u0007mallory';
    const dir = writeFiles({
      'a.jsonl': jsonl(
        { type: 'session.created', ts: '2026-07-01T10:00:00Z', session_id: 's-1', subject_id: evil, ip: '192.0.2.1', user_agent: 'UA' },
        { type: 'subject.offboarded', event_id: 'lc-1', ts: '2026-07-01T11:00:00Z', subject_id: evil },
        { type: 'session.activity', ts: '2026-07-02T11:00:00Z', session_id: 's-1' },
      ),
    });
    const { code, stdout } = await runCli(['check', dir]);
    expect(code).toBe(1);
    expect(stdout).toContain('u-mallory');
    expect(stdout).not.toMatch(/[\u001b\u0007]/);
  });
});
