import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Io } from '../src/io.ts';
import { audit } from '../src/pipeline.ts';
import { renderHtml } from '../src/report/formats/html.ts';
import { previousPeriod } from '../src/report/trend.ts';
import { FROZEN_NOW, jsonl, writeFiles } from './helpers.ts';

const io: Io = { stdout: () => {}, stderr: () => {}, now: () => FROZEN_NOW, env: {}, cwd: process.cwd(), isTTY: false };
const DAY = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Accesses of one session: `perDay(date)` records on each day from `from` to `to` (inclusive). */
function accesses(from: string, to: string, perDay: (date: Date) => number): object[] {
  const out: object[] = [{ type: 'session.created', ts: `${from}T00:00:00Z`, session_id: 's-1', subject_id: 'u-1', ip: '192.0.2.1', user_agent: 'ua' }];
  for (let t = Date.parse(from); t <= Date.parse(to); t += DAY) {
    for (let i = 0; i < perDay(new Date(t)); i++) {
      out.push({ type: 'session.activity', ts: new Date(t + 9 * 3_600_000 + i * 60_000).toISOString(), session_id: 's-1', subject_id: 'u-1' });
    }
  }
  return out;
}

async function sourcesOf(records: object[], from?: string, to?: string) {
  const dir = writeFiles({ 'log.jsonl': jsonl(...records) });
  const { report, db } = await audit({ inputs: [dir], from, to, quiet: true }, io);
  db.close();
  return report;
}

describe('the data seen per source, and its gaps', () => {
  it('names the silent weekdays of a source that has records every weekday, and not its quiet weekends', async () => {
    const outage = new Set(['2026-05-12', '2026-05-13', '2026-05-14']);
    const weekday = (d: Date) => d.getUTCDay() >= 1 && d.getUTCDay() <= 5;
    const report = await sourcesOf(accesses('2026-04-01', '2026-06-30', (d) => (weekday(d) && !outage.has(day(d.getTime())) ? 8 : 0)), '2026-Q2');
    const access = report.sources.find((s) => s.table === 'access_events')!;
    expect(access.gaps).toEqual([{ from: '2026-05-12', to: '2026-05-14', days: 3 }]);
    expect(access.days_checked).toBe(91);
    expect(access.first).toBe('2026-04-01T09:00:00Z');
  });

  it('flags the days of the period before a daily source starts, but not one partial day at the edge', async () => {
    const report = await sourcesOf(accesses('2026-07-06', '2026-07-31', () => 6), '2026-07-01', '2026-07-31');
    const access = report.sources.find((s) => s.table === 'access_events')!;
    expect(access.gaps).toEqual([{ from: '2026-07-01', to: '2026-07-04', days: 4 }]);
    expect(access.days_with_records).toBe(26);
    const late = await sourcesOf(accesses('2026-07-02', '2026-07-31', () => 6), '2026-07-01', '2026-07-31');
    expect(late.sources.find((s) => s.table === 'access_events')!.gaps).toEqual([]);
  });

  it('does not let one burst make a sparse source look daily', async () => {
    // One record on Tuesdays, except 200 on one Tuesday (a migration revoking everything).
    const report = await sourcesOf(accesses('2026-07-01', '2026-09-30', (d) => (d.getUTCDay() !== 2 ? 0 : day(d.getTime()) === '2026-08-04' ? 200 : d.getUTCDate() % 2)));
    expect(report.sources.find((s) => s.table === 'access_events')!.gaps).toEqual([]);
  });

  it('does not call a sparse source silent (fewer than 5 records a day on average)', async () => {
    const report = await sourcesOf(accesses('2026-07-01', '2026-07-31', (d) => (d.getUTCDate() % 3 === 0 ? 4 : 0)));
    expect(report.sources.find((s) => s.table === 'access_events')!.gaps).toEqual([]);
  });

  it('counts what falls in the period apart from what was read only to establish state', async () => {
    const report = await sourcesOf(accesses('2026-06-21', '2026-07-10', () => 1), '2026-07-01', '2026-07-10');
    const access = report.sources.find((s) => s.table === 'access_events')!;
    expect([access.records, access.in_period]).toEqual([20, 10]);
    expect(report.summary.population.sessions).toBe(1);
  });
});

describe('the previous period', () => {
  it('is the previous calendar quarter, month or year, else the same length immediately before', () => {
    expect(previousPeriod({ from: '2026-07-01T00:00:00Z', to: '2026-10-01T00:00:00Z' })).toEqual({ from: '2026-04-01T00:00:00Z', to: '2026-07-01T00:00:00Z' });
    expect(previousPeriod({ from: '2026-01-01T00:00:00Z', to: '2026-04-01T00:00:00Z' })).toEqual({ from: '2025-10-01T00:00:00Z', to: '2026-01-01T00:00:00Z' });
    expect(previousPeriod({ from: '2026-03-01T00:00:00Z', to: '2026-04-01T00:00:00Z' })).toEqual({ from: '2026-02-01T00:00:00Z', to: '2026-03-01T00:00:00Z' });
    expect(previousPeriod({ from: '2026-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z' })).toEqual({ from: '2025-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' });
    expect(previousPeriod({ from: '2026-07-10T00:00:00Z', to: '2026-07-17T00:00:00Z' })).toEqual({ from: '2026-07-03T00:00:00Z', to: '2026-07-10T00:00:00Z' });
    expect(previousPeriod({ from: '2026-07-01T00:00:00Z', to: null })).toBeNull();
  });
});

