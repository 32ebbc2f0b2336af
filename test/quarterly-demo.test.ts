import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRules } from '../src/rules/catalog.ts';
import type { Report } from '../src/report/schema.ts';
import { ROOT } from '../scripts/examples.ts';
import { runCli, tempDir } from './helpers.ts';

// The "done when", on the committed quarterly examples (test/report-golden.test.ts
// holds them to a fresh run): the demo split into two quarters, Q3 against Q2.
const QUARTERS = join(ROOT, 'reports', 'examples', 'quarters');
const read = (quarter: string) => JSON.parse(readFileSync(join(QUARTERS, quarter, 'report.json'), 'utf8')) as Report;
const PUBLIC_KEY = join(ROOT, 'fixtures', 'keys', 'demo-ed25519.pub.pem');

describe('the demo split into two quarters', () => {
  const q2 = read('2026-Q2');
  const q3 = read('2026-Q3');

  it("shows the second quarter's trend against the first", () => {
    const t = q3.trend!;
    expect(t.previous).toEqual({ source: 'report', file: 'reports/examples/quarters/2026-Q2/report.json', report_id: q2.run.id, period: q2.run.period, first_record: null });
    const all = t.coverage.find((c) => c.kind === '*')!;
    expect(all.previous).toEqual({ ratio: q2.summary.coverage.overall.ratio, events: 16, decided: 15, covered: 11 });
    expect(all.current?.ratio).toBe(q3.summary.coverage.overall.ratio);
    expect(all.current!.ratio!).toBeGreaterThan(all.previous!.ratio!);
    const ttr = t.time_to_revoke.find((c) => c.kind === '*')!;
    expect(ttr.previous?.p95_seconds).toBe(q2.summary.time_to_revoke.find((c) => c.kind === '*')!.p95_seconds);
    expect(t.findings.previous.total).toBe(q2.findings.length);
    expect(t.findings.current.total).toBe(q3.findings.length);
    // Q2's ids (s-q2-..., lc-q2-...) never recur in Q3: every Q3 finding is new, every Q2 one resolved,
    // and the tenant migration ended every Q2 session, so none is still live.
    expect([t.findings.opened, t.findings.recurring, t.findings.resolved, t.findings.still_live]).toEqual([q3.findings.length, 0, q2.findings.length, 0]);
    expect(q2.trend).toBeUndefined();
  });

  it('warns about the activity log outage of May in Q2, and about nothing in Q3', () => {
    const gaps = (r: Report) => r.sources.filter((s) => s.gaps.length).map((s) => [s.table, s.gaps]);
    expect(gaps(q2)).toEqual([['access_events', [{ from: '2026-05-12', to: '2026-05-14', days: 3 }]]]);
    expect(gaps(q3)).toEqual([]);
    const html = readFileSync(join(QUARTERS, '2026-Q2', 'report.html'), 'utf8');
    expect(html).toContain('have no records on 2026-05-12 to 2026-05-14 (3 days)');
  });

  it('lists in the control matrix every requirement the rules cite, with the result of its rules', () => {
    const matrix = new Map(q3.control_matrix.frameworks.flatMap((f) => f.requirements.map((r) => [`${f.key} ${r.id}`, r])));
    for (const rule of loadRules()) {
      for (const c of rule.controls) {
        const requirement = matrix.get(`${c.framework} ${c.id}`);
        expect(requirement, `${c.framework} ${c.id}`).toBeDefined();
        expect(requirement!.title).not.toBeNull();
        expect(requirement!.rules.map((r) => r.id)).toContain(rule.id);
      }
    }
    // A requirement a rule with findings tests fails; one no rule tests says so.
    expect(matrix.get('asvs5 7.4.2')!.result).toBe('fail');
    expect(matrix.get('pci 8.2.8')).toMatchObject({ rules: [], result: 'not_tested' });
    const names = q3.control_matrix.frameworks.map((f) => f.key);
    expect(names).toEqual(expect.arrayContaining(['asvs5', 'nist80053', 'iso27001', 'soc2', 'pci', 'cis', 'hipaa', 'owasp-nhi']));
  });

  it('is reproduced byte for byte by verify, which catches a one-byte edit of the signed report', async () => {
    const ok = await runCli(['verify', join(QUARTERS, '2026-Q3', 'report.json'), '--public-key', PUBLIC_KEY], {}, ROOT);
    expect(ok.stdout).toContain('byte for byte');
    expect(ok.stdout).toContain('signature valid');
    expect(ok.code).toBe(0);

    const copy = tempDir();
    cpSync(join(QUARTERS, '2026-Q3'), copy, { recursive: true });
    const path = join(copy, 'report.json');
    const bytes = readFileSync(path);
    const at = bytes.indexOf('"still_live": 0') + '"still_live": '.length;
    bytes[at] = '1'.charCodeAt(0);
    writeFileSync(path, bytes);
    const edited = await runCli(['verify', path, '--public-key', PUBLIC_KEY], {}, ROOT);
    expect(edited.code).toBe(1);
    expect(edited.stdout).toContain('does not match the report under that public key');
    const unsigned = await runCli(['verify', path], {}, ROOT);
    expect(unsigned.stdout).toContain('the rerun differs at $.trend.findings.still_live: the report has 1, the rerun 0');
  });

  it('vouches for the HTML beside the signed report: an edit of the page is caught too', async () => {
    expect((await runCli(['verify', join(QUARTERS, '2026-Q3', 'report.json')], {}, ROOT)).stdout).toContain('report.html, report.md beside it render it');
    const copy = tempDir();
    cpSync(join(QUARTERS, '2026-Q3'), copy, { recursive: true });
    const page = join(copy, 'report.html');
    writeFileSync(page, readFileSync(page, 'utf8').replace('coverage went from 73.3% to 89.5%', 'coverage went from 73.3% to 99.5%'));
    const edited = await runCli(['verify', join(copy, 'report.json'), '--public-key', PUBLIC_KEY], {}, ROOT);
    expect(edited.code).toBe(1);
    expect(edited.stdout).toContain('report.html beside the report is not its rendering');
  });
});
