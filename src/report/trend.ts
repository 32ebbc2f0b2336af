import type { DuckDBConnection } from '@duckdb/node-api';
import { SEVERITIES, type Severity } from '../config/policy.ts';
import type { Period } from '../config/period.ts';
import { exec, rows, sqlFile } from '../db/duck.ts';
import type { TimeToRevoke } from '../rules/coverage.ts';
import { resolvedFinding, type Baseline } from '../gate/baseline.ts';
import type { Report, Trend } from './schema.ts';

/** What a period contributes to a trend: its coverage tallies, time to revoke and findings. */
export interface PeriodFigures {
  period: Period;
  reportId: string | null;
  file: string | null;
  source: Trend['previous']['source'];
  /** The earliest record of the period in the data (database source only). */
  firstRecord: string | null;
  coverage: { overall: Tally; by_kind: Tally[] } | undefined;
  timeToRevoke: TimeToRevoke[];
  findings: Array<{
    id: string;
    rule: string;
    severity: Severity;
    subject_id: string | null;
    session_id: string | null;
    lifecycle_event_id: string | null;
  }>;
}

interface Tally {
  kind: string;
  ratio: number | null;
  events: number;
  covered: number;
  late: number;
  uncovered: number;
}

/**
 * The period before a period: when it runs from the first of a month to the first of a later
 * month (a month, a quarter, a year), the same number of calendar months before; else the
 * same length immediately before. Null when the period is open at either end.
 */
export function previousPeriod(period: Period): Period | null {
  if (!period.from || !period.to) return null;
  const from = new Date(period.from);
  const to = new Date(period.to);
  const monthStart = (d: Date) => d.getTime() === Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  if (monthStart(from) && monthStart(to)) {
    const months = (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + to.getUTCMonth() - from.getUTCMonth();
    return { from: iso(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() - months, 1)), to: period.from };
  }
  return { from: iso(2 * from.getTime() - to.getTime()), to: period.from };
}

/** The earliest loaded record in the period, or null when none falls in it. */
export async function firstRecordIn(con: DuckDBConnection, period: Period): Promise<string | null> {
  const [row] = await rows<{ first: string | null }>(con, sqlFile('src/report/first-record-in.sql'), { from: period.from, to: period.to });
  return row?.first ?? null;
}

/** Points the model at another reporting period (the policy row the rules and views read). */
export async function setPeriod(con: DuckDBConnection, period: Period): Promise<void> {
  await exec(con, sqlFile('src/model/set-period.sql'), { from: period.from, to: period.to });
}

/**
 * Of the given sessions, those that a lifecycle event required to end and that are still
 * live when the inputs end (not revoked, logged out or expired by then).
 */
export async function stillLive(con: DuckDBConnection, sessionIds: readonly string[]): Promise<Set<string>> {
  if (sessionIds.length === 0) return new Set();
  const live = await rows<{ session_id: string }>(con, sqlFile('src/report/still-live.sql'), { ids: JSON.stringify([...new Set(sessionIds)]) });
  return new Set(live.map((r) => r.session_id));
}

/** The figures of this run's own period, from its report. */
export function currentFigures(report: Pick<Report, 'run' | 'summary' | 'findings'>): PeriodFigures {
  return {
    period: report.run.period,
    reportId: report.run.id,
    file: null,
    source: 'report',
    firstRecord: null,
    coverage: report.summary.coverage,
    timeToRevoke: report.summary.time_to_revoke,
    findings: report.findings,
  };
}

/**
 * This period against the previous one: coverage and time to revoke per lifecycle kind,
 * findings per severity, and which findings opened (new ids) and resolved (ids not found
 * again; `live` names the sessions of resolved findings that are still live).
 */
export function buildTrend(previous: PeriodFigures, current: PeriodFigures, live: ReadonlySet<string>): Trend {
  const tallies = (f: PeriodFigures) =>
    new Map(f.coverage ? [f.coverage.overall, ...f.coverage.by_kind].map((t) => [t.kind, t]) : []);
  const [pc, cc] = [tallies(previous), tallies(current)];
  const lite = (t: Tally | undefined) =>
    t ? { ratio: t.ratio, events: t.events, decided: t.covered + t.late + t.uncovered, covered: t.covered } : null;
  const ttr = (f: PeriodFigures) => new Map(f.timeToRevoke.map((t) => [t.kind, t]));
  const [pt, ct] = [ttr(previous), ttr(current)];
  const ttrLite = (t: TimeToRevoke | undefined) =>
    t ? { revoked_sessions: t.revoked_sessions, p50_seconds: t.p50_seconds, p95_seconds: t.p95_seconds, max_seconds: t.max_seconds } : null;

  const before = new Set(previous.findings.map((f) => f.id));
  const now = new Set(current.findings.map((f) => f.id));
  const resolved = previous.findings
    .filter((f) => !now.has(f.id))
    .map((f) => ({ ...resolvedFinding(f), still_live: f.session_id !== null && live.has(f.session_id) }));
  const opened = current.findings.filter((f) => !before.has(f.id)).map((f) => f.id);
  return {
    previous: { source: previous.source, file: previous.file, report_id: previous.reportId, period: previous.period, first_record: previous.firstRecord },
    coverage: kindsOf(pc, cc).map((kind) => ({ kind, previous: lite(pc.get(kind)), current: lite(cc.get(kind)) })),
    time_to_revoke: kindsOf(pt, ct).map((kind) => ({ kind, previous: ttrLite(pt.get(kind)), current: ttrLite(ct.get(kind)) })),
    findings: {
      previous: severityCounts(previous.findings),
      current: severityCounts(current.findings),
      opened: opened.length,
      recurring: current.findings.length - opened.length,
      resolved: resolved.length,
      still_live: resolved.filter((r) => r.still_live).length,
      opened_ids: opened,
      resolved_list: resolved,
    },
  };
}

/** '*' first, then the kinds of either period in order. */
function kindsOf(a: Map<string, unknown>, b: Map<string, unknown>): string[] {
  const kinds = [...new Set([...a.keys(), ...b.keys()])].filter((k) => k !== '*').sort();
  return a.has('*') || b.has('*') ? ['*', ...kinds] : kinds;
}

function severityCounts(findings: ReadonlyArray<{ severity: Severity }>): Trend['findings']['current'] {
  const by = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) by[f.severity] += 1;
  return { total: findings.length, by_severity: by };
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** The previous period's figures from an earlier report (`--previous report.json`). */
export function previousFromReport(baseline: Baseline): PeriodFigures {
  const r = baseline.report;
  return {
    period: { from: r.run?.period?.from ?? null, to: r.run?.period?.to ?? null },
    reportId: r.run?.id ?? null,
    file: baseline.file,
    source: 'report',
    firstRecord: null,
    coverage: r.summary?.coverage,
    timeToRevoke: r.summary?.time_to_revoke ?? [],
    findings: r.findings,
  };
}