describe('the trend computed from older data in the inputs', () => {
  // Q2: u-old is offboarded; one session is revoked late, one never (and never expires).
  // Q3: a password reset covered in time; nothing else wrong.
  const records = [
    { type: 'session.created', ts: '2026-05-01T08:00:00Z', session_id: 's-old-laptop', subject_id: 'u-old', ip: '192.0.2.1', user_agent: 'ua' },
    { type: 'session.created', ts: '2026-05-01T08:05:00Z', session_id: 's-old-phone', subject_id: 'u-old', ip: '192.0.2.2', user_agent: 'ua' },
    { type: 'subject.offboarded', ts: '2026-06-10T17:00:00Z', event_id: 'lc-1', subject_id: 'u-old' },
    { type: 'session.revoked', ts: '2026-06-10T18:00:00Z', event_id: 'rv-1', session_id: 's-old-laptop', subject_id: 'u-old', actor_id: 'it', reason: 'offboarding' },
    { type: 'session.created', ts: '2026-07-02T08:00:00Z', session_id: 's-new-laptop', subject_id: 'u-new', ip: '192.0.2.3', user_agent: 'ua' },
    { type: 'subject.password_reset', ts: '2026-08-01T10:00:00Z', event_id: 'lc-2', subject_id: 'u-new' },
    { type: 'session.revoked', ts: '2026-08-01T10:03:00Z', event_id: 'rv-2', session_id: 's-new-laptop', subject_id: 'u-new', actor_id: 'system:idp', reason: 'password reset' },
    { type: 'session.activity', ts: '2026-09-30T12:00:00Z', session_id: 's-old-phone', subject_id: 'u-old', outcome: 'allowed' },
  ];

  it('compares the quarter with the one before it, and says which old finding still has a live session', async () => {
    const dir = writeFiles({ 'all.jsonl': jsonl(...records) });
    const { report, db } = await audit({ inputs: [dir], from: '2026-Q3', quiet: true }, io);
    db.close();
    const t = report.trend!;
    expect(t.previous).toEqual({
      source: 'database',
      file: null,
      report_id: null,
      period: { from: '2026-04-01T00:00:00Z', to: '2026-07-01T00:00:00Z' },
      first_record: '2026-05-01T08:00:00Z',
    });
    // Q2's data starts on 1 May: the report says the previous period is only partly covered.
    const page = await renderHtml(report);
    expect(page).toContain('The data holds the previous period only from 2026-05-01: its figures cover part of it.');
    const all = t.coverage.find((c) => c.kind === '*')!;
    expect([all.previous?.ratio, all.current?.ratio]).toEqual([0, 1]);
    expect(t.time_to_revoke.find((c) => c.kind === '*')!.previous?.max_seconds).toBe(3600);
    const phone = t.findings.resolved_list.find((r) => r.session_id === 's-old-phone' && r.rule === 'session-survived-lifecycle-event');
    expect(phone?.still_live).toBe(true);
    const laptop = t.findings.resolved_list.find((r) => r.session_id === 's-old-laptop');
    expect(laptop?.still_live).toBe(false);
    expect(t.findings.still_live).toBe(t.findings.resolved_list.filter((r) => r.still_live).length);
    // Q3's own figures are not touched by evaluating Q2 first.
    expect(report.coverage.map((c) => [c.event_id, c.status])).toEqual([['lc-2', 'covered']]);
  });

  it("marks check's resolved baseline findings whose session is still live", async () => {
    const dir = writeFiles({ 'all.jsonl': jsonl(...records) });
    const q2 = await audit({ inputs: [dir], from: '2026-Q2', quiet: true }, io);
    q2.db.close();
    const baselineFile = join(dir, 'q2.json');
    writeFileSync(baselineFile, JSON.stringify(q2.report));
    const { report, db } = await audit({ inputs: [dir], from: '2026-Q3', baseline: baselineFile, quiet: true }, io);
    db.close();
    const resolved = report.baseline!.resolved;
    expect(resolved.find((r) => r.session_id === 's-old-phone' && r.rule === 'session-survived-lifecycle-event')?.still_live).toBe(true);
    expect(resolved.find((r) => r.session_id === 's-old-laptop')?.still_live).toBe(false);
  });

  it('has no trend when the data holds nothing before the period', async () => {
    const dir = writeFiles({ 'q3.jsonl': jsonl(...records.slice(4, 7)) });
    const { report, db } = await audit({ inputs: [dir], from: '2026-Q3', quiet: true }, io);
    db.close();
    expect(report.trend).toBeUndefined();
  });
});
