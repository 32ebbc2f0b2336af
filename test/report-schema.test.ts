import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportSchemaText, SCHEMA_FILE } from '../scripts/schema.ts';
import { ReportSchema, SCHEMA_VERSION } from '../src/report/schema.ts';
import { runCli, tempDir } from './helpers.ts';
import { hostileInputs } from './report-hostile.ts';

async function auditJson(inputs: string[]): Promise<unknown> {
  const out = tempDir();
  const { code, stderr } = await runCli(['audit', ...inputs, '--out', out, '--format', 'json', '--quiet'], { SOURCE_DATE_EPOCH: '1790812800' });
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
}

describe('the JSON report contract', () => {
  it('reports/report.schema.json is exactly what the zod schema generates (run `npm run schema` after changing src/report/schema.ts)', () => {
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    expect(committed).toBe(reportSchemaText());
  });

  it('is a semver schema_version, and the committed JSON Schema names it', () => {
    expect(SCHEMA_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
    expect(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')).description).toContain(`schema_version ${SCHEMA_VERSION}`);
  });

  it('describes the demo report exactly: the report validates against the strict zod schema', async () => {
    const report = await auditJson([]);
    const parsed = ReportSchema.safeParse(report);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    expect((report as { schema_version: string }).schema_version).toBe(SCHEMA_VERSION);
  });

  it('describes a report built from hostile inputs too', async () => {
    const parsed = ReportSchema.safeParse(await auditJson([hostileInputs()]));
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
  });
});
