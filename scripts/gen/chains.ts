// Background sessions: each device (and each agent) holds one session at a time, ending by
// logout, expiry, a self-service revocation, or — when a lifecycle event requires it — a
// revocation well within the SLA. Then, after a gap, it signs in again. No rule fires on
// these: every required session is revoked in time and nothing is used after it ended.
import { ADMINS, STALE_REASONS, type DeviceKind } from './catalog.ts';
import { deviceIdAt, type Device, type UnitCtx } from './context.ts';
import { access, revocation, sessionEnded } from './records.ts';
import { blockedIntervals, nextStart, sec, SKEW, type LEvent } from './schedule.ts';
import { DAY, HOUR, MIN, SEC } from './time.ts';
import { ALL_SESSION_KINDS } from './world.ts';

/** How sessions on one device or of one agent behave. */
export interface ChainSpec {
  kind: DeviceKind | 'agent';
  subject: string;
  subjectType: 'user' | 'agent' | 'service';
  owner?: string | undefined;
  device?: Device | undefined;
  ua: string;
  ip: string;
  altIps: readonly string[];
  auth: () => string;
  lifetime: readonly [number, number];
  pLogout: number;
  pSelfRevoke: number;
  pExpiredRecord: number;
  gap: readonly [number, number];
  intensity: number;
}

export const CHAIN_DEFAULTS: Record<DeviceKind | 'agent', Pick<ChainSpec, 'lifetime' | 'pLogout' | 'pSelfRevoke' | 'pExpiredRecord' | 'gap' | 'intensity'>> = {
  laptop: { lifetime: [7 * DAY, 14 * DAY], pLogout: 0.25, pSelfRevoke: 0.02, pExpiredRecord: 0.6, gap: [10 * MIN, 14 * HOUR], intensity: 1 },
  browser: { lifetime: [10 * HOUR, 10 * HOUR], pLogout: 0.35, pSelfRevoke: 0.01, pExpiredRecord: 0.6, gap: [12 * HOUR, 40 * HOUR], intensity: 3 },
  phone: { lifetime: [30 * DAY, 30 * DAY], pLogout: 0.05, pSelfRevoke: 0.02, pExpiredRecord: 0.6, gap: [5 * MIN, 2 * HOUR], intensity: 0.4 },
  tablet: { lifetime: [30 * DAY, 30 * DAY], pLogout: 0.05, pSelfRevoke: 0.02, pExpiredRecord: 0.6, gap: [1 * HOUR, 3 * DAY], intensity: 0.2 },
  agent: { lifetime: [8 * HOUR, 24 * HOUR], pLogout: 0.1, pSelfRevoke: 0, pExpiredRecord: 0.3, gap: [0, 10 * MIN], intensity: 2 },
};

type NaturalEnd = 'logout' | 'expiry' | 'revoked';

/** Runs one chain over the period against the person's lifecycle events. */
export function runChain(ctx: UnitCtx, spec: ChainSpec, events: readonly LEvent[]): void {
  const { rng, w } = ctx;
  const blocks = blockedIntervals(events);
  let t = w.start + rng.range(0, spec.kind === 'agent' ? 2 * DAY : 12 * HOUR);
  for (;;) {
    const c = nextStart(sec(t), blocks);
    if (c === undefined || c >= w.nextEnd) return;
    const lifetime = rng.range(spec.lifetime[0], spec.lifetime[1]);
    const e = sec(c + lifetime);
    const r = rng.next();
    const natural: NaturalEnd = r < spec.pLogout ? 'logout' : r < spec.pLogout + spec.pSelfRevoke ? 'revoked' : 'expiry';
    const x = natural === 'expiry' ? e : sec(c + rng.range(0.1, 0.9) * lifetime);
    const id = ctx.id('s');
    const device = spec.device ? deviceIdAt(spec.device, c) : undefined;

    // The first event that requires this session: live at T (created <= T, not expired,
    // not ended before T - skew; a margin of a minute keeps clear of the boundary).
    let hit: LEvent | undefined;
    for (const ev of events) {
      if (ev.t < c) continue;
      if (ev.t >= e || (natural !== 'expiry' && ev.t >= x + SKEW + MIN)) break;
      if (requires(spec, ev, device, id, ev.t < x)) {
        hit = ev;
        break;
      }
    }

    const scoped = hit !== undefined && hit.scopeAll && spec.kind !== 'agent';
    const end = hit ? (scoped ? hit.allTime : sec(hit.t + rng.range(2 * SEC, 10 * MIN))) : x;
    ctx.addSession({
      id, subject: spec.subject, subjectType: spec.subjectType, owner: spec.owner, created: c, expires: e,
      ip: spec.ip, ua: spec.ua, device, auth: spec.auth(), useTo: end, intensity: spec.intensity, altIps: spec.altIps,
    });
    if (hit) {
      if (!scoped) {
        const actor = hit.actor?.startsWith('u-admin') ? hit.actor : 'system:idp';
        ctx.emit(revocation(ctx.id('rv'), { ts: end, sessionId: id, subject: spec.subject, actor, reason: `revoked after ${hit.kind.replaceAll('_', ' ')}`, trigger: hit.id }));
      }
      // A stale tab retrying within the skew: denied, and too soon to count as reuse.
      if (rng.chance(0.08)) {
        ctx.emit(access(ctx.id('ev'), { ts: sec(end + rng.range(5 * SEC, 90 * SEC)), sessionId: id, subject: spec.subject, ip: spec.ip, ua: spec.ua, action: 'api.read', outcome: 'denied', reason: rng.pick(STALE_REASONS) }));
      }
    } else if (natural === 'logout') ctx.emit(sessionEnded(ctx.id('ev'), x, id, spec.subject, 'logout'));
    else if (natural === 'revoked') {
      const actor = rng.chance(0.7) ? ctx.person : rng.pick(ADMINS);
      ctx.emit(revocation(ctx.id('rv'), { ts: x, sessionId: id, subject: spec.subject, actor, reason: 'signed out from the device list' }));
    } else if (rng.chance(spec.pExpiredRecord)) ctx.emit(sessionEnded(ctx.id('ev'), e, id, spec.subject, 'expired'));
    t = end + rng.range(spec.gap[0], spec.gap[1]);
  }
}

/**
 * Does event ev require this session? A password change keeps the session it was made from
 * (the first live one on its initiating device), so that one is marked and spared.
 */
function requires(spec: ChainSpec, ev: LEvent, device: string | undefined, id: string, active: boolean): boolean {
  if (ALL_SESSION_KINDS.has(ev.kind)) return true;
  if (spec.kind === 'agent') return false;
  if (ev.kind === 'password_changed') {
    if (ev.initiatingDevice === spec.kind && ev.initiatingSession === undefined && active) {
      ev.initiatingSession = id;
      return false;
    }
    return true;
  }
  if (ev.kind === 'device_lost') return ev.device !== undefined && ev.device === device;
  return false;
}
