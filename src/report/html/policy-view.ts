import type { Report } from '../schema.ts';

/** The parts of the effective policy the HTML report reads, typed (the JSON keeps it open). */
export interface PolicyView {
  sla_seconds: number;
  skew_seconds: number;
  kinds: { kind: string; sla_seconds: number; skew_seconds: number; requires_revocation: boolean }[];
}

const num = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);

/** Reads report.policy defensively: a report from another version may lack a field. */
export function policyView(report: Report): PolicyView {
  const p = report.policy;
  const sla = num(p['sla_seconds'], 900);
  const skew = num(p['skew_seconds'], 120);
  const kinds = (p['kinds'] && typeof p['kinds'] === 'object' ? p['kinds'] : {}) as Record<string, Record<string, unknown>>;
  return {
    sla_seconds: sla,
    skew_seconds: skew,
    kinds: Object.keys(kinds)
      .sort()
      .map((kind) => ({
        kind,
        sla_seconds: num(kinds[kind]?.['sla_seconds'], sla),
        skew_seconds: num(kinds[kind]?.['skew_seconds'], skew),
        requires_revocation: kinds[kind]?.['requires_revocation'] !== false,
      })),
  };
}
