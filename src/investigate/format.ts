import type { TimelineRow } from './schema.ts';

/** "2026-08-20T09:39:00Z" -> "2026-08-20 09:39:00Z" (fractions kept). */
export function when(iso: string | null): string {
  return iso === null ? '—' : iso.replace('T', ' ');
}

/** Seconds as the largest two units: "45s", "25m", "19h 04m", "3d 2h". */
export function duration(seconds: number): string {
  const s = Math.round(Math.abs(seconds));
  const sign = seconds < 0 ? '-' : '';
  const pad = (n: number) => String(n).padStart(2, '0');
  if (s < 60) return `${sign}${s}s`;
  if (s < 3600) return `${sign}${Math.floor(s / 60)}m${s % 60 ? ` ${pad(s % 60)}s` : ''}`;
  if (s < 86400) return `${sign}${Math.floor(s / 3600)}h ${pad(Math.floor((s % 3600) / 60))}m`;
  return `${sign}${Math.floor(s / 86400)}d ${Math.floor((s % 86400) / 3600)}h`;
}

/** The word for an end: "revocation", "logout", "expiry". */
export function endWord(by: 'revoked' | 'logout' | 'expired'): string {
  return by === 'revoked' ? 'revocation' : by === 'logout' ? 'logout' : 'expiry';
}

/** The short label of a row, shared by the terminal and HTML views so they name rows alike. */
export function rowLabel(row: TimelineRow): string {
  switch (row.kind) {
    case 'created':
      return 'created';
    case 'access':
      if (row.phase === 'live' && row.overdue && row.outcome === 'allowed') return 'USED';
      if (row.phase === 'live' || row.phase === 'after_end_within_skew') return row.outcome === 'allowed' ? 'used' : 'denied';
      return row.outcome === 'allowed' ? 'ACCEPTED' : 'DENIED';
    case 'revoked':
      return 'REVOKED';
    case 'logout':
      return 'logout';
    case 'expired':
      return row.derived ? 'expires' : 'expired';
    case 'lifecycle':
      return 'LIFECYCLE';
  }
}
