// The benchmark's console table: one block per size and format, then the ratios.
import type { Step } from './steps.ts';

const num = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e3 ? `${(n / 1e3).toFixed(0)}k` : n.toFixed(0));
const mb = (n: number | null) => (n === null ? '?' : n >= 1024 ? `${(n / 1024).toFixed(2)} GiB` : `${n.toFixed(0)} MiB`);

/** One table row: label, wall s, events/s, MB/s, peak RSS, and a note. */
export function row(label: string, s: Step | undefined, note = ''): string {
  if (!s) return '';
  return `  ${label.padEnd(40)} ${s.wall_s.toFixed(2).padStart(8)} ${num(s.events_per_s).padStart(9)} ${s.mb_per_s.toFixed(0).padStart(6)} ${mb(s.peak_rss_mb).padStart(10)}  ${note}\n`;
}

export function header(title: string): string {
  return `\n${title}\n  ${''.padEnd(40)} ${'wall s'.padStart(8)} ${'events/s'.padStart(9)} ${'MB/s'.padStart(6)} ${'peak RSS'.padStart(10)}\n`;
}

/** A ratio with its target, e.g. "b/a = 1.8 (target <= 2: met)". */
export function ratio(name: string, value: number | null, target: string, met: boolean | null): string {
  if (value === null) return '';
  return `  ${name} = ${value.toFixed(2)} (target ${target}: ${met ? 'met' : 'missed'})\n`;
}

export const planted = (p: 'ok' | string[]) => (p === 'ok' ? 'findings = planted' : `FINDINGS DIFFER: ${p.join('; ')}`);
