// Regenerates the golden outputs in reports/examples/ from the demo organisation
// (npm run examples). Equivalent to, from the package root:
//   SOURCE_DATE_EPOCH=1790812800 node bin/revaudit.js audit --out reports/examples --format json,html,md,csv
// test/report-golden.test.ts compares fresh outputs to these files and never rewrites them.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { main } from '../src/cli.ts';
import { processIo } from '../src/io.ts';

/** 2026-10-01T00:00:00Z: the day after the demo quarter ends. */
export const EXAMPLES_EPOCH = '1790812800';

/** The golden files, as the audit writes them. */
export const EXAMPLE_FILES = ['report.json', 'report.html', 'report.md', 'findings.csv'] as const;

/** The package root: the examples are generated with it as the working directory (paths in them are relative to it). */
export const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** The audit arguments that produce the examples into `out`. */
export function examplesArgv(out: string): string[] {
  return ['audit', '--out', out, '--format', 'json,html,md,csv', '--quiet'];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.chdir(ROOT);
  const io = { ...processIo(), cwd: ROOT, env: { ...process.env, SOURCE_DATE_EPOCH: EXAMPLES_EPOCH } };
  const code = await main(examplesArgv('reports/examples'), io);
  if (code === 0) process.stdout.write(`wrote ${EXAMPLE_FILES.map((f) => `reports/examples/${f}`).join(', ')}\n`);
  process.exitCode = code;
}
