import type { Report } from '../report/schema.ts';
import { percent, type ThresholdResult } from './evaluate.ts';
import { terminalSafe } from '../investigate/sanitize.ts';

/** How many findings and coverage rows the verdict names before "and N more". */
const WORST = 5;

/**
 * The short text `check` prints: the verdict, each threshold with what was measured, the
 * worst offenders of the failed ones, and the waiver and baseline notes that change what
 * counts. Plain ASCII, so any CI log shows it as it is.
 */
export function verdictText(report: Report, results: readonly ThresholdResult[], written: readonly string[]): string {
  const failed = results.filter((r) => !r.passed);
  const lines: string[] = [];
  const n = results.length;
  const head = failed.length ? `FAILED, ${failed.length} of ${n} threshold${n === 1 ? '' : 's'}` : `passed, ${n} threshold${n === 1 ? '' : 's'}`;
  const cov = report.summary.coverage.overall;
  const decided = cov.covered + cov.late + cov.uncovered;
  const waived = report.findings.filter((f) => f.waiver).length;
  lines.push(
    `revaudit check: ${head} (${report.findings.length} findings, ${waived} waived; coverage ${cov.ratio === null ? 'n/a' : percent(cov.ratio)} of ${decided} decided lifecycle events)`,
  );
  if (results.length === 0) lines.push('  no threshold given: nothing can fail');
  for (const r of results) lines.push(`  ${r.passed ? 'ok  ' : 'FAIL'}  ${r.threshold}: ${r.detail}`);

  const findingIds = new Set(failed.flatMap((r) => r.findings));
  const eventIds = new Set(failed.flatMap((r) => r.coverage));
  const worstFindings = report.findings.filter((f) => findingIds.has(f.id));
  const worstRows = report.coverage
    .filter((c) => eventIds.has(c.event_id))
    .sort((a, b) => (a.status === b.status ? (a.ts < b.ts ? -1 : 1) : a.status === 'uncovered' ? -1 : 1));
  if (worstFindings.length || worstRows.length) lines.push('worst offenders:');
  // Messages and ids come from logs: no escape sequence of theirs reaches the terminal.
  for (const f of worstFindings.slice(0, WORST)) lines.push(`  ${f.severity.padEnd(8)}  ${f.rule}  ${f.id}  ${terminalSafe(f.message)}`);
  if (worstFindings.length > WORST) lines.push(`  ... and ${worstFindings.length - WORST} more finding(s)`);
  for (const c of worstRows.slice(0, WORST)) {
    lines.push(terminalSafe(`  ${c.status.padEnd(9)} ${c.kind} ${c.event_id} of ${c.subject_id} at ${c.ts}: ${c.revoked_in_time} of ${c.required_sessions} required sessions revoked in time`));
  }
  if (worstRows.length > WORST) lines.push(`  ... and ${worstRows.length - WORST} more lifecycle event(s)`);

  lines.push(...waiverLines(report));
  if (report.baseline) {
    const b = report.baseline.counts;
    lines.push(
      `baseline ${report.baseline.file}: ${b.new} new, ${b.open} open, ${b.resolved} resolved, ${b.newly_waived} newly waived, ${b.waiver_expired} waiver expired`,
    );
  }
  lines.push(...written.map((w) => `wrote ${w}`));
  return `${lines.join('\n')}\n`;
}

function waiverLines(report: Report): string[] {
  if (report.waivers.length === 0) return [];
  const by = (s: string) => report.waivers.filter((w) => w.state === s);
  const waivedFindings = report.findings.filter((f) => f.waiver).length;
  const waivedRows = report.coverage.filter((c) => c.status === 'waived').length;
  const lines = [
    `waivers: ${by('active').length} active (${waivedFindings} finding(s) and ${waivedRows} lifecycle event(s) waived), ${by('expired').length} expired, ${by('stale').length} stale`,
  ];
  for (const w of by('expired')) {
    lines.push(`  expired ${w.id} (${w.source_file}:${w.source_line}) on ${w.expires}, owner ${w.owner}: ${w.matches.findings.length} finding(s) count again`);
  }
  for (const w of by('stale')) lines.push(`  stale   ${w.id} (${w.source_file}:${w.source_line}) matches nothing: remove it or fix its selectors`);
  return lines;
}
