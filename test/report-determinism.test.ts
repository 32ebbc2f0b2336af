import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, tempDir } from './helpers.ts';

const FILES = ['report.json', 'report.html', 'report.md', 'findings.csv'];
const EPOCH = '1790812800';

async function outputs(env: Record<string, string>): Promise<Record<string, Buffer>> {
  const out = tempDir();
  const { code, stderr } = await runCli(['audit', '--out', out, '--format', 'json,html,md,csv', '--quiet'], env);
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return Object.fromEntries(FILES.map((f) => [f, readFileSync(join(out, f))]));
}

describe('reports are reproducible', () => {
  const zone = process.env['TZ'];
  afterEach(() => {
    process.env['TZ'] = zone;
  });

  it('gives byte-identical JSON, HTML, Markdown and CSV for the same inputs, config and rules, even in another time zone', async () => {
    const first = await outputs({ SOURCE_DATE_EPOCH: EPOCH });
    process.env['TZ'] = 'America/Los_Angeles'; // Node reads TZ again when it changes
    const second = await outputs({ SOURCE_DATE_EPOCH: EPOCH });
    for (const file of FILES) expect(second[file]!.equals(first[file]!), `${file} differs between runs`).toBe(true);
  });

  it('takes generated_at from SOURCE_DATE_EPOCH, not the clock', async () => {
    const { 'report.json': json, 'report.html': html } = await outputs({ SOURCE_DATE_EPOCH: EPOCH });
    expect(JSON.parse(json!.toString()).run.generated_at).toBe('2026-10-01T00:00:00Z');
    expect(html!.toString()).toContain('2026-10-01 00:00:00Z');
  });
});
