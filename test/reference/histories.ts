// Random small histories for the differential property test, at adversarial times: most
// times are an anchor (T, T - skew, T + sla of some event; a revocation, logout or expiry,
// and that plus the global skew) moved by -1, 0 or +1 second, some are anywhere. Subjects
// include agents and services with owners; events of every kind, sometimes reactivated
// at once; revocations per session, scope-all, of unknown sessions, with and without actor
// and reason. fast-check shrinks the draft; `materialize` turns it into native JSONL
// records, a config and the reference's view of the same data.
import fc from 'fast-check';
import type { Config } from '../../src/config/policy.ts';
import type { Kind, RefHistory, RefPolicy, RefRevocation, Severity } from './contract.ts';

export const KINDS: Kind[] = [
  'password_reset', 'password_changed', 'offboarded', 'deactivated', 'suspended', 'deleted',
  'reactivated', 'sso_deactivated', 'permissions_changed', 'mfa_reset', 'device_lost',
  'credential_compromised', 'sign_out_everywhere',
];
const RULE_IDS = [
  'session-survived-lifecycle-event', 'agent-outlived-owner', 'revoked-session-accepted',
  'revoked-session-reuse-attempt', 'login-after-offboarding', 'revocation-audit-incomplete',
  'session-inventory-incomplete',
];
const SEVERITIES: Severity[] = ['info', 'low', 'medium', 'high', 'critical'];

const BASE = Date.UTC(2026, 6, 1, 12) / 1000;
const SUBJECTS = [
  { id: 'u-ann', type: 'user' },
  { id: 'u-ben', type: 'user' },
  { id: 'ag-ann', type: 'agent' },
  { id: 'svc-ben', type: 'service' },
] as const;
const OWNERS = ['u-ann', null, 'u-ben', 'ag-ann'] as const;
const IPS = [null, '10.0.0.1', '10.0.0.2', '2001:db8::3'] as const;
const UAS = [null, 'Firefox/128', 'curl/8.5'] as const;
const DEVICES = [null, 'dev-1', 'dev-2'] as const;
const GHOST = 's-ghost';

const pick = <T>(xs: readonly T[], i: number): T => xs[i % xs.length]!;
/** A focused time picks its anchor from `focus`, a wide one from `wide`. */
const timeAt = (s: Spec, focus: number[], wide: number[]): number => pick(s.wide ? wide : focus, s.anchor) + s.jitter;

/**
 * A time: an anchor moved by `jitter` seconds. Most times are focused — one of the moments
 * that decide the record's role (T, T - skew, T + sla for revocations; D and D + skew for
 * uses), a second either way; some are wide — any anchor, any shift.
 */
type Spec = { wide: boolean; anchor: number; jitter: number };
const small = fc.constantFrom(0, -1, 1);
const spec = fc.oneof(
  { weight: 4, arbitrary: fc.record({ wide: fc.constant(false), anchor: fc.nat(20), jitter: small }) },
  {
    weight: 1,
    arbitrary: fc.record({ wide: fc.constant(true), anchor: fc.nat(60), jitter: fc.oneof(small, fc.integer({ min: -2400, max: 4800 })) }),
  },
);
/** A value `percent`% of the time, else undefined (shrinking towards undefined). */
const sometimes = <T>(a: fc.Arbitrary<T>, percent: number) =>
  fc.oneof({ weight: 100 - percent, arbitrary: fc.constant(undefined) }, { weight: percent, arbitrary: a });
const maybe = <T>(a: fc.Arbitrary<T>) => sometimes(a, 50);
/** A subject index, most often the first (u-ann) so that events and sessions meet. */
const subjectIndex = fc.oneof({ weight: 2, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.nat(3) });
/** A creation time: most often well before the events (anchor 0 is the first event's day start). */
const creation = fc.oneof(
  { weight: 3, arbitrary: fc.record({ wide: fc.constant(true), anchor: fc.constant(0), jitter: fc.integer({ min: -7200, max: 0 }) }) },
  { weight: 2, arbitrary: spec },
);

