import type { DuckDBConnection } from '@duckdb/node-api';
import { rows, sqlFile } from '../db/duck.ts';
import type { Period } from '../config/period.ts';
import type { SourceWindow } from './schema.ts';

/**
 * A silent day is a gap when its stream has a median of at least this many records on that
 * weekday (over the days it was active): a Poisson count with mean 5 is zero less than 1% of
 * the time, so the silence is more likely lost data than a quiet day. Weekday by weekday, so
 * a source that is quiet at weekends is not flagged every Saturday; the median, so one burst
 * (every session revoked in a migration) does not make a sparse source look daily.
 */
export const GAP_MIN_MEDIAN = 5;

/**
 * The streams whose silence can mean lost data. Session ends are left out: expiries fall at
 * creation + lifetime and logouts follow use, so their days inherit the bursts of the
 * sessions (every laptop signed in on one Wednesday expires on the same later Wednesdays),
 * and a day without them says nothing the sessions and accesses do not.
 */
const CHECKED = new Set<SourceWindow['table']>(['sessions', 'access_events', 'lifecycle_events', 'revocations']);

const DAY_MS = 86_400_000;

interface DayRow {
  source: string;
  table: SourceWindow['table'];
  day: string;
  records: number;
  first: string;
  last: string;
}

/**
 * Per source (adapter) and canonical table: the window of data actually loaded, how much of
 * it falls in the period, and the days in the period (or the window, with no period) on which
 * a source that otherwise has records daily had none.
 */
export async function sourceWindows(con: DuckDBConnection, period: Period): Promise<SourceWindow[]> {
  const days = await rows<DayRow>(con, sqlFile('src/report/data-days.sql'));
  const streams = new Map<string, DayRow[]>();
  for (const d of days) {
    const key = `${d.source}\u0000${d.table}`;
    const list = streams.get(key);
    if (list) list.push(d);
    else streams.set(key, [d]);
  }
  return [...streams.values()].map((list) => window(list, period));
}

function window(list: DayRow[], period: Period): SourceWindow {
  const { source, table } = list[0]!;
  const count = new Map(list.map((d) => [d.day, d.records]));
  const firstDay = list[0]!.day;
  const lastDay = list[list.length - 1]!.day;
  const from = period.from ? period.from.slice(0, 10) : firstDay;
  const to = period.to ? dayOf(Date.parse(period.to) - DAY_MS) : lastDay;
  const inPeriod = list.filter((d) => d.day >= from && d.day <= to).reduce((n, d) => n + d.records, 0);
  const range = daysBetween(from, to);
  const active = daysBetween(from > firstDay ? from : firstDay, to < lastDay ? to : lastDay);

  // Records per day of each weekday over the days the stream was active within the range.
  const perWeekday: number[][] = [[], [], [], [], [], [], []];
  for (const day of active) perWeekday[weekday(day)]!.push(count.get(day) ?? 0);
  const daily = perWeekday.map((counts) => counts.length > 0 && median(counts) >= GAP_MIN_MEDIAN);
  // One silent day at either edge of the stream's window is not a gap: the first or last day
  // of an export is often partial.
  const edge = (day: string) => day === dayOf(Date.parse(firstDay) - DAY_MS) || day === dayOf(Date.parse(lastDay) + DAY_MS);
  const silent = CHECKED.has(table) ? range.filter((day) => !count.has(day) && daily[weekday(day)] && !edge(day)) : [];

  return {
    source,
    table,
    records: list.reduce((total, d) => total + d.records, 0),
    first: list.reduce((m, d) => (d.first < m ? d.first : m), list[0]!.first),
    last: list.reduce((m, d) => (d.last > m ? d.last : m), list[0]!.last),
    in_period: inPeriod,
    days_checked: range.length,
    days_with_records: range.filter((day) => count.has(day)).length,
    gaps: runs(silent),
  };
}

/** Consecutive days merged into runs. */
function runs(days: string[]): SourceWindow['gaps'] {
  const out: SourceWindow['gaps'] = [];
  for (const day of days) {
    const last = out[out.length - 1];
    if (last && Date.parse(day) - Date.parse(last.to) === DAY_MS) {
      last.to = day;
      last.days += 1;
    } else out.push({ from: day, to: day, days: 1 });
  }
  return out;
}

function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(from); t <= Date.parse(to); t += DAY_MS) out.push(dayOf(t));
  return out;
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const weekday = (day: string): number => new Date(Date.parse(day)).getUTCDay();
