import * as aq from 'arquero';
import { op } from 'arquero';
import { compareFindings, type Finding as RunFinding } from '../../rules/run.ts';
import type { Report } from '../schema.ts';
import { policyView } from './policy-view.ts';

/**
 * The report's summary tables and chart data, shaped with arquero from the small aggregated
 * results already in the JSON report (never from raw events). Every result is sorted, so the
 * HTML built from it is byte-stable.
 */

type Finding = Report['findings'][number];

export const COVERAGE_STATUSES = ['covered', 'late', 'uncovered', 'pending', 'no_sessions', 'waived'] as const;

export interface KindRow {
  kind: string;
  ratio: number | null;
  events: number;
  covered: number;
  late: number;
  uncovered: number;
  pending: number;
  no_sessions: number;
  waived: number;
  sla_seconds: number | null;
  revoked_sessions: number | null;
  p50_seconds: number | null;
  p95_seconds: number | null;
  max_seconds: number | null;
}

/** Coverage per lifecycle kind joined with its SLA and its time-to-revoke percentiles. */
export function coverageByKind(report: Report): KindRow[] {
  const sla = aq.from(policyView(report).kinds).select('kind', 'sla_seconds');
  const ttr = aq.from(report.summary.time_to_revoke).filter((d: { kind: string }) => d.kind !== '*');
  if (report.summary.coverage.by_kind.length === 0) return [];
  return aq
    .from(report.summary.coverage.by_kind)
    .join_left(sla, 'kind')
    .join_left(ttr, 'kind')
    .orderby('kind')
    .objects()
    // A left join leaves missing values undefined; the report speaks in nulls.
    .map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === undefined ? null : v]))) as KindRow[];
}

/** Events per (kind, coverage status), long form for the stacked coverage chart. */
export function coverageLong(report: Report): { kind: string; status: string; events: number }[] {
  if (report.summary.coverage.by_kind.length === 0) return [];
  return aq
    .from(report.summary.coverage.by_kind)
    .select('kind', ...COVERAGE_STATUSES)
    .fold([...COVERAGE_STATUSES], { as: ['status', 'events'] })
    .filter((d: { events: number }) => d.events > 0)
    .orderby('kind', 'status')
    .objects() as { kind: string; status: string; events: number }[];
}

export interface Stacked {
  /** The stack's baseline and top: bars with x/x2 ranges are stacked here, not by Vega-Lite. */
  y0: number;
  y1: number;
}

/**
 * Stacks column `n` within each `key` in the order of `order`: a rolling sum over the rows
 * so far (arquero's default rolling frame is [-Infinity, 0]).
 */
function stack(t: aq.ColumnTable, key: string, order: string): aq.ColumnTable {
  return t
    .groupby(key)
    .orderby(order)
    .derive({ y1: aq.rolling((d: { n: number }) => op.sum(d.n)) })
    .derive({ y0: (d: { y1: number; n: number }) => d.y1 - d.n })
    .ungroup()
    .unorder();
}

export type WeekRow = { start: string; end: string; severity: string; findings: number } & Stacked;

/** Findings per week (weeks start on Monday, UTC) and severity, stacked worst at the bottom. */
export function findingsPerWeek(report: Report): WeekRow[] {
  if (report.findings.length === 0) return [];
  const weekly = aq
    .from(report.findings.map((f) => ({ observed_at: f.observed_at, severity: f.severity })))
    .derive({ day: (d: { observed_at: string }) => op.floor(op.timestamp(d.observed_at as unknown as number) / 864e5) })
    // 1970-01-01 was a Thursday: (day + 3) % 7 counts the days since Monday.
    .derive({ week_ms: (d: { day: number }) => (d.day - ((d.day + 3) % 7)) * 864e5 })
    .groupby('week_ms', 'severity')
    .rollup({ n: op.count() })
    .derive({
      start: (d: { week_ms: number }) => op.format_utcdate(d.week_ms),
      end: (d: { week_ms: number }) => op.format_utcdate(d.week_ms + 7 * 864e5),
      rank: (d: { severity: string }) => op.indexof(['critical', 'high', 'medium', 'low', 'info'], d.severity),
    });
  return stack(weekly, 'week_ms', 'rank')
    .orderby('week_ms', 'rank')
    .select({ start: 'start', end: 'end', severity: 'severity', n: 'findings', y0: 'y0', y1: 'y1' })
    .objects() as WeekRow[];
}

