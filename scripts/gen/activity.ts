// Routine activity: a unit's quota of session.activity records spread over its sessions in
// proportion to how long and how intensely each is used, always inside the session's use
// window (so nothing is used after it ended). Mostly allowed; a few denied for scope.
import { AGENT_ACTIONS, DENIED_REASONS, PERSON_ACTIONS } from './catalog.ts';
import type { Session } from './context.ts';
import type { Rng } from './prng.ts';
import { access, type Rec } from './records.ts';
import { SEC } from './time.ts';

const DENIED_SHARE = 0.03;
const ALT_IP_SHARE = 0.1;

/** Activity weight of sessions inside [from, to): hours of use times intensity. */
export function weightIn(sessions: readonly Session[], from: number, to: number): number {
  let total = 0;
  for (const s of sessions) total += overlap(s, from, to) * s.intensity;
  return total;
}

function overlap(s: Session, from: number, to: number): number {
  return Math.max(0, Math.min(s.useTo, to) - Math.max(s.useFrom, from));
}

/** Splits n into integer shares proportional to weights (largest remainder; deterministic). */
export function apportion(n: number, weights: ArrayLike<number>): number[] {
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i]!;
  const shares = new Array<number>(weights.length).fill(0);
  // Nothing to share, or nowhere to put it (the caller checks the total it gets back).
  if (n <= 0 || total <= 0) return shares;
  const fractions: Array<[number, number]> = [];
  let given = 0;
  for (let i = 0; i < weights.length; i++) {
    const exact = (n * weights[i]!) / total;
    shares[i] = Math.floor(exact);
    given += shares[i]!;
    fractions.push([exact - shares[i]!, i]);
  }
  fractions.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; k < n - given; k++) shares[fractions[k]![1]]! += 1;
  return shares;
}

export interface ActivityPlan {
  /** Records in [from, to): exactly `quota` of them. */
  from: number;
  to: number;
  quota: number;
  /** Then records in [extraFrom, extraTo) at the same rate per weight (the extra day). */
  extraFrom: number;
  extraTo: number;
  /** Records per unit of weight, when the unit has no weight of its own in [from, to). */
  fallbackRate: number;
}

/** Emits a unit's routine activity; ids are `ac-<unit>-<n>`. */
export function emitActivity(u: number, sessions: readonly Session[], plan: ActivityPlan, rng: Rng, out: (rec: Rec) => void): void {
  const prefix = `ac-${u.toString(36)}-`;
  let n = 0;
  const emitIn = (s: Session, count: number, from: number, to: number) => {
    if (count <= 0) return;
    const times = new Float64Array(count);
    for (let i = 0; i < count; i++) times[i] = from + rng.next() * (to - from);
    times.sort();
    const actions = s.agent ? AGENT_ACTIONS : PERSON_ACTIONS;
    for (let i = 0; i < count; i++) {
      const denied = rng.next() < DENIED_SHARE;
      const ip = s.altIps.length > 0 && rng.next() < ALT_IP_SHARE ? rng.pick(s.altIps) : s.ip;
      out(access(prefix + (n++).toString(36), {
        ts: Math.floor(times[i]! / SEC) * SEC,
        sessionId: s.id,
        subject: s.subject,
        ip,
        ua: s.ua,
        action: rng.weighted(actions),
        outcome: denied ? 'denied' : 'allowed',
        reason: denied ? rng.pick(DENIED_REASONS) : undefined,
      }));
    }
  };

  const weights = sessions.map((s) => overlap(s, plan.from, plan.to) * s.intensity);
  const shares = apportion(plan.quota, weights);
  sessions.forEach((s, i) => emitIn(s, shares[i]!, Math.max(s.useFrom, plan.from), Math.min(s.useTo, plan.to)));

  const total = weights.reduce((a, b) => a + b, 0);
  const rate = total > 0 ? plan.quota / total : plan.fallbackRate;
  for (const s of sessions) {
    const count = rng.round(overlap(s, plan.extraFrom, plan.extraTo) * s.intensity * rate);
    emitIn(s, count, Math.max(s.useFrom, plan.extraFrom), Math.min(s.useTo, plan.extraTo));
  }
}
