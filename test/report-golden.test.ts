import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_FILES, EXAMPLES_EPOCH, QUARTER_FILES, QUARTERS, ROOT, examplesArgv, quarterArgv } from '../scripts/examples.ts';
import { runCli, tempDir } from './helpers.ts';

// The committed demo outputs are the expectation. On a mismatch the fresh output is written
// beside the golden file as <name>-changed.<ext> (ignored by git) to diff and review; this
// test never rewrites reports/examples/ itself: `npm run examples` does, on purpose.
const GOLDEN = join(ROOT, 'reports', 'examples');

function changedPath(file: string): string {
  const dot = file.lastIndexOf('.');
  return join(GOLDEN, `${file.slice(0, dot)}-changed${file.slice(dot)}`);
}

describe('the demo reports in reports/examples/', () => {
  it('are reproduced byte for byte from fixtures/demo', async () => {
    const out = tempDir();
    const { code, stderr } = await runCli(examplesArgv(out), { SOURCE_DATE_EPOCH: EXAMPLES_EPOCH }, ROOT);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const changed: string[] = [];
    for (const file of EXAMPLE_FILES) {
      const fresh = readFileSync(join(out, file));
      const golden = existsSync(join(GOLDEN, file)) ? readFileSync(join(GOLDEN, file)) : null;
      if (golden && golden.equals(fresh)) {
        rmSync(changedPath(file), { force: true });
      } else {
        writeFileSync(changedPath(file), fresh);
        changed.push(`${file} (fresh output in ${changedPath(file)})`);
      }
    }
    expect(changed, 'demo outputs differ from reports/examples/; review the -changed files, then `npm run examples`').toEqual([]);
  });
});

describe('the quarterly examples in reports/examples/quarters/', () => {
  it('are reproduced byte for byte, signature included, from the two quarters of the demo', async () => {
    const changed: string[] = [];
    for (const quarter of QUARTERS) {
      const out = tempDir();
      const { code, stderr } = await runCli(quarterArgv(quarter, out), { SOURCE_DATE_EPOCH: quarter.epoch }, ROOT);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      for (const file of QUARTER_FILES) {
        const golden = join(GOLDEN, 'quarters', quarter.name, file);
        const fresh = readFileSync(join(out, file));
        if (!existsSync(golden) || !readFileSync(golden).equals(fresh)) changed.push(`${quarter.name}/${file} (fresh output in ${out})`);
      }
    }
    expect(changed, 'quarterly outputs differ from reports/examples/quarters/; review, then `npm run examples`').toEqual([]);
  });
});
