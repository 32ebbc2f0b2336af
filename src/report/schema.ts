import { z } from 'zod';
import { SEVERITIES } from '../config/policy.ts';
import { ControlMatrixSchema } from './control-matrix.ts';

/**
 * The JSON report: the contract every other output renders (DESIGN.md "Reports").
 * `reports/report.schema.json` is generated from this schema (npm run schema) and a test
 * fails when the two drift. Bump SCHEMA_VERSION by semver whenever this changes.
 */
export const SCHEMA_VERSION = '1.1.0';

const Severity = z.enum(SEVERITIES);
const Instant = z.string().describe('RFC 3339 instant in UTC');
const Count = z.number().int().nonnegative();

export const EvidenceSchema = z.strictObject({
  table: z.string(),
  event_id: z.string(),
  source_file: z.string(),
  source_line: z.number().int(),
});

export const FindingSchema = z.strictObject({
  id: z.string().describe('stable across runs: a hash of rule, subject, session and lifecycle event'),
  rule: z.string(),
  severity: Severity,
  subject_id: z.string().nullable(),
  session_id: z.string().nullable(),
  lifecycle_event_id: z.string().nullable(),
  observed_at: Instant,
  message: z.string(),
  evidence: z.array(EvidenceSchema),
  details: z.record(z.string(), z.unknown()),
  waiver: z.string().nullable().optional().describe('id of the waiver that covers this finding'),
  baseline: z.enum(['new', 'open', 'newly_waived', 'waiver_expired']).optional(),
});

export const CoverageStatusSchema = z.enum(['covered', 'late', 'uncovered', 'no_sessions', 'pending', 'waived']);

export const CoverageRowSchema = z.strictObject({
  event_id: z.string(),
  kind: z.string(),
  subject_id: z.string(),
  ts: Instant,
  status: CoverageStatusSchema,
  required_sessions: Count,
  revoked_in_time: Count,
  max_seconds_to_revoke: z.number().nullable().describe('max R - T over the required sessions; null when one was never revoked'),
  source_file: z.string(),
  source_line: z.number().int(),
  waiver: z.string().nullable().optional().describe('ids of the waivers that cover every late or uncovered session of this event'),
  waived_status: z.enum(['late', 'uncovered']).optional().describe('the status a waived row had before its waiver'),
});

const CoverageTally = z.strictObject({
  kind: z.string().describe("a lifecycle kind, or '*' for all"),
  ratio: z.number().min(0).max(1).nullable().describe('covered / (covered + late + uncovered); null when none'),
  events: Count,
  covered: Count,
  late: Count,
  uncovered: Count,
  no_sessions: Count,
  pending: Count,
  waived: Count,
});

const TimeToRevoke = z.strictObject({
  kind: z.string(),
  revoked_sessions: Count,
  p50_seconds: z.number().nullable(),
  p95_seconds: z.number().nullable(),
  max_seconds: z.number().nullable(),
});

export const ManifestRowSchema = z.strictObject({
  path: z.string(),
  sha256: z.string(),
  bytes: Count,
  adapter: z.string(),
  records: Count,
  loaded: Count,
  skipped: Count,
  quarantined: Count,
  duplicates: Count,
  first_ts: Instant.nullable(),
  last_ts: Instant.nullable(),
});

const Day = z.string().describe('UTC date, YYYY-MM-DD');

export const SourceWindowSchema = z.strictObject({
  source: z.string().describe('the adapter that read the records'),
  table: z.enum(['sessions', 'session_ends', 'access_events', 'lifecycle_events', 'revocations']),
  records: Count.describe('records loaded into that table from that source, at any time'),
  first: Instant,
  last: Instant,
  in_period: Count.describe('of them, those whose time falls in the period (all, with no period)'),
  days_checked: Count.describe('days of the period (with no period: of the window first..last)'),
  days_with_records: Count.describe('of the days checked, those with at least one record'),
  gaps: z
    .array(z.strictObject({ from: Day, to: Day, days: Count }))
    .describe('runs of checked days with no record although the source has a median of at least 5 records on that weekday while active (one silent day at either edge of its window excepted; session ends are not checked)'),
});

/** One file the run read besides its inputs (policy, rules folder, waivers, baseline). */
export const RunFileSchema = z.strictObject({
  path: z.string().describe('as given on the command line'),
  sha256: z.string().describe('of the file; of the sorted "name sha256" lines of its *.sql files for a rules folder'),
});

export const ResolvedFindingSchema = z.strictObject({
  id: z.string(),
  rule: z.string(),
  severity: Severity,
  subject_id: z.string().nullable(),
  session_id: z.string().nullable(),
  lifecycle_event_id: z.string().nullable(),
  still_live: z.boolean().optional().describe('its session was required to end by a lifecycle event and is still live when these inputs end'),
});

