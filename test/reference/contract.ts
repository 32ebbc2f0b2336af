// A small, deliberately plain TypeScript reading of DESIGN.md "Rule semantics", written
// from the contract's sentences (each quoted where it is implemented), not from the SQL.
// The differential property test (test/property.test.ts) compares it with the real
// pipeline on random histories. Times are epoch seconds. Clarity beats speed here: a
// history has a handful of records.

export type Kind =
  | 'password_reset' | 'password_changed' | 'offboarded' | 'deactivated' | 'suspended' | 'deleted'
  | 'reactivated' | 'sso_deactivated' | 'permissions_changed' | 'mfa_reset' | 'device_lost'
  | 'credential_compromised' | 'sign_out_everywhere';
export type Severity = 'info' | 'low' | 'medium' | 'high' | 'critical';

export interface RefSession {
  session_id: string;
  subject_id: string;
  subject_type: 'user' | 'agent' | 'service';
  owner_id: string | null;
  created_at: number;
  expires_at: number | null;
  ip: string | null;
  user_agent: string | null;
  device_id: string | null;
}
export interface RefAccess {
  ts: number;
  session_id: string;
  ip: string | null;
  user_agent: string | null;
  outcome: 'allowed' | 'denied';
}
export interface RefEnd {
  ts: number;
  session_id: string;
  reason: 'logout' | 'expired';
}
export interface RefEvent {
  event_id: string;
  ts: number;
  subject_id: string;
  kind: Kind;
  initiating_session_id: string | null;
  device_id: string | null;
}
export interface RefRevocation {
  ts: number;
  /** null: every session of subject_id (scope all). */
  session_id: string | null;
  /** As written in the record; ingest fills it from the named session when absent. */
  subject_id: string | null;
  actor_id: string | null;
  reason: string | null;
}
/** One history: the canonical rows, each session_id created at most once. */
export interface RefHistory {
  sessions: RefSession[];
  accesses: RefAccess[];
  ends: RefEnd[];
  events: RefEvent[];
  revocations: RefRevocation[];
}

/** The policy the contract names, already resolved (seconds; period bounds as epoch seconds). */
export interface RefPolicy {
  sla: number;
  skew: number;
  kinds: Partial<Record<Kind, { sla?: number | undefined; skew?: number | undefined }>>;
  keep_initiating_session: boolean;
  permissions_changed_requires_revocation: boolean;
  require_revocation_reason: boolean;
  /** policy session_lifetime of the native source, seconds. */
  session_lifetime: number | null;
  severity: Record<string, Severity>;
  period: { from: number | null; to: number | null };
}

export interface RefFinding {
  rule: string;
  severity: Severity;
  subject_id: string | null;
  session_id: string | null;
  lifecycle_event_id: string | null;
  observed_at: number;
}
export interface RefCoverage {
  event_id: string;
  status: 'covered' | 'late' | 'uncovered' | 'no_sessions' | 'pending';
  required_sessions: number;
  revoked_in_time: number;
  max_seconds_to_revoke: number | null;
}

const SEVERITIES: Severity[] = ['info', 'low', 'medium', 'high', 'critical'];

/** The findings table's default severities and escalations. */
const RULES: Record<string, { severity: Severity; escalates?: Severity }> = {
  'session-survived-lifecycle-event': { severity: 'high', escalates: 'critical' },
  'agent-outlived-owner': { severity: 'critical' },
  'revoked-session-accepted': { severity: 'critical' },
  'revoked-session-reuse-attempt': { severity: 'low', escalates: 'medium' },
  'login-after-offboarding': { severity: 'critical' },
  'revocation-audit-incomplete': { severity: 'medium' },
  'session-inventory-incomplete': { severity: 'low' },
};

// "password_reset, offboarded, deactivated, suspended, deleted, sso_deactivated,
//  credential_compromised, mfa_reset, sign_out_everywhere (the initiating session too)"
const ENDS_EVERY_SESSION: Kind[] = [
  'password_reset', 'offboarded', 'deactivated', 'suspended', 'deleted', 'sso_deactivated',
  'credential_compromised', 'mfa_reset', 'sign_out_everywhere',
];
const OFFBOARDING: Kind[] = ['offboarded', 'deactivated', 'suspended', 'deleted'];

