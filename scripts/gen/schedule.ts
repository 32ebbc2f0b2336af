// A person's lifecycle events over the period (password changes, resets, suspensions,
// offboarding ...), and the intervals in which no new session may start because of them.
import { ADMINS, LIFECYCLE_REASONS, SYSTEM_ACTORS, type DeviceKind } from './catalog.ts';
import type { Rng } from './prng.ts';
import { DAY, HOUR, MIN, SEC } from './time.ts';
import { ALL_SESSION_KINDS, TERMINAL_KINDS, type Kind, type World } from './world.ts';

/** The revocation deadline the data is generated against (the default policy: sla 15 min, skew 2 min). */
export const SLA = 15 * MIN;
export const SKEW = 2 * MIN;

/** One lifecycle event of a person and how the identity provider answers it. */
export interface LEvent {
  id: string;
  t: number;
  kind: Kind;
  actor?: string | undefined;
  reason: string;
  /** device_lost: which of the person's devices, resolved to its id at t. */
  deviceKind?: DeviceKind | undefined;
  device?: string | undefined;
  /** password_changed: the device whose live session made the change (and is kept). */
  initiatingDevice?: DeviceKind | undefined;
  initiatingSession?: string | undefined;
  /** Revoke with one record naming the subject (session_id null) at allTime, else per session. */
  scopeAll: boolean;
  allTime: number;
  /** Planted: the scope-all revocation lacks its actor. */
  noActor?: boolean | undefined;
}

/** Does this kind ask for revocations at all (the default policy)? */
export const requiresRevocation = (kind: Kind): boolean => ALL_SESSION_KINDS.has(kind) || kind === 'password_changed' || kind === 'device_lost';

/** Whole seconds, the resolution of every generated time. */
export const sec = (ms: number): number => Math.floor(ms / SEC) * SEC;

const BACKGROUND_KINDS: readonly (readonly [Kind, number])[] = [
  ['password_changed', 30],
  ['permissions_changed', 20],
  ['password_reset', 15],
  ['mfa_reset', 8],
  ['sign_out_everywhere', 6],
  ['device_lost', 3],
  ['credential_compromised', 2],
  ['sso_deactivated', 1],
  ['suspended', 2],
];
const SCOPE_ALL_SHARE: Partial<Record<Kind, number>> = {
  offboarded: 0.6, deactivated: 0.6, deleted: 0.6, suspended: 0.6, sign_out_everywhere: 0.6,
  credential_compromised: 0.6, sso_deactivated: 0.6, password_reset: 0.3, mfa_reset: 0.3,
};
const MEAN_GAP = 30 * DAY;
const OFFBOARDED_PER_QUARTER = 0.015;

export interface ScheduleOptions {
  person: string;
  devices: readonly DeviceKind[];
  nextId: () => string;
  /** Only events before this time, and none that ends the person (planted units). */
  quietFrom?: number | undefined;
  forced?: Kind | undefined;
}

/** Builds one lifecycle event with its actor, reason and revocation style. */
export function makeEvent(rng: Rng, o: Pick<ScheduleOptions, 'person' | 'nextId'>, t: number, kind: Kind): LEvent {
  const actor =
    kind === 'password_changed' || kind === 'sign_out_everywhere' ? o.person
    : TERMINAL_KINDS.has(kind) ? 'system:hr-sync'
    : rng.chance(0.5) ? rng.pick(ADMINS) : rng.pick(SYSTEM_ACTORS);
  const scopeAll = rng.chance(SCOPE_ALL_SHARE[kind] ?? 0);
  return {
    id: o.nextId(),
    t: sec(t),
    kind,
    actor,
    reason: rng.pick(LIFECYCLE_REASONS[kind]!),
    scopeAll,
    allTime: sec(t + rng.range(3 * SEC, 8 * MIN)),
    ...(kind === 'password_changed' ? { initiatingDevice: 'laptop' as const } : {}),
  };
}

/** A person's background lifecycle events, sorted, with follow-ups and terminal truncation. */
export function backgroundSchedule(rng: Rng, w: World, o: ScheduleOptions): LEvent[] {
  const until = o.quietFrom ?? w.nextEnd;
  const raw: Array<{ t: number; kind: Kind }> = [];
  if (o.forced) {
    raw.push({ t: w.start + rng.range(0.25, 0.75) * (w.mainEnd - w.start), kind: o.forced === 'reactivated' ? 'suspended' : o.forced });
  } else {
    for (let t = w.start + rng.exp(MEAN_GAP); t < until; t += Math.max(HOUR, rng.exp(MEAN_GAP))) {
      const kind = rng.weighted(BACKGROUND_KINDS);
      if (o.quietFrom !== undefined && kind === 'suspended') continue;
      raw.push({ t, kind });
    }
    const pOff = OFFBOARDED_PER_QUARTER * (w.days / 91);
    if (o.quietFrom === undefined && rng.chance(pOff)) raw.push({ t: rng.range(w.start, w.nextEnd), kind: 'offboarded' });
  }
  raw.sort((a, b) => a.t - b.t);

  const events: LEvent[] = [];
  let last = -Infinity;
  for (let i = 0; i < raw.length; i++) {
    const { t, kind } = raw[i]!;
    if (t < last + HOUR) continue;
    const ev = makeEvent(rng, o, t, kind);
    if (kind === 'device_lost') {
      ev.deviceKind = rng.pick(o.devices.filter((d) => d !== 'browser'));
    }
    events.push(ev);
    last = t;
    if (kind === 'offboarded') {
      if (rng.chance(0.5)) events.push(makeEvent(rng, o, t + HOUR, 'deactivated'));
      if (rng.chance(0.3)) events.push(makeEvent(rng, o, t + rng.range(20, 40) * DAY, 'deleted'));
      break;
    }
    if (TERMINAL_KINDS.has(kind)) break;
    if (kind === 'suspended') {
      const back = o.forced === 'suspended' ? false : o.forced === 'reactivated' || rng.chance(0.85);
      if (!back) break;
      const r = makeEvent(rng, o, t + rng.range(1, 5) * DAY, 'reactivated');
      events.push(r);
      last = r.t;
      // Nothing happens to a suspended person until the reactivation.
      while (i + 1 < raw.length && raw[i + 1]!.t <= r.t) i++;
    }
  }
  return events.filter((e) => e.t < w.nextEnd);
}

/** Intervals (from, to] in which no session of the person (or its agents) may start. */
export function blockedIntervals(events: readonly LEvent[]): Array<[number, number]> {
  const blocks: Array<[number, number]> = [];
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    if (TERMINAL_KINDS.has(e.kind)) blocks.push([e.t - 1, Infinity]);
    else if (e.kind === 'suspended') {
      const back = events.slice(i + 1).find((x) => x.kind === 'reactivated');
      blocks.push([e.t - 1, back ? back.t : Infinity]);
    } else if (requiresRevocation(e.kind)) {
      // A session started between the event and its scope-all revocation would be revoked by it.
      blocks.push([e.t, e.t + SLA + MIN]);
    }
  }
  return blocks.sort((a, b) => a[0] - b[0]);
}

/** The first time at or after t outside every blocked interval; undefined when never. */
export function nextStart(t: number, blocks: ReadonlyArray<[number, number]>): number | undefined {
  let moved = true;
  while (moved) {
    moved = false;
    for (const [from, to] of blocks) {
      if (t > from && t <= to) {
        if (to === Infinity) return undefined;
        t = to + SEC;
        moved = true;
      }
    }
  }
  return t;
}
