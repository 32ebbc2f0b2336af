import { z } from 'zod';
import { CoverageRowSchema, CoverageStatusSchema, FindingSchema, ReuseClusterSchema } from '../report/schema.ts';

/**
 * The JSON form of `revaudit investigate` (documented in docs/investigate.md). The terminal
 * and HTML views render this object and nothing else, so the three forms agree by
 * construction. Bump INVESTIGATION_SCHEMA_VERSION by semver whenever this changes.
 */
export const INVESTIGATION_SCHEMA_VERSION = '1.0.0';

const Instant = z.string().describe('RFC 3339 instant in UTC');
const Count = z.number().int().nonnegative();
const Text = z.string().nullable().describe('as logged (attacker-controlled); null when absent');

/** Where a timeline row comes from: the canonical row and its place in the input file. */
export const RowSourceSchema = z.strictObject({
  table: z.enum(['sessions', 'access_events', 'session_ends', 'revocations', 'lifecycle_events']),
  event_id: z.string(),
  file: z.string(),
  line: z.number().int(),
});

/** When an access came relative to the end of its session (DESIGN.md "Session times"). */
export const PhaseSchema = z
  .enum(['live', 'after_end_within_skew', 'after_end', 'after_expiry'])
  .describe(
    'live: before any end; after_end: more than the skew after the revocation or logout (what the reuse rules count); ' +
      'after_end_within_skew: after it but within the skew; after_expiry: after expiry with no earlier revocation or logout',
  );

const common = {
  ts: Instant,
  session_id: z.string().nullable().describe('null for lifecycle events and revocations of every session of a subject'),
  subject_id: z.string().nullable(),
  source: RowSourceSchema,
  findings: z.array(z.string()).describe('ids of the findings this row is evidence of, or an attempt counted by'),
};

export const TimelineRowSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('created'),
    ...common,
    subject_type: z.string(),
    owner_id: Text,
    ip: Text,
    user_agent: Text,
    device_id: Text,
    auth_method: Text,
    expires_at: Instant.nullable(),
  }),
  z.strictObject({
    kind: z.literal('access'),
    ...common,
    ip: Text,
    user_agent: Text,
    action: Text,
    outcome: z.enum(['allowed', 'denied']),
    reason: Text,
    phase: PhaseSchema,
    end: z
      .strictObject({ at: Instant, by: z.enum(['revoked', 'logout', 'expired']) })
      .nullable()
      .describe('the end this access came after; null while the session was live'),
    seconds_after_end: z.number().nullable(),
    ip_seen_before_end: z
      .boolean()
      .nullable()
      .describe('after an end: was this IP on the creation record or an access at or before the end; null when not after an end or no IP'),
    user_agent_seen_before_end: z.boolean().nullable().describe('the same for the user agent'),
    overdue: z
      .strictObject({ lifecycle_event_id: z.string(), kind: z.string(), deadline: Instant })
      .nullable()
      .describe(
        'a use while live but after the deadline (T + sla) of a lifecycle event that required the session to end and was not met: the earliest such event',
      ),
  }),
  z.strictObject({
    kind: z.literal('revoked'),
    ...common,
    scope: z.enum(['session', 'subject']).describe('subject: revokes every session of subject_id'),
    actor_id: Text,
    reason: Text,
    trigger_event_id: Text,
    ended_sessions: z.array(z.string()).describe('sessions in view that this revocation ended (it was their first revocation, before any logout or expiry)'),
  }),
  z.strictObject({
    kind: z.literal('logout'),
    ...common,
    ended_session: z.boolean().describe('false when the session had already been revoked, logged out or expired'),
  }),
  z.strictObject({
    kind: z.literal('expired'),
    ...common,
    derived: z.boolean().describe("true: the creation record's expires_at (source is that record); false: a session.ended record with reason expired"),
  }),
  z.strictObject({
    kind: z.literal('lifecycle'),
    ...common,
    lifecycle_kind: z.string(),
    actor_id: Text,
    reason: Text,
    initiating_session_id: Text,
    device_id: Text,
    coverage: z
      .strictObject({ status: CoverageStatusSchema, required_sessions: Count, revoked_in_time: Count })
      .nullable()
      .describe('the coverage row of this event; null when its kind requires no revocation'),
    required: z
      .array(z.strictObject({ session_id: z.string(), status: z.enum(['covered', 'late', 'uncovered']) }))
      .describe('the sessions in view this event required to end, with their coverage'),
  }),
]);

