import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { code } from '../src/report/formats/md.ts';
import type { Report } from '../src/report/schema.ts';
import { runCli, tempDir } from './helpers.ts';
import { PAYLOADS, hostileInputs } from './report-hostile.ts';

async function auditMd(inputs: string[], extra: string[] = []): Promise<{ md: string; report: Report }> {
  const out = tempDir();
  await runCli(['audit', ...inputs, '--out', out, '--format', 'json,md', '--quiet', ...extra], { SOURCE_DATE_EPOCH: '1790812800' });
  return { md: readFileSync(join(out, 'report.md'), 'utf8'), report: JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) };
}

/** The cells of a Markdown table row, split on pipes that are not escaped. */
const cells = (line: string) => line.split(/(?<!\\)\|/).slice(1, -1);

describe('report.md, the CI step summary', () => {
  it('gives the verdict, the coverage of every kind and the worst findings first', async () => {
    const { md, report } = await auditMd([], ['--fail-on', 'high']);
    expect(md).toContain('**Gate: failed** (fail on high)');
    const kindRows = md.split('\n').filter((l) => /^\| [a-z ]+ \| (\d+\.\d%|n\/a) \|/.test(l));
    expect(kindRows).toHaveLength(report.summary.coverage.by_kind.length);
    const severities = md.split('\n').filter((l) => /^\| (critical|high|medium|low|info)/.test(l)).map((l) => cells(l)[0]!.trim().split(' ')[0]);
    expect(severities.length).toBe(Math.min(10, report.findings.length));
    const order = ['critical', 'high', 'medium', 'low', 'info'];
    expect(severities).toEqual([...severities].sort((a, b) => order.indexOf(a!) - order.indexOf(b!)));
  });

  it('keeps values from the logs inside code spans, so a pipe, backtick or tag cannot change the table or the page', async () => {
    expect(code('a|b`c')).toBe('``a\\|b`c``');
    expect(code('`x`')).toBe('`` `x` ``');
    const { md } = await auditMd([hostileInputs()]);
    const rows = md.split('\n').filter((l) => /^\| (critical|high|medium|low|info)/.test(l));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(cells(row)).toHaveLength(7);
    const outsideCode = md.replace(/(`+)[\s\S]*?\1/g, '');
    expect(outsideCode).not.toMatch(/<|javascript:/);
    expect(md).toContain(code(PAYLOADS.event));
  });
});