const minOf = (...xs: Array<number | null>): number | null => {
  const present = xs.filter((x): x is number => x !== null);
  return present.length ? Math.min(...present) : null;
};

/** Session times R, L, E and D of one session. */
function times(h: RefHistory, p: RefPolicy, s: RefSession) {
  // "R(s): the earliest revocation whose ts >= created_at(s) and that names s, or names
  //  s's subject with scope all (session_id null)."
  const R = minOf(
    ...h.revocations
      .filter((r) => r.ts >= s.created_at)
      .filter((r) => r.session_id === s.session_id || (r.session_id === null && r.subject_id === s.subject_id))
      .map((r) => r.ts),
  );
  // "L(s): the earliest session.ended with reason logout and ts >= created_at(s)."
  const L = minOf(
    ...h.ends.filter((e) => e.session_id === s.session_id && e.reason === 'logout' && e.ts >= s.created_at).map((e) => e.ts),
  );
  // "expires_at from policy session_lifetime per source when the user sets it"
  const expiresAt = s.expires_at ?? (p.session_lifetime === null ? null : s.created_at + p.session_lifetime);
  // "E(s) = min(expires_at, that ts)" for a session.ended with reason expired.
  const E = minOf(expiresAt, ...h.ends.filter((e) => e.session_id === s.session_id && e.reason === 'expired').map((e) => e.ts));
  // "D(s) = min(R, L) (nulls ignored)"
  const D = minOf(R, L);
  return { R, L, E, D };
}

function kindPolicy(p: RefPolicy, kind: Kind) {
  return { sla: p.kinds[kind]?.sla ?? p.sla, skew: p.kinds[kind]?.skew ?? p.skew };
}

function requiresRevocation(p: RefPolicy, kind: Kind): boolean {
  if (kind === 'reactivated') return false; // "reactivated requires nothing"
  if (kind === 'permissions_changed') return p.permissions_changed_requires_revocation;
  return true;
}

/** The required set of event e: each session with whether it came in through its owner. */
function requiredSet(h: RefHistory, p: RefPolicy, e: RefEvent): Array<{ s: RefSession; viaOwner: boolean }> {
  const { skew } = kindPolicy(p, e.kind);
  const T = e.ts;
  // "Live at T: created_at <= T, and D is null or D >= T - skew, and E is null or E > T."
  const live = (s: RefSession) => {
    const { D, E } = times(h, p, s);
    return s.created_at <= T && (D === null || D >= T - skew) && (E === null || E > T);
  };
  const own = h.sessions.filter((s) => s.subject_id === e.subject_id && live(s));
  const isNonHuman = (s: RefSession) => s.subject_type === 'agent' || s.subject_type === 'service';
  if (ENDS_EVERY_SESSION.includes(e.kind)) {
    // "plus every session live at T whose subject_type is agent or service and whose
    //  owner_id is the subject (direct ownership only)"
    const owned = h.sessions.filter((s) => s.subject_id !== e.subject_id && isNonHuman(s) && s.owner_id === e.subject_id && live(s));
    return [...own.map((s) => ({ s, viaOwner: false })), ...owned.map((s) => ({ s, viaOwner: true }))];
  }
  // "password_changed and device_lost never require agent/service sessions" (read strictly:
  // not even the subject's own, when the subject is itself an agent; permissions_changed too).
  const humans = own.filter((s) => !isNonHuman(s));
  if (e.kind === 'password_changed' || (e.kind === 'permissions_changed' && p.permissions_changed_requires_revocation)) {
    const keep = p.keep_initiating_session ? e.initiating_session_id : null;
    return humans.filter((s) => s.session_id !== keep).map((s) => ({ s, viaOwner: false }));
  }
  if (e.kind === 'device_lost') {
    return humans.filter((s) => e.device_id === null || s.device_id === e.device_id).map((s) => ({ s, viaOwner: false }));
  }
  return [];
}

type SessionStatus = 'covered' | 'late' | 'uncovered';

function sessionStatus(h: RefHistory, p: RefPolicy, e: RefEvent, s: RefSession): SessionStatus {
  const { sla, skew } = kindPolicy(p, e.kind);
  const { R, L, E } = times(h, p, s);
  // "covered: R(s) is within [T - skew, T + sla]"
  if (R !== null && R >= e.ts - skew && R <= e.ts + sla) return 'covered';
  // "late: R(s) > T + sla, and R(s) < L(s) and R(s) < E(s) (nulls = never)"
  if (R !== null && R > e.ts + sla && (L === null || R < L) && (E === null || R < E)) return 'late';
  return 'uncovered';
}

