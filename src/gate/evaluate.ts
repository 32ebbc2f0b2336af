import { severityRank, SEVERITIES } from '../config/policy.ts';
import type { Report } from '../report/schema.ts';
import type { Thresholds } from './thresholds.ts';

type Finding = Report['findings'][number];

/** One threshold checked against a report: what was measured and what fails it. */
export interface ThresholdResult {
  /** As a person would type it: `fail-on high`, `min-coverage offboarded=1`, `max-findings 5`. */
  threshold: string;
  passed: boolean;
  /** What was measured, one line. */
  detail: string;
  /** Ids of the findings that fail this threshold (none when it passed). */
  findings: string[];
  /** Event ids of the coverage rows that fail this threshold (none when it passed). */
  coverage: string[];
}

/** The findings that count against the gate: unwaived, and new against the baseline with --new-only. */
export function countedFindings(report: Report, t: Thresholds): Finding[] {
  return report.findings.filter((f) => !f.waiver && (!t.new_only || f.baseline === 'new'));
}

/**
 * Phase 5, gate: checks each threshold against the report. A coverage ratio of null (no
 * covered, late or uncovered event of that kind) never fails; waived rows and findings
 * never count.
 */
export function evaluate(report: Report, t: Thresholds): ThresholdResult[] {
  const counted = countedFindings(report, t);
  const what = t.new_only ? 'new unwaived finding' : 'unwaived finding';
  const results: ThresholdResult[] = [];

  if (t.fail_on) {
    const failOn = t.fail_on;
    const failing = counted.filter((f) => severityRank(f.severity) >= severityRank(failOn));
    const bySeverity = [...SEVERITIES]
      .reverse()
      .map((s) => [s, failing.filter((f) => f.severity === s).length] as const)
      .filter(([, n]) => n > 0)
      .map(([s, n]) => `${n} ${s}`);
    results.push({
      threshold: `fail-on ${failOn}`,
      passed: failing.length === 0,
      detail: `${plural(failing.length, what)} at or above ${failOn}${bySeverity.length ? ` (${bySeverity.join(', ')})` : ''}`,
      findings: failing.map((f) => f.id),
      coverage: [],
    });
  }

  for (const [kind, min] of Object.entries(t.min_coverage)) {
    const tally = kind === '*' ? report.summary.coverage.overall : report.summary.coverage.by_kind.find((k) => k.kind === kind);
    const ratio = tally?.ratio ?? null;
    const passed = ratio === null || ratio >= min;
    const decided = tally ? tally.covered + tally.late + tally.uncovered : 0;
    const rows = passed
      ? []
      : report.coverage.filter((r) => (kind === '*' || r.kind === kind) && (r.status === 'late' || r.status === 'uncovered'));
    results.push({
      threshold: `min-coverage ${kind === '*' ? '' : `${kind}=`}${min}`,
      passed,
      detail:
        ratio === null || !tally
          ? `${kind === '*' ? 'coverage' : `${kind} coverage`} n/a (no decided lifecycle event)`
          : `${kind === '*' ? 'coverage' : `${kind} coverage`} ${percent(ratio)}: ${tally.covered} of ${decided} decided events covered, ${tally.late} late, ${tally.uncovered} uncovered` +
            (tally.waived ? `, ${tally.waived} waived` : ''),
      findings: [],
      coverage: rows.map((r) => r.event_id),
    });
  }

  if (t.max_findings !== null) {
    const passed = counted.length <= t.max_findings;
    results.push({
      threshold: `max-findings ${t.max_findings}`,
      passed,
      detail: `${plural(counted.length, what)}`,
      findings: passed ? [] : counted.map((f) => f.id),
      coverage: [],
    });
  }
  return results;
}

/** The report's verdict for these thresholds and results. */
export function verdictOf(t: Thresholds, results: readonly ThresholdResult[]): Report['verdict'] {
  return {
    fail_on: t.fail_on,
    passed: results.every((r) => r.passed),
    reasons: results.filter((r) => !r.passed).map((r) => `${r.threshold}: ${r.detail}`),
    min_coverage: t.min_coverage,
    max_findings: t.max_findings,
    new_only: t.new_only,
  };
}

/** A ratio as a percentage with one decimal, as `audit` prints it. */
export function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)}%`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
