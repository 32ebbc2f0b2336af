import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT, rows, type Db } from '../src/db/duck.ts';
import type { Io } from '../src/io.ts';
import { audit } from '../src/pipeline.ts';
import type { Report } from '../src/report/schema.ts';
import { FROZEN_NOW } from './helpers.ts';

// fixtures/demo-expected.json is written by scripts/demo/make-demo.mjs from its own checker
// and asserted there against the stories of fixtures/demo/STORY.md; this test holds the
// engine to it.
interface Expected {
  findings: Array<{ rule: string; severity: string; subject_id: string; session_id: string; lifecycle_event_id: string | null }>;
  coverage: Array<{ event_id: string; kind: string; subject_id: string; status: string; required_sessions: number; revoked_in_time: number }>;
  quarantine: Array<{ file: string; line: number; reason: string }>;
}
const expected = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'fixtures', 'demo-expected.json'), 'utf8')) as Expected;

const io: Io = { stdout: () => {}, stderr: () => {}, now: () => FROZEN_NOW, env: {}, cwd: process.cwd(), isTTY: false };
const sorted = (xs: unknown[]) => xs.map((x) => JSON.stringify(x)).sort();

let report: Report;
let db: Db;
beforeAll(async () => {
  ({ report, db } = await audit({ inputs: [] }, io));
});
afterAll(() => db?.close());

describe('revaudit audit on the demo organisation tells the story of STORY.md', () => {
  it('finds exactly the expected findings (rule, severity, subject, session, lifecycle event)', () => {
    const found = report.findings.map((f) => ({
      rule: f.rule, severity: f.severity, subject_id: f.subject_id, session_id: f.session_id, lifecycle_event_id: f.lifecycle_event_id,
    }));
    expect(sorted(found)).toEqual(sorted(expected.findings));
  });

  it('has exactly the expected coverage rows (event, kind, subject, status, required, revoked in time)', () => {
    const rowsFound = report.coverage.map((c) => ({
      event_id: c.event_id, kind: c.kind, subject_id: c.subject_id, status: c.status,
      required_sessions: c.required_sessions, revoked_in_time: c.revoked_in_time,
    }));
    expect(sorted(rowsFound)).toEqual(sorted(expected.coverage));
  });

  it('quarantines exactly the expected records (file, line, reason)', async () => {
    const quarantined = await rows<{ source_file: string; source_line: number; reason: string }>(
      db.con,
      'SELECT source_file, source_line::INTEGER AS source_line, reason FROM quarantine',
    );
    expect(sorted(quarantined.map((q) => ({ file: basename(q.source_file), line: q.source_line, reason: q.reason })))).toEqual(
      sorted(expected.quarantine),
    );
  });
});