/** "the latest ts of any loaded record (capped by --to)" */
function inputsEnd(h: RefHistory, p: RefPolicy): number | null {
  const all = [
    ...h.sessions.map((s) => s.created_at),
    ...h.accesses.map((a) => a.ts),
    ...h.ends.map((e) => e.ts),
    ...h.events.map((e) => e.ts),
    ...h.revocations.map((r) => r.ts),
  ];
  const last = all.length ? Math.max(...all) : null;
  return minOf(last, p.period.to);
}

const inPeriod = (p: RefPolicy, t: number) => (p.period.from === null || t >= p.period.from) && (p.period.to === null || t < p.period.to);

interface Judged {
  e: RefEvent;
  status: RefCoverage['status'];
  required: Array<{ s: RefSession; viaOwner: boolean; status: SessionStatus }>;
}

function judge(h: RefHistory, p: RefPolicy, e: RefEvent): Judged {
  const { sla } = kindPolicy(p, e.kind);
  const required = requiredSet(h, p, e).map((r) => ({ ...r, status: sessionStatus(h, p, e, r.s) }));
  const end = inputsEnd(h, p);
  let status: RefCoverage['status'];
  if (required.length === 0) status = 'no_sessions';
  else if (required.every((r) => r.status === 'covered')) status = 'covered';
  // "pending instead of uncovered or late when the inputs end before T + sla"
  else if (end !== null && end < e.ts + sla) status = 'pending';
  else if (required.some((r) => r.status === 'uncovered')) status = 'uncovered';
  else status = 'late';
  return { e, status, required };
}

/** The coverage rows: one per revocation-requiring event whose T falls in the period. */
export function referenceCoverage(h: RefHistory, p: RefPolicy): RefCoverage[] {
  return h.events
    .filter((e) => requiresRevocation(p, e.kind) && inPeriod(p, e.ts))
    .map((e) => {
      const j = judge(h, p, e);
      const rs = j.required.map((r) => times(h, p, r.s).R);
      return {
        event_id: e.event_id,
        status: j.status,
        required_sessions: j.required.length,
        revoked_in_time: j.required.filter((r) => r.status === 'covered').length,
        // "max_seconds_to_revoke = max R - T, negative allowed, null when one was never revoked"
        max_seconds_to_revoke: rs.length && rs.every((r) => r !== null) ? Math.max(...(rs as number[])) - e.ts : null,
      };
    });
}

/** "config may override" the default; an escalated finding is raised to escalates-to. */
function severity(p: RefPolicy, rule: string, escalated: boolean): Severity {
  const def = RULES[rule]!;
  const base = p.severity[rule] ?? def.severity;
  if (escalated && def.escalates && SEVERITIES.indexOf(def.escalates) > SEVERITIES.indexOf(base)) return def.escalates;
  return base;
}

