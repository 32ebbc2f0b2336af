import { RevauditError } from '../errors.ts';

/** A reporting period in UTC: from inclusive, to exclusive, each an ISO instant or null. */
export interface Period {
  from: string | null;
  to: string | null;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const QUARTER = /^(\d{4})-Q([1-4])$/i;

/**
 * `--from`/`--to` as DESIGN.md has them: dates are UTC days, `--to D` ends at D+1 00:00Z
 * (exclusive), a quarter such as `2026-Q3` is its first to last day, and a quarter given
 * alone (on either flag) sets both ends.
 */
export function parsePeriod(from?: string, to?: string): Period {
  const f = from ? bounds(from, '--from') : undefined;
  const t = to ? bounds(to, '--to') : undefined;
  if (f && !t && f.quarter) return { from: f.start, to: f.end };
  if (t && !f && t.quarter) return { from: t.start, to: t.end };
  const period = { from: f?.start ?? null, to: t?.end ?? null };
  if (period.from && period.to && period.from >= period.to) {
    throw new RevauditError('usage.period', `--from ${from} is not before the end of --to ${to}`);
  }
  return period;
}

function bounds(value: string, flag: string): { start: string; end: string; quarter: boolean } {
  const q = QUARTER.exec(value);
  if (q) {
    const year = Number(q[1]);
    const first = (Number(q[2]) - 1) * 3;
    return { start: iso(year, first, 1), end: iso(year, first + 3, 1), quarter: true };
  }
  const d = DAY.exec(value);
  if (d) {
    const [y, m, day] = [Number(d[1]), Number(d[2]) - 1, Number(d[3])];
    const start = new Date(Date.UTC(y, m, day));
    if (start.getUTCMonth() === m && start.getUTCDate() === day) {
      return { start: iso(y, m, day), end: iso(y, m, day + 1), quarter: false };
    }
  }
  throw new RevauditError('usage.period', `${flag} '${value}' is not a date (YYYY-MM-DD) or a quarter (YYYY-Qn)`);
}

function iso(year: number, month: number, day: number): string {
  return new Date(Date.UTC(year, month, day)).toISOString().replace('.000Z', 'Z');
}