export const SessionSummarySchema = z.strictObject({
  session_id: z.string(),
  subject_id: z.string().nullable(),
  subject_type: z.string().nullable(),
  owner_id: Text,
  created: z.boolean().describe('false: the session id appears in accesses or revocations but was never created'),
  created_at: Instant.nullable(),
  ip: Text,
  user_agent: Text,
  device_id: Text,
  auth_method: Text,
  expires_at: Instant.nullable(),
  revoked_at: Instant.nullable(),
  revoked_by: Text,
  logout_at: Instant.nullable(),
  expiry_at: Instant.nullable().describe('min(expires_at, a session.ended with reason expired)'),
  ended_at: Instant.nullable().describe('the revocation or logout (D), else the expiry when it is past'),
  end_reason: z.enum(['revoked', 'logout', 'expired']).nullable(),
  accesses: Count,
  accesses_after_end: Count.describe('more than the skew after the revocation or logout'),
  allowed_after_end: Count,
  denied_after_end: Count,
  new_ips_after_end: z.array(z.string()),
  new_user_agents_after_end: z.array(z.string()),
  source: RowSourceSchema.nullable(),
});

/** The same reuse clusters as the audit report's. */
const ClusterSchema = ReuseClusterSchema;

export const IpSummarySchema = z.strictObject({
  address: z.string(),
  first_seen: Instant.nullable(),
  last_seen: Instant.nullable(),
  sessions_created: Count.describe('sessions whose creation record has this IP'),
  sessions: z.array(z.string()).describe('every session the address created or used, sorted'),
  subjects: z.array(z.string()).describe('every subject of those sessions, sorted'),
  accesses: Count,
  allowed: Count,
  denied: Count,
  reuse: ClusterSchema.nullable().describe(
    "the audit report's reuse cluster of this address: its attempts on revoked or logged-out sessions, across sessions; null when none",
  ),
});

export const InvestigationSchema = z.strictObject({
  schema_version: z.string(),
  tool: z.strictObject({ name: z.literal('revaudit'), version: z.string() }),
  query: z.strictObject({ by: z.enum(['session', 'subject', 'ip']), value: z.string() }),
  period: z.strictObject({ from: Instant.nullable(), to: Instant.nullable() }),
  inputs_end: Instant.nullable().describe('latest event time of any loaded record, capped by --to'),
  policy: z.strictObject({ sla_seconds: z.number(), skew_seconds: z.number() }),
  subject: z
    .strictObject({
      subject_id: z.string(),
      subject_types: z.array(z.string()),
      owners: z.array(z.string()).describe('for an agent or service: who it acts for'),
      agents: z.array(z.string()).describe('agents and services this subject owns'),
    })
    .nullable()
    .describe('the subject investigated (--subject), or the one subject of the session (--session); null for --ip'),
  sessions: z.array(SessionSummarySchema),
  ip: IpSummarySchema.nullable(),
  coverage: z.array(CoverageRowSchema).describe('coverage rows of the lifecycle events on the timeline'),
  findings: z.array(FindingSchema).describe('findings that name a session in view or that a timeline row is evidence of'),
  timeline: z.array(TimelineRowSchema).describe('chronological; ties: lifecycle, revocation, end, creation, access, then file and line'),
});

export type Investigation = z.infer<typeof InvestigationSchema>;
export type TimelineRow = z.infer<typeof TimelineRowSchema>;
export type SessionSummary = z.infer<typeof SessionSummarySchema>;
export type IpSummary = z.infer<typeof IpSummarySchema>;
export type RowSource = z.infer<typeof RowSourceSchema>;
export type Target = Investigation['query'];
