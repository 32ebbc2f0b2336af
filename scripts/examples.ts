// Regenerates the golden outputs in reports/examples/ from the demo organisation
// (npm run examples). Equivalent to, from the package root:
//   SOURCE_DATE_EPOCH=1790812800 node bin/revaudit.js audit --out reports/examples --format json,html,md,csv
// and the two quarterly examples in reports/examples/quarters/ (see QUARTERS below).
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

/**
 * The quarterly examples: Northwind's 2026-Q2 from its own files, then 2026-Q3 from both
 * quarters' files (Q2's records establish state) against Q2's report (the trend); each
 * signed with the public demo key and generated the day after its quarter ends.
 */
export const QUARTER_FILES = ['report.json', 'report.json.sig', 'report.html', 'report.md'] as const;
export const QUARTERS_DIR = 'reports/examples/quarters';
export const QUARTERS = [
  { name: '2026-Q2', epoch: '1782864000', inputs: ['fixtures/demo-2026-Q2'], previous: null },
  { name: '2026-Q3', epoch: '1790812800', inputs: ['fixtures/demo-2026-Q2', 'fixtures/demo'], previous: `${QUARTERS_DIR}/2026-Q2/report.json` },
] as const;

/** The audit arguments of one quarterly example. */
export function quarterArgv(quarter: (typeof QUARTERS)[number], out: string): string[] {
  return [
    'audit', ...quarter.inputs, '--from', quarter.name, '--out', out, '--format', 'json,html,md',
    '--sign-key', 'fixtures/keys/demo-ed25519.pem', '--quiet', ...(quarter.previous ? ['--previous', quarter.previous] : []),
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.chdir(ROOT);
  const io = { ...processIo(), cwd: ROOT, env: { ...process.env, SOURCE_DATE_EPOCH: EXAMPLES_EPOCH } };
  let code = await main(examplesArgv('reports/examples'), io);
  if (code === 0) process.stdout.write(`wrote ${EXAMPLE_FILES.map((f) => `reports/examples/${f}`).join(', ')}\n`);
  for (const quarter of QUARTERS) {
    if (code !== 0) break;
    const out = `${QUARTERS_DIR}/${quarter.name}`;
    code = await main(quarterArgv(quarter, out), { ...io, env: { ...io.env, SOURCE_DATE_EPOCH: quarter.epoch } });
    if (code === 0) process.stdout.write(`wrote ${QUARTER_FILES.map((f) => `${out}/${f}`).join(', ')}\n`);
  }
  process.exitCode = code;
}