const policyDraft = fc.record({
  sla: maybe(fc.constantFrom(60, 300, 900)),
  skew: maybe(fc.constantFrom(0, 30, 120)),
  kinds: fc.array(
    fc.record({ kind: fc.constantFrom(...KINDS), sla: maybe(fc.constantFrom(0, 120, 600)), skew: maybe(fc.constantFrom(0, 10, 300)) }),
    { maxLength: 2 },
  ),
  keep: maybe(fc.boolean()),
  permissions: maybe(fc.boolean()),
  reason: maybe(fc.boolean()),
  lifetime: sometimes(fc.constantFrom(600, 7200), 20),
  severity: sometimes(fc.record({ rule: fc.constantFrom(...RULE_IDS), severity: fc.constantFrom(...SEVERITIES) }), 20),
  period: sometimes(fc.record({ from: maybe(spec), to: maybe(spec) }), 20),
});

/** One group of subjects with their events, sessions, revocations, ends and uses. */
const groupArb = fc.record({
  events: fc.array(
    fc.record({
      minute: fc.integer({ min: 0, max: 4 }).map((m) => m * 5),
      kind: fc.constantFrom(...KINDS),
      subject: subjectIndex,
      initiating: fc.nat(5),
      device: fc.nat(2),
      /** A reactivation of the same subject this many seconds later. */
      reactivate: sometimes(fc.constantFrom(0, 1, 600), 20),
    }),
    { minLength: 1, maxLength: 3 },
  ),
  sessions: fc.array(
    fc.record({ subject: subjectIndex, owner: fc.nat(3), created: creation, expires: sometimes(spec, 30), ip: fc.nat(3), ua: fc.nat(2), device: fc.nat(2) }),
    { minLength: 1, maxLength: 4 },
  ),
  revocations: fc.array(
    /** names: 0 no subject, 1 the session's, 2 any subject (maybe another's). */
    fc.record({ target: fc.nat(6), subject: subjectIndex, names: fc.nat(2), at: spec, actor: fc.boolean(), reason: fc.boolean() }),
    { maxLength: 5 },
  ),
  ends: fc.array(fc.record({ session: fc.nat(5), logout: fc.boolean(), at: spec }), { maxLength: 3 }),
  accesses: fc.array(
    /** follow: a focused use of the session whose end it is anchored on. */
    fc.record({ session: fc.nat(5), follow: fc.boolean(), allowed: fc.boolean(), at: spec, ip: fc.nat(3), ua: fc.nat(2) }),
    { maxLength: 6 },
  ),
});
type Group = typeof groupArb extends fc.Arbitrary<infer T> ? T : never;

/**
 * The random draft of one history: a policy and one to three groups of subjects that share
 * no id (a pipeline run costs the same for a few records or a few dozen, so each history
 * tries several situations at once). Indices are taken modulo the pools they pick from.
 */
export const draftArb = fc.record({ policy: policyDraft, groups: fc.array(groupArb, { minLength: 1, maxLength: 3 }) });
export type Draft = typeof draftArb extends fc.Arbitrary<infer T> ? T : never;

export interface Materialized {
  history: RefHistory;
  refPolicy: RefPolicy;
  config: Config;
  period: { from: string | null; to: string | null };
  records: Array<Record<string, unknown>>;
}

/** RFC 3339 in UTC, whole seconds, as reports print instants. */
export const iso = (t: number): string => new Date(t * 1000).toISOString().replace('.000Z', 'Z');

