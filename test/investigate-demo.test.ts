import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/db/duck.ts';
import { InvestigationSchema, type Investigation, type TimelineRow } from '../src/investigate/schema.ts';
import type { Report } from '../src/report/schema.ts';
import { runCli, tempDir } from './helpers.ts';

// The demo organisation (fixtures/demo, its story in STORY.md) ingested once into a --db
// by `revaudit audit`, then investigated many times, as an analyst would.
let db: string;
let report: Report;

beforeAll(async () => {
  const dir = tempDir();
  db = join(dir, 'demo.duckdb');
  const audit = await runCli(['audit', join(PACKAGE_ROOT, 'fixtures/demo'), '--db', db, '--out', dir, '--format', 'json', '--quiet']);
  expect(audit.stderr).toBe('');
  report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;
});

async function investigation(...args: string[]): Promise<Investigation> {
  const run = await runCli(['investigate', '--db', db, '--format', 'json', ...args]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return InvestigationSchema.parse(JSON.parse(run.stdout));
}

/** The physical lines of a demo file that mention a value (the rows an investigation should cite). */
function linesMentioning(file: string, value: string): number[] {
  return readFileSync(join(PACKAGE_ROOT, 'fixtures/demo', file), 'utf8')
    .split('\n')
    .flatMap((line, i) => (line.includes(value) ? [i + 1] : []));
}

const accesses = (inv: Investigation) => inv.timeline.filter((r): r is Extract<TimelineRow, { kind: 'access' }> => r.kind === 'access');

describe("investigate --session s-ivan-laptop-06 tells story 6 of STORY.md (Ivan's revoked session replayed)", () => {
  let inv: Investigation;
  beforeAll(async () => {
    inv = await investigation('--session', 's-ivan-laptop-06');
  });

  it('shows the session created from its own address, then revoked by u-femi after the compromise lc-0013', () => {
    const created = inv.timeline.find((r) => r.kind === 'created');
    const revoked = inv.timeline.find((r) => r.kind === 'revoked');
    const lifecycle = inv.timeline.find((r) => r.kind === 'lifecycle');
    expect(created).toMatchObject({ kind: 'created', subject_id: 'u-ivan', device_id: 'dev-ivan-xps' });
    expect(lifecycle).toMatchObject({ lifecycle_kind: 'credential_compromised', actor_id: 'u-femi', source: { event_id: 'lc-0013' } });
    expect(revoked).toMatchObject({ actor_id: 'u-femi', trigger_event_id: 'lc-0013', ended_sessions: ['s-ivan-laptop-06'] });
    expect(inv.timeline.map((r) => r.kind).indexOf('revoked')).toBeGreaterThan(inv.timeline.map((r) => r.kind).indexOf('lifecycle'));
    expect(inv.sessions[0]).toMatchObject({ end_reason: 'revoked', revoked_by: 'u-femi' });
  });

  it('lists every later request for the session, each denied, from an address and a client never seen on it', () => {
    const attempts = accesses(inv);
    expect(attempts.map((a) => a.source.line).sort((a, b) => a - b)).toEqual(linesMentioning('activity.csv', 's-ivan-laptop-06'));
    for (const a of attempts) {
      expect(a).toMatchObject({ phase: 'after_end', outcome: 'denied', ip_seen_before_end: false, user_agent_seen_before_end: false });
      expect(a.end?.by).toBe('revoked');
      expect(a.user_agent).toContain('SessionReplay');
    }
    expect(inv.sessions[0]!.denied_after_end).toBe(attempts.length);
    expect(inv.sessions[0]!.allowed_after_end).toBe(0);
  });

  it('links the medium reuse-attempt finding to the revocation and to every attempt', () => {
    const expected = report.findings.find((f) => f.session_id === 's-ivan-laptop-06')!;
    expect(inv.findings.map((f) => [f.id, f.rule, f.severity])).toEqual([[expected.id, 'revoked-session-reuse-attempt', 'medium']]);
    for (const row of [...accesses(inv), inv.timeline.find((r) => r.kind === 'revoked')!]) expect(row.findings).toEqual([expected.id]);
  });

  it('prints the same story in the terminal, within 100 columns', async () => {
    const { stdout, code } = await runCli(['investigate', '--db', db, '--session', 's-ivan-laptop-06']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/ended\s+2026-08-20 09:14:00Z, revoked by u-femi/);
    expect(stdout.match(/^\S+ \S+ {2}DENIED /gm)).toHaveLength(accesses(inv).length);
    expect(stdout).toContain('2001:db8:7f:1::23 (new to this session)');
    expect(stdout).toContain('F1 medium revoked-session-reuse-attempt');
    expect(Math.max(...stdout.split('\n').map((l) => l.length))).toBeLessThanOrEqual(100);
  });
});

describe("investigate --session s-judy-laptop-09: Judy's stale tab after logout", () => {
  it('shows the polls after the logout as denied, from the address and browser seen before, and a low finding', async () => {
    const inv = await investigation('--session', 's-judy-laptop-09');
    const logout = inv.timeline.find((r) => r.kind === 'logout');
    expect(logout).toMatchObject({ ended_session: true });
    const after = accesses(inv).filter((a) => a.phase === 'after_end');
    expect(after.length).toBeGreaterThan(0);
    for (const a of after) {
      expect(a).toMatchObject({ outcome: 'denied', ip_seen_before_end: true, user_agent_seen_before_end: true, end: { by: 'logout' } });
    }
    expect(inv.findings.map((f) => [f.rule, f.severity])).toEqual([['revoked-session-reuse-attempt', 'low']]);
    expect(inv.sessions[0]!.new_ips_after_end).toEqual([]);
  });
});

describe("investigate --session s-victor-phone-03: Victor's phone outlives his offboarding", () => {
  it('marks the uses after the offboarding deadline and links them to the critical finding', async () => {
    const inv = await investigation('--session', 's-victor-phone-03');
    const survived = inv.findings.find((f) => f.rule === 'session-survived-lifecycle-event')!;
    expect(survived.severity).toBe('critical');
    const overdue = accesses(inv).filter((a) => a.overdue !== null);
    expect(overdue.length).toBeGreaterThan(0);
    for (const a of overdue) {
      expect(a.overdue).toMatchObject({ lifecycle_event_id: 'lc-0011', kind: 'offboarded' });
      expect(a.ts > a.overdue!.deadline).toBe(true);
      if (a.outcome === 'allowed') expect(a.findings).toContain(survived.id);
    }
    const event = inv.timeline.find((r) => r.kind === 'lifecycle' && r.source.event_id === 'lc-0011');
    expect(event).toMatchObject({ coverage: { status: 'uncovered' }, required: [{ session_id: 's-victor-phone-03', status: 'uncovered' }] });
  });
});

describe('investigate --session s-grace-web-01: a sign-in after offboarding', () => {
  it('shows the offboarding from before the session began, linked to the login-after-offboarding finding', async () => {
    const inv = await investigation('--session', 's-grace-web-01');
    expect(inv.timeline[0]).toMatchObject({ kind: 'lifecycle', lifecycle_kind: 'offboarded', source: { event_id: 'lc-0018' } });
    const finding = inv.findings.find((f) => f.rule === 'login-after-offboarding')!;
    expect(finding.severity).toBe('critical');
    expect(inv.timeline[0]!.findings).toContain(finding.id);
  });
});

describe('investigate --subject', () => {
  it("covers the subject's sessions and its agent's, with the coverage of its lifecycle events", async () => {
    const inv = await investigation('--subject', 'u-victor');
    expect(inv.subject).toMatchObject({ subject_id: 'u-victor', agents: ['agent-victor-inbox'] });
    const subjects = new Set(inv.sessions.map((s) => s.subject_id));
    expect(subjects).toEqual(new Set(['u-victor', 'agent-victor-inbox']));
    expect(inv.coverage.map((c) => [c.event_id, c.status])).toEqual(
      report.coverage.filter((c) => c.subject_id === 'u-victor').map((c) => [c.event_id, c.status]),
    );
    expect(new Set(inv.findings.map((f) => f.session_id))).toEqual(new Set(['s-victor-phone-03', 's-agent-victor-inbox-04']));
  });
});

describe('investigate --ip', () => {
  it('lists what the replaying address touched, first and last seen, and its reuse cluster as the audit report has it', async () => {
    const inv = await investigation('--ip', '2001:db8:7f:1::23');
    const cluster = report.reuse_clusters.find((c) => c.by === 'ip' && c.value === '2001:db8:7f:1::23')!;
    expect(inv.ip).toMatchObject({ sessions: ['s-ivan-laptop-06'], subjects: ['u-ivan'], first_seen: cluster.first, last_seen: cluster.last });
    expect(inv.ip!.reuse).toEqual(cluster);
    expect(accesses(inv).every((a) => a.ip === '2001:db8:7f:1::23')).toBe(true);
  });
});

describe('findings of an investigation are those of the full audit', () => {
  it('finds, for every session the audit names, exactly the audit findings about that session', async () => {
    const sessions = [...new Set(report.findings.map((f) => f.session_id).filter((s): s is string => s !== null))];
    for (const session of sessions) {
      const inv = await investigation('--session', session);
      const about = (fs: Report['findings']) => fs.filter((f) => f.session_id === session).map((f) => `${f.id} ${f.severity}`).sort();
      expect(about(inv.findings), session).toEqual(about(report.findings));
    }
  });
});
