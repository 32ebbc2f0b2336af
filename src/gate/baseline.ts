import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { SEVERITIES } from '../config/policy.ts';
import { readDocument } from '../config/read-document.ts';
import type { BaselineSummarySchema, ResolvedFindingSchema } from '../report/schema.ts';
import type { Finding } from '../rules/run.ts';

export type BaselineSummary = z.infer<typeof BaselineSummarySchema>;
type ResolvedFinding = z.infer<typeof ResolvedFindingSchema>;

/**
 * What revaudit needs of an earlier report.json to compare against: its findings' stable ids
 * and whether each was waived. Loose on everything else, so a report written by another
 * version of revaudit still serves as a baseline.
 */
const Tally = z.looseObject({
  kind: z.string(),
  ratio: z.number().nullable(),
  events: z.number(),
  covered: z.number(),
  late: z.number(),
  uncovered: z.number(),
});
const BaselineReportSchema = z.looseObject({
  run: z
    .looseObject({
      id: z.string().optional(),
      generated_at: z.string().optional(),
      period: z.looseObject({ from: z.string().nullable(), to: z.string().nullable() }).optional(),
    })
    .optional(),
  summary: z
    .looseObject({
      coverage: z.looseObject({ overall: Tally, by_kind: z.array(Tally) }).optional(),
      time_to_revoke: z
        .array(
          z.looseObject({
            kind: z.string(),
            revoked_sessions: z.number(),
            p50_seconds: z.number().nullable(),
            p95_seconds: z.number().nullable(),
            max_seconds: z.number().nullable(),
          }),
        )
        .optional(),
    })
    .optional(),
  findings: z.array(
    z.looseObject({
      id: z.string(),
      rule: z.string(),
      severity: z.enum(SEVERITIES),
      subject_id: z.string().nullable(),
      session_id: z.string().nullable(),
      lifecycle_event_id: z.string().nullable(),
      waiver: z.string().nullable().optional(),
    }),
  ),
});

export interface Baseline {
  file: string;
  report: z.infer<typeof BaselineReportSchema>;
}

/** Reads a baseline report (`--baseline`); a file that is not one is a RevauditError naming its line. */
export function loadBaseline(path: string): Baseline {
  // JSON.parse is much faster than the YAML reader on a large report; the reader runs only
  // to say where a broken file is broken.
  try {
    const parsed = BaselineReportSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    if (parsed.success) return { file: path, report: parsed.data };
  } catch {
    // fall through to the reader, which names the file and line
  }
  return { file: path, report: readDocument(path, BaselineReportSchema, 'baseline') };
}

/**
 * Classifies each finding by its stable id against the baseline: `new` (not in it), `open`
 * (in it, waived then as now, or unwaived then as now), `newly_waived` (unwaived then, waived
 * now) and `waiver_expired` (waived then, no waiver applies now: expired or withdrawn).
 * Baseline findings this run no longer has are `resolved`, listed in the summary.
 */
export function compareBaseline(findings: readonly Finding[], baseline: Baseline): { findings: Finding[]; summary: BaselineSummary } {
  const before = new Map(baseline.report.findings.map((f) => [f.id, f]));
  const classified = findings.map((f): Finding => {
    const old = before.get(f.id);
    const wasWaived = Boolean(old?.waiver);
    const isWaived = Boolean(f.waiver);
    const baselineClass = !old ? 'new' : wasWaived === isWaived ? 'open' : isWaived ? 'newly_waived' : 'waiver_expired';
    return { ...f, baseline: baselineClass };
  });
  const now = new Set(findings.map((f) => f.id));
  const resolved = baseline.report.findings.filter((f) => !now.has(f.id)).map(resolvedFinding);
  const count = (c: NonNullable<Finding['baseline']>) => classified.filter((f) => f.baseline === c).length;
  return {
    findings: classified,
    summary: {
      file: baseline.file,
      report_id: baseline.report.run?.id ?? null,
      generated_at: baseline.report.run?.generated_at ?? null,
      counts: {
        new: count('new'),
        open: count('open'),
        newly_waived: count('newly_waived'),
        waiver_expired: count('waiver_expired'),
        resolved: resolved.length,
      },
      resolved,
    },
  };
}

/** What a report keeps of a finding that is no longer found: its id and what it was about. */
export function resolvedFinding(f: Pick<Finding, 'id' | 'rule' | 'severity' | 'subject_id' | 'session_id' | 'lifecycle_event_id'>): ResolvedFinding {
  return { id: f.id, rule: f.rule, severity: f.severity, subject_id: f.subject_id, session_id: f.session_id, lifecycle_event_id: f.lifecycle_event_id };
}