/** Resolves a draft into the history, its native records, the config and the reference policy. */
export function materialize(d: Draft): Materialized {
  const p = d.policy;
  const config: Config = {};
  if (p.sla !== undefined) config.sla = p.sla;
  if (p.skew !== undefined) config.skew = p.skew;
  if (p.kinds.length) {
    config.kinds = {};
    for (const k of p.kinds) {
      const entry: { sla?: number | undefined; skew?: number | undefined } = { ...config.kinds[k.kind] };
      if (k.sla !== undefined) entry.sla = k.sla;
      if (k.skew !== undefined) entry.skew = k.skew;
      config.kinds[k.kind] = entry;
    }
  }
  if (p.keep !== undefined) config.keep_initiating_session = p.keep;
  if (p.permissions !== undefined) config.permissions_changed_requires_revocation = p.permissions;
  if (p.reason !== undefined) config.require_revocation_reason = p.reason;
  if (p.lifetime !== undefined) config.session_lifetime = { native: p.lifetime };
  if (p.severity) config.severity = { [p.severity.rule]: p.severity.severity };

  // The reference fills DESIGN.md's defaults itself: sla 15 min, skew 2 min, keep true.
  const refPolicy: RefPolicy = {
    sla: config.sla ?? 900,
    skew: config.skew ?? 120,
    kinds: config.kinds ?? {},
    keep_initiating_session: config.keep_initiating_session ?? true,
    permissions_changed_requires_revocation: config.permissions_changed_requires_revocation ?? false,
    require_revocation_reason: config.require_revocation_reason ?? false,
    session_lifetime: p.lifetime ?? null,
    severity: (config.severity ?? {}) as Record<string, Severity>,
    period: { from: null, to: null },
  };
  const kindOf = (k: Kind) => ({ sla: refPolicy.kinds[k]?.sla ?? refPolicy.sla, skew: refPolicy.kinds[k]?.skew ?? refPolicy.skew });
  const history: RefHistory = { sessions: [], accesses: [], ends: [], events: [], revocations: [] };
  const records: Array<Record<string, unknown>> = [];
  const moments = d.groups.flatMap((g, i) => addGroup(g, i === 0 ? '' : `g${i}.`, { kindOf, skew: refPolicy.skew, history, records }));

  const period = { from: null as string | null, to: null as string | null };
  if (p.period) {
    if (p.period.from) refPolicy.period.from = timeAt(p.period.from, moments, [BASE, ...moments]);
    if (p.period.to) refPolicy.period.to = timeAt(p.period.to, moments, [BASE, ...moments]);
    period.from = refPolicy.period.from === null ? null : iso(refPolicy.period.from);
    period.to = refPolicy.period.to === null ? null : iso(refPolicy.period.to);
  }
  return { history, refPolicy, config, period, records };
}

interface Sink {
  kindOf: (k: Kind) => { sla: number; skew: number };
  /** The global skew, which decides the reuse rules. */
  skew: number;
  history: RefHistory;
  records: Array<Record<string, unknown>>;
}

