// planted.json: what was generated and what an audit must find in it. Every planted
// violation yields exactly one finding of its rule, and background data yields none, so the
// expected counts are exact: for DIR/data alone, and for DIR/data plus DIR/next-day.
import { relative } from 'node:path';
import type { GenerateOptions, GenerateResult } from './generate.ts';
import { SKEW, SLA } from './schedule.ts';
import { iso } from './time.ts';
import { PLANT_KINDS, PLANTS, type PlantKind } from './world.ts';

export const RULES = [
  'session-survived-lifecycle-event', 'agent-outlived-owner', 'revoked-session-accepted',
  'revoked-session-reuse-attempt', 'login-after-offboarding', 'revocation-audit-incomplete',
  'session-inventory-incomplete',
] as const;

interface Expected {
  findings: Record<string, number>;
  by_severity: Record<string, number>;
  coverage: { late: number; uncovered: number };
}

function expectedFor(counts: Record<PlantKind, number>, withNextDay: boolean): Expected {
  const findings = Object.fromEntries(RULES.map((r) => [r, 0]));
  const bySeverity: Record<string, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  const coverage = { late: 0, uncovered: 0 };
  for (const kind of PLANT_KINDS) {
    const p = PLANTS[kind];
    if (p.nextDay && !withNextDay) continue;
    const n = counts[kind];
    findings[p.rule]! += n;
    bySeverity[p.severity]! += n;
    if (p.coverage) coverage[p.coverage] += n;
  }
  return { findings, by_severity: bySeverity, coverage };
}

/** The content of planted.json for a finished generation. */
export function expectations(result: GenerateResult, options: GenerateOptions) {
  const { world: w } = result;
  const files = (list: Array<{ path: string; lines: number }>) => list.map((f) => ({ path: relative(options.out, f.path), records: f.lines }));
  return {
    generator: 'revaudit scripts/gen.ts',
    seed: w.seed,
    events: w.events,
    format: options.format ?? 'jsonl',
    gzip: (options.gzip ?? false) && options.format !== 'parquet',
    policy: { sla_seconds: SLA / 1000, skew_seconds: SKEW / 1000 },
    period: { from: iso(w.start), to: iso(w.mainEnd), days: w.days },
    next_day: { from: iso(w.mainEnd), to: iso(w.nextEnd), records: Object.values(result.counts.nextDay).reduce((a, b) => a + b, 0) },
    population: { people: w.people, agents: result.agents, sessions: result.sessions },
    records: { data: result.counts.data, next_day: result.counts.nextDay },
    files: { data: files(result.files.data), next_day: files(result.files.nextDay) },
    planted: Object.fromEntries(
      PLANT_KINDS.map((k) => [k, { count: w.plantCounts[k], rate: w.plantCounts[k] / w.people, rule: PLANTS[k].rule, severity: PLANTS[k].severity, in_next_day: PLANTS[k].nextDay }]),
    ),
    expected: expectedFor(w.plantCounts, false),
    expected_with_next_day: expectedFor(w.plantCounts, true),
  };
}
