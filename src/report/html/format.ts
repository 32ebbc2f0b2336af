/**
 * Text forms of numbers, ratios, durations and instants for the HTML and Markdown reports.
 * Written by hand, never with toLocaleString or Intl, so the bytes do not depend on the
 * machine's locale or time zone.
 */

/** 3413 -> "3,413". */
export function int(n: number): string {
  const sign = n < 0 ? '-' : '';
  return sign + String(Math.abs(Math.round(n))).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** 0.8947 -> "89.5%"; null -> "n/a" (no decided event). */
export function percent(ratio: number | null): string {
  if (ratio === null) return 'n/a';
  return `${(Math.round(ratio * 1000) / 10).toFixed(1)}%`;
}

/** Seconds as a short duration: "45s", "4m 06s", "2h 05m", "3d 4h"; negative with a minus sign. */
export function duration(seconds: number | null): string {
  if (seconds === null) return '—';
  const sign = seconds < 0 ? '−' : '';
  const s = Math.round(Math.abs(seconds));
  const pad = (n: number) => String(n).padStart(2, '0');
  if (s < 60) return `${sign}${s}s`;
  if (s < 3600) return `${sign}${Math.floor(s / 60)}m ${pad(s % 60)}s`;
  if (s < 86400) return `${sign}${Math.floor(s / 3600)}h ${pad(Math.floor((s % 3600) / 60))}m`;
  return `${sign}${Math.floor(s / 86400)}d ${Math.floor((s % 86400) / 3600)}h`;
}

/** An RFC 3339 instant as "2026-08-14 17:00:00Z" (easier to read, still exact). */
export function instant(iso: string | null): string {
  if (iso === null) return '—';
  return iso.replace('T', ' ');
}

/** A byte count in decimal units: "912 B", "233.4 kB", "1.52 MB". */
export function bytes(n: number): string {
  if (n < 1000) return `${n} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let v = n / 1000;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${v < 10 ? v.toFixed(2) : v.toFixed(1)} ${units[i]}`;
}

/** "password_reset" -> "password reset". */
export function words(id: string): string {
  return id.replaceAll('_', ' ');
}

/** A whole duration for labels: "90s", "15m", "1h", "1h 30m", "2d". */
export function roundDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s % 86400 === 0 && s > 0) return `${s / 86400}d`;
  if (s % 3600 === 0 && s > 0) return `${s / 3600}h`;
  if (s >= 3600 && s % 60 === 0) return `${Math.floor(s / 3600)}h ${(s % 3600) / 60}m`;
  if (s % 60 === 0 && s > 0) return `${s / 60}m`;
  return `${s}s`;
}
