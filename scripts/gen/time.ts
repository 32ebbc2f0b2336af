// Times in the generator are integer milliseconds since the epoch, written as RFC 3339
// in UTC with whole seconds ('2026-04-01T09:30:00Z'), the form most exports use.

export const SEC = 1000;
export const MIN = 60 * SEC;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;

const TWO = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const dayPrefix = new Map<number, string>();

/** RFC 3339 text of an instant, whole seconds, UTC. Caches the date part per day (hot path). */
export function iso(ms: number): string {
  const day = Math.floor(ms / DAY);
  let prefix = dayPrefix.get(day);
  if (prefix === undefined) {
    prefix = `${new Date(day * DAY).toISOString().slice(0, 10)}T`;
    dayPrefix.set(day, prefix);
  }
  const s = Math.floor((ms - day * DAY) / SEC);
  return `${prefix}${TWO[Math.floor(s / 3600)]}:${TWO[Math.floor(s / 60) % 60]}:${TWO[s % 60]}Z`;
}

/** The month of an instant as 'YYYY-MM', which names the activity file it goes to. */
export function month(ms: number): string {
  const day = Math.floor(ms / DAY);
  let m = monthOfDay.get(day);
  if (m === undefined) monthOfDay.set(day, (m = iso(day * DAY).slice(0, 7)));
  return m;
}
const monthOfDay = new Map<number, string>();
