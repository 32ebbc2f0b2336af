import { describe, expect, it } from 'vitest';
import type { Io } from '../src/io.ts';
import { audit } from '../src/pipeline.ts';
import type { Report } from '../src/report/schema.ts';
import { FROZEN_NOW } from './helpers.ts';

const STORY = 'fixtures/formats/equivalence';
const APP_LOG = `${STORY}/app-activity.jsonl`;

const io: Io = { stdout: () => {}, stderr: () => {}, now: () => FROZEN_NOW, env: {}, cwd: process.cwd(), isTTY: false };

async function report(inputs: string[]): Promise<Report> {
  const { report, db } = await audit({ inputs, quiet: true }, io);
  db.close();
  return report;
}

/** What a finding is about, without the lifecycle event's id, which differs by format. */
const findings = (r: Report) =>
  r.findings
    .map((f) => ({ rule: f.rule, severity: f.severity, subject_id: f.subject_id, session_id: f.session_id, has_event: f.lifecycle_event_id !== null }))
    .sort((a, b) => `${a.rule} ${a.session_id}`.localeCompare(`${b.rule} ${b.session_id}`));

const coverage = (r: Report) =>
  r.coverage.map((c) => ({ kind: c.kind, subject_id: c.subject_id, ts: c.ts, status: c.status, required: c.required_sessions, in_time: c.revoked_in_time }));

describe('one story told in different formats', () => {
  let nativeReport: Promise<Report> | undefined;
  /** The native telling, audited once for both comparisons. */
  const nativeTelling = () => (nativeReport ??= report([`${STORY}/native`, APP_LOG]));

  it('finds the same surviving session and the same accepted revoked session in WorkOS events as in the native format', async () => {
    const native = await nativeTelling();
    const workos = await report([`${STORY}/workos`, APP_LOG]);
    expect(workos.inputs.map((i) => i.adapter)).toEqual(['workos', 'native']);
    expect(findings(native).map((f) => f.rule)).toEqual(['revoked-session-accepted', 'session-survived-lifecycle-event']);
    expect(findings(workos)).toEqual(findings(native));
    expect(coverage(workos)).toEqual(coverage(native));
  });

  it('finds the same in the Okta System Log as in the native format', async () => {
    const native = await nativeTelling();
    const okta = await report([`${STORY}/okta`]);
    expect(okta.inputs.map((i) => i.adapter)).toEqual(['okta']);
    expect(findings(okta)).toEqual(findings(native));
    expect(coverage(okta)).toEqual(coverage(native));
  });
});
