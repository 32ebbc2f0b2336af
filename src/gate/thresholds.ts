import { LIFECYCLE_KINDS, SEVERITIES, type Severity } from '../config/policy.ts';
import { RevauditError } from '../errors.ts';
import type { Report } from '../report/schema.ts';

/** What the gate checks. `min_coverage` keys are '*' (overall) or a lifecycle kind. */
export interface Thresholds {
  fail_on: Severity | null;
  min_coverage: Record<string, number>;
  max_findings: number | null;
  new_only: boolean;
}

/** `--min-coverage 0.99` and `--min-coverage offboarded=1` (repeatable, or a comma list) as a map; '*' is overall. */
export function parseMinCoverage(values: readonly string[] | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const value of (values ?? []).flatMap((v) => v.split(','))) {
    const m = /^(?:([a-z_]+)=)?\s*([0-9.]+)$/.exec(value.trim());
    const ratio = m ? Number(m[2]) : NaN;
    if (!m || !Number.isFinite(ratio) || ratio < 0 || ratio > 1) {
      throw new RevauditError('usage.min_coverage', `--min-coverage '${value}': expected a ratio from 0 to 1 (0.99), or KIND=RATIO (offboarded=1)`);
    }
    const kind = m[1] ?? '*';
    if (kind !== '*' && !(LIFECYCLE_KINDS as readonly string[]).includes(kind)) {
      throw new RevauditError('usage.min_coverage', `--min-coverage '${value}': unknown lifecycle kind '${kind}'; one of ${LIFECYCLE_KINDS.join(', ')}`);
    }
    if (kind in out) {
      throw new RevauditError('usage.min_coverage', `--min-coverage for ${kind === '*' ? 'overall coverage' : kind} is given twice`);
    }
    out[kind] = ratio;
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** `--max-findings N`: a whole number of findings allowed, 0 or more. */
export function parseMaxFindings(value: number | undefined): number | null {
  if (value === undefined) return null;
  if (!Number.isInteger(value) || value < 0) {
    throw new RevauditError('usage.max_findings', `--max-findings '${value}': expected a whole number, 0 or more`);
  }
  return value;
}

/** `--fail-on`: a severity, or `none` to gate on coverage and counts only. */
export function parseFailOn(value: string | undefined, fallback: Severity): Severity | null {
  if (value === undefined) return fallback;
  if (value === 'none') return null;
  if ((SEVERITIES as readonly string[]).includes(value)) return value as Severity;
  throw new RevauditError('usage.fail_on', `--fail-on '${value}': expected none or one of ${SEVERITIES.join(', ')}`);
}

/** The thresholds a report was gated with, read back from its verdict (renderers use this). */
export function thresholdsOf(verdict: Report['verdict']): Thresholds {
  return {
    fail_on: verdict.fail_on,
    min_coverage: verdict.min_coverage ?? {},
    max_findings: verdict.max_findings ?? null,
    new_only: verdict.new_only ?? false,
  };
}
