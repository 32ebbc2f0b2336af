import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../scripts/gen/generate.ts';
import { runCli, tempDir } from './helpers.ts';

/** Each generated file's sha256, by path relative to the output folder. */
function fingerprint(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const sub of ['data', 'next-day']) {
    for (const name of readdirSync(join(dir, sub))) {
      out[`${sub}/${name}`] = createHash('sha256').update(readFileSync(join(dir, sub, name))).digest('hex');
    }
  }
  return out;
}

const lines = (dir: string) =>
  readdirSync(dir).reduce((n, name) => n + readFileSync(join(dir, name), 'utf8').split('\n').filter(Boolean).length, 0);

interface Planted {
  expected: { findings: Record<string, number>; coverage: { late: number; uncovered: number } };
  expected_with_next_day: { findings: Record<string, number>; coverage: { late: number; uncovered: number } };
}

async function findingsPerRule(inputs: string[]) {
  const out = tempDir();
  const { code, stderr } = await runCli(['audit', ...inputs, '--out', out, '--format', 'json', '--quiet']);
  expect(stderr).toBe('');
  expect(code).toBe(0);
  const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as {
    findings: Array<{ rule: string }>;
    summary: { coverage: { overall: { late: number; uncovered: number } } };
  };
  const counts: Record<string, number> = {};
  for (const f of report.findings) counts[f.rule] = (counts[f.rule] ?? 0) + 1;
  const { late, uncovered } = report.summary.coverage.overall;
  return { counts, coverage: { late, uncovered } };
}

describe('the benchmark data generator', () => {
  it('writes exactly the requested number of records, and the same bytes again for the same seed', async () => {
    const [a, b, other] = [tempDir(), tempDir(), tempDir()];
    await generate({ events: 5000, out: a, seed: '42' });
    await generate({ events: 5000, out: b, seed: '42' });
    await generate({ events: 5000, out: other, seed: '43' });
    expect(lines(join(a, 'data'))).toBe(5000);
    expect(fingerprint(b)).toEqual(fingerprint(a));
    expect(fingerprint(other)).not.toEqual(fingerprint(a));
  });

  it('plants violations that an audit finds exactly, before and after the extra day is added', async () => {
    const dir = tempDir();
    await generate({ events: 5000, out: dir, seed: '7' });
    const planted = JSON.parse(readFileSync(join(dir, 'planted.json'), 'utf8')) as Planted;
    for (const n of Object.values(planted.expected.findings)) expect(n).toBeGreaterThan(0);

    const main = await findingsPerRule([join(dir, 'data')]);
    expect(main.counts).toEqual(planted.expected.findings);
    expect(main.coverage).toEqual(planted.expected.coverage);

    const withNextDay = await findingsPerRule([join(dir, 'data'), join(dir, 'next-day')]);
    expect(withNextDay.counts).toEqual(planted.expected_with_next_day.findings);
    expect(withNextDay.coverage).toEqual(planted.expected_with_next_day.coverage);
  });
});
