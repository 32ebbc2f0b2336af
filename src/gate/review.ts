import type { CoverageRow } from '../rules/coverage.ts';
import type { Finding } from '../rules/run.ts';
import { applyWaivers, type WaivedCoverageRow, type WaiverEntry } from './apply-waivers.ts';
import { compareBaseline, type Baseline, type BaselineSummary } from './baseline.ts';
import type { Waiver } from './waivers.ts';

export interface Reviewed {
  findings: Finding[];
  coverage: WaivedCoverageRow[];
  waivers: WaiverEntry[];
  baseline: BaselineSummary | undefined;
}

/**
 * Between rules and report: marks what the waivers cover (those not expired on `today`,
 * YYYY-MM-DD in UTC) and classifies findings against a baseline report. Without waivers or
 * baseline the rules' results pass through unchanged.
 */
export function review(
  findings: Finding[],
  coverage: CoverageRow[],
  options: { waivers: readonly Waiver[]; baseline: Baseline | undefined; today: string },
): Reviewed {
  const waived = applyWaivers(findings, coverage, options.waivers, options.today);
  const compared = options.baseline ? compareBaseline(waived.findings, options.baseline) : undefined;
  return {
    findings: compared?.findings ?? waived.findings,
    coverage: waived.coverage,
    waivers: waived.entries,
    baseline: compared?.summary,
  };
}