/** Every finding of the seven rules whose observed_at falls in the period. */
export function referenceFindings(h: RefHistory, p: RefPolicy): RefFinding[] {
  const out: RefFinding[] = [];
  const add = (rule: string, escalated: boolean, f: Omit<RefFinding, 'rule' | 'severity'>) =>
    out.push({ rule, severity: severity(p, rule, escalated), ...f });
  const sessionOf = (id: string) => h.sessions.find((s) => s.session_id === id);

  // session-survived-lifecycle-event and agent-outlived-owner: required sessions that are
  // late or uncovered, of events that are late or uncovered ("a pending event's sessions
  // give no finding yet").
  for (const e of h.events.filter((e) => requiresRevocation(p, e.kind))) {
    const j = judge(h, p, e);
    if (j.status !== 'late' && j.status !== 'uncovered') continue;
    const { sla } = kindPolicy(p, e.kind);
    for (const r of j.required.filter((r) => r.status !== 'covered')) {
      const key = { subject_id: r.s.subject_id, session_id: r.s.session_id, lifecycle_event_id: e.event_id, observed_at: e.ts };
      if (r.viaOwner) {
        add('agent-outlived-owner', false, key);
      } else {
        // "critical when the session had an allowed access with T + sla < ts <= min(R, L, E)"
        const { R, L, E } = times(h, p, r.s);
        const until = minOf(R, L, E);
        const usedLate = h.accesses.some(
          (a) => a.session_id === r.s.session_id && a.outcome === 'allowed' && a.ts > e.ts + sla && (until === null || a.ts <= until),
        );
        add('session-survived-lifecycle-event', usedLate, key);
      }
    }
  }

  for (const s of h.sessions) {
    const { D } = times(h, p, s);
    if (D !== null) {
      // "session with an allowed access at ts > D + skew" (the global skew)
      const accepted = h.accesses.filter((a) => a.session_id === s.session_id && a.outcome === 'allowed' && a.ts > D + p.skew);
      if (accepted.length) {
        add('revoked-session-accepted', false, { subject_id: s.subject_id, session_id: s.session_id, lifecycle_event_id: null, observed_at: Math.min(...accepted.map((a) => a.ts)) });
      }
      // "session with a denied access at ts > D + skew; ... medium when any such attempt
      //  has an ip not among the ips seen, or a user_agent not among those seen, on the
      //  session at or before D (creation record and every access with ts <= D); nulls
      //  are never new and never seen"
      const attempts = h.accesses.filter((a) => a.session_id === s.session_id && a.outcome === 'denied' && a.ts > D + p.skew);
      if (attempts.length) {
        const before = h.accesses.filter((a) => a.session_id === s.session_id && a.ts <= D);
        const ips = new Set([s.ip, ...before.map((a) => a.ip)].filter((x) => x !== null));
        const uas = new Set([s.user_agent, ...before.map((a) => a.user_agent)].filter((x) => x !== null));
        const fresh = attempts.some((a) => (a.ip !== null && !ips.has(a.ip)) || (a.user_agent !== null && !uas.has(a.user_agent)));
        add('revoked-session-reuse-attempt', fresh, { subject_id: s.subject_id, session_id: s.session_id, lifecycle_event_id: null, observed_at: Math.min(...attempts.map((a) => a.ts)) });
      }
    }

    // "session whose subject had an offboarded/deactivated/suspended/deleted event e with
    //  e.ts < created_at and no reactivated r with e.ts <= r.ts <= created_at; the latest
    //  such e (ties: greatest event_id)"
    const offs = h.events.filter(
      (e) =>
        e.subject_id === s.subject_id && OFFBOARDING.includes(e.kind) && e.ts < s.created_at &&
        !h.events.some((r) => r.subject_id === s.subject_id && r.kind === 'reactivated' && e.ts <= r.ts && r.ts <= s.created_at),
    );
    if (offs.length) {
      const latest = offs.reduce((a, b) => (b.ts > a.ts || (b.ts === a.ts && b.event_id > a.event_id) ? b : a));
      add('login-after-offboarding', false, { subject_id: s.subject_id, session_id: s.session_id, lifecycle_event_id: latest.event_id, observed_at: s.created_at });
    }

    // "session whose creation record lacks ip or user_agent"
    if (s.ip === null || s.user_agent === null) {
      add('session-inventory-incomplete', false, { subject_id: s.subject_id, session_id: s.session_id, lifecycle_event_id: null, observed_at: s.created_at });
    }
  }

  // revocation-audit-incomplete: "(subject, session_id) having at least one revocation with
  // no actor_id ... (and, with policy require_revocation_reason, no reason)"; revocations
  // of a session never created take part in no rule.
  const groups = new Map<string, RefFinding>();
  for (const r of h.revocations) {
    if (r.session_id !== null && !sessionOf(r.session_id)) continue;
    if (!(r.actor_id === null || (p.require_revocation_reason && r.reason === null))) continue;
    const subject = r.subject_id ?? (r.session_id !== null ? sessionOf(r.session_id)!.subject_id : null);
    const key = JSON.stringify([subject, r.session_id]);
    const seen = groups.get(key);
    if (!seen || r.ts < seen.observed_at) {
      groups.set(key, { rule: 'revocation-audit-incomplete', severity: severity(p, 'revocation-audit-incomplete', false), subject_id: subject, session_id: r.session_id, lifecycle_event_id: null, observed_at: r.ts });
    }
  }
  out.push(...groups.values());

  return out.filter((f) => inPeriod(p, f.observed_at));
}
