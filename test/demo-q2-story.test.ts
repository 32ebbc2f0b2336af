import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT, rows, type Db } from '../src/db/duck.ts';
import type { Io } from '../src/io.ts';
import { audit } from '../src/pipeline.ts';
import type { Report } from '../src/report/schema.ts';
import { FROZEN_NOW } from './helpers.ts';

// fixtures/demo-2026-Q2-expected.json is written by scripts/demo/make-demo-q2.mjs from its own
// checker and asserted there against the stories of fixtures/demo-2026-Q2/STORY.md; this test
// holds the engine to it, alone and together with 2026-Q3 (fixtures/demo), whose results must
// not change (fixtures/demo-expected.json).
interface Expected {
  findings: Array<{ rule: string; severity: string; subject_id: string; session_id: string | null; lifecycle_event_id: string | null }>;
  coverage: Array<{ event_id: string; kind: string; subject_id: string; status: string; required_sessions: number; revoked_in_time: number }>;
  quarantine: Array<{ file: string; line: number; reason: string }>;
}
const fixture = (...p: string[]) => join(PACKAGE_ROOT, 'fixtures', ...p);
const read = (file: string) => JSON.parse(readFileSync(fixture(file), 'utf8')) as Expected;
const q2 = read('demo-2026-Q2-expected.json');
const q3 = read('demo-expected.json');
const Q2_DIR = fixture('demo-2026-Q2');
const Q3_DIR = fixture('demo');

const io: Io = { stdout: () => {}, stderr: () => {}, now: () => FROZEN_NOW, env: {}, cwd: process.cwd(), isTTY: false };
const sorted = (xs: unknown[]) => xs.map((x) => JSON.stringify(x)).sort();
const findingsOf = (r: Report) =>
  sorted(r.findings.map((f) => ({ rule: f.rule, severity: f.severity, subject_id: f.subject_id, session_id: f.session_id, lifecycle_event_id: f.lifecycle_event_id })));
const coverageOf = (r: Report) =>
  sorted(r.coverage.map((c) => ({ event_id: c.event_id, kind: c.kind, subject_id: c.subject_id, status: c.status, required_sessions: c.required_sessions, revoked_in_time: c.revoked_in_time })));
/** Quarantined rows as (folder/file, line, reason). */
async function quarantineOf(db: Db) {
  const qs = await rows<{ source_file: string; source_line: number; reason: string }>(db.con, 'SELECT source_file, source_line::INTEGER AS source_line, reason FROM quarantine');
  return sorted(qs.map((q) => ({ file: `${basename(dirname(q.source_file))}/${basename(q.source_file)}`, line: q.source_line, reason: q.reason })));
}
const inFolder = (folder: string, qs: Expected['quarantine']) => qs.map((q) => ({ ...q, file: `${folder}/${q.file}` }));

// Three audits of the demo, each a few seconds; run side by side.
const runs: Record<'q2Alone' | 'bothQ3' | 'bothQ2', { report: Report; db: Db }> = {} as never;
beforeAll(async () => {
  const [q2Alone, bothQ3, bothQ2] = await Promise.all([
    audit({ inputs: [Q2_DIR], from: '2026-Q2' }, io),
    audit({ inputs: [Q2_DIR, Q3_DIR], from: '2026-Q3' }, io),
    audit({ inputs: [Q2_DIR, Q3_DIR], from: '2026-Q2' }, io),
  ]);
  Object.assign(runs, { q2Alone, bothQ3, bothQ2 });
});
afterAll(() => {
  for (const r of Object.values(runs)) r.db.close();
});

describe('revaudit audit on 2026-Q2 of the demo organisation tells the story of its STORY.md', () => {
  it('alone, --from 2026-Q2: exactly the expected findings', () => {
    expect(findingsOf(runs.q2Alone.report)).toEqual(sorted(q2.findings));
  });

  it('alone, --from 2026-Q2: exactly the expected coverage rows', () => {
    expect(coverageOf(runs.q2Alone.report)).toEqual(sorted(q2.coverage));
  });

  it('alone, --from 2026-Q2: exactly the expected quarantine (file, line, reason)', async () => {
    expect(await quarantineOf(runs.q2Alone.db)).toEqual(sorted(inFolder('demo-2026-Q2', q2.quarantine)));
  });
});

describe('2026-Q2 and 2026-Q3 audited together', () => {
  it('--from 2026-Q3: exactly 2026-Q3 findings and coverage rows (Q2 data changes nothing)', () => {
    expect(findingsOf(runs.bothQ3.report)).toEqual(sorted(q3.findings));
    expect(coverageOf(runs.bothQ3.report)).toEqual(sorted(q3.coverage));
  });

  it('--from 2026-Q2: exactly 2026-Q2 findings and coverage rows (Q3 data changes nothing)', () => {
    expect(findingsOf(runs.bothQ2.report)).toEqual(sorted(q2.findings));
    expect(coverageOf(runs.bothQ2.report)).toEqual(sorted(q2.coverage));
  });

  it('quarantines the malformed records of both folders, and nothing else', async () => {
    const want = sorted([...inFolder('demo-2026-Q2', q2.quarantine), ...inFolder('demo', q3.quarantine)]);
    expect(await quarantineOf(runs.bothQ3.db)).toEqual(want);
  });
});