const TrendTally = z.strictObject({
  ratio: z.number().min(0).max(1).nullable(),
  events: Count,
  decided: Count.describe('covered + late + uncovered'),
  covered: Count,
});
const TrendTtr = z.strictObject({
  revoked_sessions: Count,
  p50_seconds: z.number().nullable(),
  p95_seconds: z.number().nullable(),
  max_seconds: z.number().nullable(),
});

export const TrendSchema = z.strictObject({
  previous: z.strictObject({
    source: z.enum(['report', 'database']).describe('report: --previous report.json; database: the previous period computed from the same inputs or --db'),
    file: z.string().nullable().describe('the previous report (source report)'),
    report_id: z.string().nullable(),
    period: z.strictObject({ from: Instant.nullable(), to: Instant.nullable() }),
    first_record: Instant.nullable().describe('source database: the earliest record of the previous period in the data; later than its start when the data covers only part of it'),
  }),
  coverage: z
    .array(z.strictObject({ kind: z.string().describe("a lifecycle kind, or '*' for all"), previous: TrendTally.nullable(), current: TrendTally.nullable() }))
    .describe('coverage per kind in the previous period and in this one; null where a period had no such event'),
  time_to_revoke: z.array(z.strictObject({ kind: z.string(), previous: TrendTtr.nullable(), current: TrendTtr.nullable() })),
  findings: z.strictObject({
    previous: z.strictObject({ total: Count, by_severity: z.record(Severity, Count) }),
    current: z.strictObject({ total: Count, by_severity: z.record(Severity, Count) }),
    opened: Count.describe('findings of this period the previous one did not have (by stable id)'),
    recurring: Count.describe('findings present in both'),
    resolved: Count.describe('findings of the previous period not found again in this one'),
    still_live: Count.describe('of the resolved: those whose session was required to end and is still live when this period ends'),
    opened_ids: z.array(z.string()).describe('ids of the opened findings, as in `findings`'),
    resolved_list: z.array(ResolvedFindingSchema).describe('the resolved findings of the previous period'),
  }),
});

const ReasonCounts = z.strictObject({
  total: Count,
  by_reason: z.array(z.strictObject({ reason: z.string(), count: Count })),
  examples: z.array(
    z.strictObject({
      source_file: z.string(),
      source_line: z.number().int(),
      reason: z.string(),
      detail: z.string().nullable(),
      raw: z.string().nullable(),
    }),
  ),
});

export const RuleEntrySchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  severity: Severity,
  escalates_to: Severity.nullable(),
  status: z.string(),
  enabled: z.boolean(),
  summary: z.string(),
  controls: z.array(z.strictObject({ framework: z.string(), id: z.string() })),
  references: z.array(z.string()),
  false_positives: z.array(z.string()),
  findings: Count,
});

export const WaiverEntrySchema = z.strictObject({
  id: z.string(),
  rule: z.string(),
  subject: z.string().nullable(),
  session: z.string().nullable(),
  lifecycle_event: z.string().nullable(),
  finding: z.string().nullable(),
  owner: z.string(),
  reason: z.string(),
  ticket: z.string().nullable(),
  expires: z.string().describe('YYYY-MM-DD, the last day (UTC) the waiver applies'),
  state: z.enum(['active', 'expired', 'stale']).describe('expired: expires before the date of generated_at; stale: active but matches nothing'),
  matches: z.strictObject({
    findings: z.array(z.string()).describe('ids of the findings it waives (expired: would waive)'),
    coverage: z.array(z.string()).describe('event ids of the coverage rows it waives (expired: would touch)'),
  }),
  source_file: z.string(),
  source_line: z.number().int(),
});

export const BaselineSummarySchema = z.strictObject({
  file: z.string(),
  report_id: z.string().nullable(),
  generated_at: Instant.nullable(),
  counts: z.strictObject({ new: Count, open: Count, newly_waived: Count, waiver_expired: Count, resolved: Count }),
  resolved: z.array(ResolvedFindingSchema).describe('findings of the baseline that this run no longer finds'),
});

/** Attempts on ended sessions grouped by one IP address or one user agent (src/rules/reuse.ts). */
export const ReuseClusterSchema = z.strictObject({
  by: z.enum(['ip', 'user_agent']),
  value: z.string(),
  sessions: Count,
  subjects: Count,
  attempts: Count,
  accepted: Count,
  denied: Count,
  first: Instant,
  last: Instant,
  session_ids: z.array(z.string()).describe('the first 20, sorted'),
});