/** Adds one group's rows (ids prefixed with `x`) to the history and records; returns its event moments. */
function addGroup(g: Group, x: string, { kindOf, skew, history, records }: Sink): number[] {
  const first = g.events.map((e, i) => ({ ...e, event_id: `${x}lc-${i + 1}`, ts: BASE + e.minute * 60 }));
  const events = [
    ...first,
    ...first.flatMap((e) =>
      e.reactivate === undefined ? [] : [{ ...e, kind: 'reactivated' as const, event_id: `${e.event_id}-r`, ts: e.ts + e.reactivate, initiating: g.sessions.length, device: 0 }],
    ),
  ];
  const moments = events.flatMap((e) => [e.ts, e.ts - kindOf(e.kind).skew, e.ts + kindOf(e.kind).sla]);
  const anchors = [BASE, ...moments];
  const at = (s: Spec, focus: number[], wide: number[] = anchors) => timeAt(s, focus, wide);

  const n = g.sessions.length;
  // Where this group's rows start in the shared history.
  const from = { sessions: history.sessions.length, revocations: history.revocations.length, ends: history.ends.length };
  const sessionId = (i: number) => (i % (n + 1) === n ? `${x}${GHOST}` : `${x}s${(i % (n + 1)) + 1}`);

  g.sessions.forEach((s, i) => {
    const subject = pick(SUBJECTS, s.subject);
    const owner = pick(OWNERS, s.owner);
    const row = {
      session_id: `${x}s${i + 1}`,
      subject_id: x + subject.id,
      subject_type: subject.type,
      owner_id: owner === null ? null : x + owner,
      created_at: at(s.created, moments),
      expires_at: s.expires ? at(s.expires, moments) : null,
      ip: pick(IPS, s.ip),
      user_agent: pick(UAS, s.ua),
      device_id: pick(DEVICES, s.device),
    };
    history.sessions.push(row);
    records.push(clean({
      type: 'session.created', event_id: `${x}c-${i + 1}`, ts: iso(row.created_at), session_id: row.session_id,
      subject_id: row.subject_id, subject_type: row.subject_type === 'user' ? null : row.subject_type,
      owner_id: row.owner_id, expires_at: row.expires_at === null ? null : iso(row.expires_at),
      ip: row.ip, user_agent: row.user_agent, device_id: row.device_id,
    }));
  });

  events.forEach((e) => {
    const initiating = e.initiating % (n + 1) === n ? null : `${x}s${(e.initiating % (n + 1)) + 1}`;
    const subject = x + pick(SUBJECTS, e.subject).id;
    const device = pick(DEVICES, e.device);
    history.events.push({ event_id: e.event_id, ts: e.ts, subject_id: subject, kind: e.kind, initiating_session_id: initiating, device_id: device });
    records.push(clean({
      type: `subject.${e.kind}`, event_id: e.event_id, ts: iso(e.ts), subject_id: subject, actor_id: 'u-admin',
      initiating_session_id: initiating, device_id: device,
    }));
  });

  const sessions = history.sessions.slice(from.sessions);
  const later = [...anchors, ...sessions.map((s) => s.created_at)];
  g.revocations.forEach((r, i) => {
    const target = r.target % (n + 2);
    const subject = x + pick(SUBJECTS, r.subject).id;
    const row: RefRevocation =
      target < n
        ? { ts: at(r.at, moments, later), session_id: `${x}s${target + 1}`, subject_id: [null, sessions[target]!.subject_id, subject][r.names] ?? null, actor_id: null, reason: null }
        : target === n
          ? { ts: at(r.at, moments, later), session_id: null, subject_id: subject, actor_id: null, reason: null }
          : { ts: at(r.at, moments, later), session_id: `${x}${GHOST}`, subject_id: r.names ? subject : null, actor_id: null, reason: null };
    row.actor_id = r.actor ? 'u-admin' : null;
    row.reason = r.reason ? 'offboarding' : null;
    history.revocations.push(row);
    records.push(clean({ type: 'session.revoked', event_id: `${x}r-${i + 1}`, ts: iso(row.ts), session_id: row.session_id, subject_id: row.subject_id, actor_id: row.actor_id, reason: row.reason }));
  });

  g.ends.forEach((e, i) => {
    const row = { ts: at(e.at, moments, later), session_id: sessionId(e.session), reason: e.logout ? ('logout' as const) : ('expired' as const) };
    history.ends.push(row);
    records.push({ type: 'session.ended', event_id: `${x}e-${i + 1}`, ts: iso(row.ts), session_id: row.session_id, reason: row.reason });
  });

  // Uses are anchored on the moments that decide the rules about them: D and D + skew, R, L
  // and E (the bound of an escalating use), T + sla; a following use takes that session.
  const uses: Array<{ t: number; session: string | null }> = [
    ...history.revocations.slice(from.revocations).flatMap((r) => [{ t: r.ts, session: r.session_id }, { t: r.ts + skew, session: r.session_id }]),
    ...history.ends.slice(from.ends).flatMap((e) => [{ t: e.ts, session: e.session_id }, { t: e.ts + skew, session: e.session_id }]),
    ...sessions.flatMap((s) => (s.expires_at === null ? [] : [{ t: s.expires_at, session: s.session_id }])),
    ...events.map((e) => ({ t: e.ts + kindOf(e.kind).sla, session: null })),
  ];
  g.accesses.forEach((a, i) => {
    const anchor = pick(uses, a.at.anchor);
    const followed = !a.at.wide && a.follow ? anchor.session : null;
    const row = {
      ts: at(a.at, uses.map((u) => u.t), [...later, ...uses.map((u) => u.t)]),
      session_id: followed ?? sessionId(a.session),
      ip: pick(IPS, a.ip),
      user_agent: pick(UAS, a.ua),
      outcome: a.allowed ? ('allowed' as const) : ('denied' as const),
    };
    history.accesses.push(row);
    records.push(clean({ type: 'session.activity', event_id: `${x}a-${i + 1}`, ts: iso(row.ts), session_id: row.session_id, ip: row.ip, user_agent: row.user_agent, outcome: row.outcome }));
  });

  return moments;
}

/** The record without its null fields (an absent field, as a person would write it). */
function clean(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== null && v !== undefined));
}
