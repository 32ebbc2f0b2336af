// Checks an audit's findings against what the generator planted (DIR/planted.json), so a
// benchmark never reports the speed of a run that got the answer wrong.
import { readFileSync } from 'node:fs';

export interface Expected {
  findings: Record<string, number>;
  by_severity: Record<string, number>;
  coverage: { late: number; uncovered: number };
}

export interface Planted {
  events: number;
  expected: Expected;
  expected_with_next_day: Expected;
  next_day: { records: number };
  population: { people: number; agents: number; sessions: number };
}

export const readPlanted = (dir: string): Planted => JSON.parse(readFileSync(`${dir}/planted.json`, 'utf8')) as Planted;

/** Mismatches between counts per rule and what was expected; empty when they agree. */
export function compareCounts(counts: Record<string, number>, expected: Expected): string[] {
  return Object.entries(expected.findings)
    .filter(([rule, n]) => (counts[rule] ?? 0) !== n)
    .map(([rule, n]) => `${rule}: ${counts[rule] ?? 0}, expected ${n}`);
}

interface ReportLike {
  findings: Array<{ rule: string }>;
  summary: { coverage: { overall: { late: number; uncovered: number } } };
}

/** Mismatches between a revaudit report.json and the expectation (findings per rule, coverage). */
export function checkReport(reportPath: string, expected: Expected): string[] {
  const report = JSON.parse(readFileSync(reportPath, 'utf8')) as ReportLike;
  const counts: Record<string, number> = {};
  for (const f of report.findings) counts[f.rule] = (counts[f.rule] ?? 0) + 1;
  const problems = compareCounts(counts, expected);
  const overall = report.summary.coverage.overall;
  if (overall.late !== expected.coverage.late || overall.uncovered !== expected.coverage.uncovered) {
    problems.push(`coverage late/uncovered ${overall.late}/${overall.uncovered}, expected ${expected.coverage.late}/${expected.coverage.uncovered}`);
  }
  return problems;
}