export type TtrClass = 'within SLA' | 'after SLA' | 'never revoked';
export type TtrRow = { from: number | null; to: number | null; class: TtrClass; sessions: number } & Stacked;

/** Time-to-revoke bins summed over kinds, each classed against its kind's SLA (an SLA is always an edge). */
export function timeToRevokeBins(report: Report): TtrRow[] {
  const bins = report.summary.time_to_revoke_bins;
  if (bins.length === 0) return [];
  const sla = aq.from(policyView(report).kinds).select('kind', 'sla_seconds');
  const classed = aq
    .from(bins)
    .join_left(sla, 'kind')
    .derive({
      class: (d: { revoked: boolean; to_seconds: number | null; sla_seconds: number }) =>
        !d.revoked ? 'never revoked' : d.to_seconds !== null && d.to_seconds <= d.sla_seconds ? 'within SLA' : 'after SLA',
    })
    .groupby('revoked', 'from_seconds', 'to_seconds', 'class')
    .rollup({ n: op.sum('sessions') })
    .derive({ rank: (d: { class: string }) => op.indexof(['within SLA', 'after SLA', 'never revoked'], d.class) });
  return stack(classed, 'from_seconds', 'rank')
    .orderby(aq.desc('revoked'), 'from_seconds', 'rank')
    .select({ from_seconds: 'from', to_seconds: 'to', class: 'class', n: 'sessions', y0: 'y0', y1: 'y1' })
    .objects() as TtrRow[];
}

export type AttemptRow = { day: string; outcome: 'accepted' | 'denied'; attempts: number } & Stacked;

/** Attempts on ended sessions per day: denied at the bottom, accepted on top. */
export function attemptsPerDay(report: Report): AttemptRow[] {
  const days = report.summary.reuse_attempts_by_day;
  if (days.length === 0) return [];
  const named = aq
    .from(days)
    .rename({ attempts: 'n' })
    .derive({
      outcome: (d: { outcome: string }) => (d.outcome === 'allowed' ? 'accepted' : 'denied'),
      rank: (d: { outcome: string }) => (d.outcome === 'allowed' ? 1 : 0),
    });
  return stack(named, 'day', 'rank')
    .orderby('day', 'rank')
    .select({ day: 'day', outcome: 'outcome', n: 'attempts', y0: 'y0', y1: 'y1' })
    .objects() as AttemptRow[];
}

/** Findings worst first, in the runner's own order (severity, then time observed, rule and id). */
export function findingsWorstFirst(findings: readonly Finding[]): Finding[] {
  // compareFindings reads only severity, observed_at, rule and id.
  return [...findings].sort((a, b) => compareFindings(a as RunFinding, b as RunFinding));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The first and last instant the inputs cover (manifest first_ts/last_ts), or the period when set. */
export function timeSpan(report: Report): { from: string; to: string } | null {
  const firsts = report.inputs.map((i) => i.first_ts).filter((t): t is string => t !== null).sort();
  const lasts = report.inputs.map((i) => i.last_ts).filter((t): t is string => t !== null).sort();
  const from = report.run.period.from ?? firsts[0];
  const to = report.run.period.to ?? report.run.inputs_end ?? lasts[lasts.length - 1];
  return from && to ? { from, to } : null;
}


/** A period as its first and last day: `--to` is inclusive for people, exclusive in the report. */
export function dateRange(from: string | null, to: string | null): string {
  const last = to ? new Date(Date.parse(to) - 1).toISOString().slice(0, 10) : null;
  if (from && last) return `${from.slice(0, 10)} to ${last}`;
  if (from) return `${from.slice(0, 10)} onwards`;
  return last ? `everything up to ${last}` : 'all the data';
}

/** A run of silent days: "2026-05-12" or "2026-05-12 to 2026-05-14 (3 days)". */
export function gapText(gap: { from: string; to: string; days: number }): string {
  return gap.days === 1 ? gap.from : `${gap.from} to ${gap.to} (${gap.days} days)`;
}

/** The day the data of the previous period starts, when it starts after that period does (a partial period). */
export function partialPrevious(trend: NonNullable<Report['trend']>): string | null {
  const { first_record: first, period } = trend.previous;
  if (!first || !period.from) return null;
  return first.slice(0, 10) > period.from.slice(0, 10) ? first.slice(0, 10) : null;
}