export const ReportSchema = z.strictObject({
  schema_version: z.string(),
  tool: z.strictObject({ name: z.literal('revaudit'), version: z.string() }),
  run: z.strictObject({
    id: z.string().describe('hash of tool version, rules, config and input hashes'),
    period: z.strictObject({ from: Instant.nullable(), to: Instant.nullable() }),
    arguments: z.array(z.string()).describe('the inputs as given on the command line (files or folders); `revaudit verify` reads them again'),
    inputs_end: Instant.nullable().describe('latest event time of any loaded record, capped by --to'),
    config_hash: z.string(),
    rules_hash: z.string(),
    generated_at: Instant,
    files: z
      .strictObject({
        config: RunFileSchema.nullable(),
        rules: RunFileSchema.nullable().describe('the extra rules folder (--rules)'),
        waivers: RunFileSchema.nullable(),
        baseline: RunFileSchema.nullable().describe('--baseline, or --previous'),
      })
      .describe('the other files the run read; `revaudit verify` reads them again'),
  }),
  verdict: z.strictObject({
    fail_on: Severity.nullable(),
    passed: z.boolean().nullable().describe('null when no gate was asked for'),
    reasons: z.array(z.string()),
    min_coverage: z.record(z.string(), z.number().min(0).max(1)).optional().describe("check's coverage thresholds: '*' overall, else per lifecycle kind"),
    max_findings: Count.nullable().optional(),
    new_only: z.boolean().optional().describe('findings count against the gate only when new against the baseline'),
  }),
  inputs: z.array(ManifestRowSchema),
  sources: z.array(SourceWindowSchema).describe('per source and record table: the window of data seen and its gaps'),
  ignored: z.array(z.string()).describe('files under given folders that no reader recognised'),
  summary: z.strictObject({
    findings: z.strictObject({
      total: Count,
      by_severity: z.record(Severity, Count),
      by_rule: z.record(z.string(), Count),
    }),
    coverage: z.strictObject({ overall: CoverageTally, by_kind: z.array(CoverageTally) }),
    population: z
      .strictObject({
        sessions: Count.describe('sessions live at some time in the period'),
        subjects: Count.describe('their distinct holders'),
        users: Count,
        agents: Count,
        services: Count,
        lifecycle_events: Count.describe('lifecycle events in the period, of every kind'),
        revocations: Count,
        access_events: Count,
      })
      .describe('what the period covers; no period: everything loaded'),
    time_to_revoke: z.array(TimeToRevoke),
    time_to_revoke_bins: z
      .array(
        z.strictObject({
          kind: z.string(),
          revoked: z.boolean().describe('false: the row counts required sessions never revoked (no edges)'),
          from_seconds: z.number().nullable().describe('inclusive lower edge of R - T; the first bin takes anything lower'),
          to_seconds: z.number().nullable().describe('exclusive upper edge; null: unbounded'),
          sessions: Count,
        }),
      )
      .describe('time to revoke of the required sessions of the events in the period, binned per kind; every SLA is an edge'),
    reuse_attempts_by_day: z
      .array(z.strictObject({ day: z.string().describe('UTC date, YYYY-MM-DD'), outcome: z.enum(['allowed', 'denied']), attempts: Count }))
      .describe('accesses more than the skew after a session was revoked or logged out, per UTC day and outcome'),
    expiry: z.array(
      z.strictObject({
        source: z.string(),
        sessions: Count,
        with_expiry: Count,
        assumed_lifetime_seconds: z.number().nullable(),
      }),
    ),
  }),
  coverage: z.array(CoverageRowSchema),
  reuse_clusters: z
    .array(ReuseClusterSchema)
    .describe('attempts on revoked or logged-out sessions grouped by IP address and by user agent across sessions'),
  policy: z.record(z.string(), z.unknown()),
  findings: z.array(FindingSchema),
  rules: z.array(RuleEntrySchema),
  control_matrix: ControlMatrixSchema.describe('per framework of the rule catalogue: each requirement in scope, the rules that test it and their result in the period'),
  waivers: z.array(WaiverEntrySchema),
  baseline: BaselineSummarySchema.optional().describe('present when a baseline report was given'),
  trend: TrendSchema.optional().describe('this period against the previous one: --previous report.json, or older data in the inputs or --db'),
  quarantine: ReasonCounts,
  skipped: ReasonCounts,
});

export type Report = z.infer<typeof ReportSchema>;
export type SourceWindow = z.infer<typeof SourceWindowSchema>;
export type Trend = z.infer<typeof TrendSchema>;
export type RunFile = z.infer<typeof RunFileSchema>;
export type ManifestRow = z.infer<typeof ManifestRowSchema>;
