// Planted violations. Each lives in a person of its own, on a dedicated session that no
// background event touches (the person has no lifecycle events after `quietFrom` other than
// the plant's own), so every plant gives exactly one finding of its rule.
import { ADMINS, USER_AGENTS, ip } from './catalog.ts';
import type { UnitCtx } from './context.ts';
import { access, revocation, sessionEnded } from './records.ts';
import { makeEvent, sec, SKEW, SLA, type LEvent } from './schedule.ts';
import { DAY, HOUR, MIN } from './time.ts';
import type { Kind, PlantKind } from './world.ts';

/** What the unit knows about the person a plant is set in. */
export interface PlantEnv {
  laptopUa: string;
  officeIp: string;
  homeIp: string;
  agent?: { id: string; type: 'agent' | 'service' } | undefined;
}

export interface PlantSetup {
  /** Background lifecycle events only before this time. */
  quietFrom: number;
  /** The plant's own lifecycle events (already given their ids). */
  events: LEvent[];
}

const SURVIVE_KINDS: readonly Kind[] = [
  'password_reset', 'offboarded', 'credential_compromised', 'mfa_reset', 'sign_out_everywhere',
  'suspended', 'sso_deactivated', 'deactivated', 'password_changed', 'device_lost',
];
const AGENT_KINDS: readonly Kind[] = ['offboarded', 'password_reset', 'suspended', 'credential_compromised', 'sign_out_everywhere', 'mfa_reset'];
const GONE_KINDS: readonly Kind[] = ['offboarded', 'deactivated', 'suspended', 'deleted'];

/** Sets up one planted violation: its dedicated session(s), records and lifecycle events. */
export function setupPlant(ctx: UnitCtx, plant: { kind: PlantKind; nth: number }, env: PlantEnv): PlantSetup {
  const { rng, w } = ctx;
  const p0 = sec(rng.range(w.start + 2 * DAY, w.mainEnd - 3 * DAY));
  const event = (t: number, kind: Kind, scopeAll = false): LEvent => ({
    ...makeEvent(rng, { person: ctx.person, nextId: () => ctx.id('lc') }, t, kind),
    scopeAll,
  });
  const dedicated = (created: number, expires: number, useTo: number, extra: { ip?: string | undefined; ua?: string | undefined; device?: string } = {}) =>
    ctx.addSession({
      id: ctx.id('s'), subject: ctx.person, subjectType: 'user', created, expires,
      ip: 'ip' in extra ? extra.ip : env.officeIp, ua: 'ua' in extra ? extra.ua : env.laptopUa,
      device: extra.device ?? `dev-${ctx.u}-desktop`, auth: 'sso', useTo, intensity: 1,
    });
  const uses = (n: number, from: number, to: number, s: { id: string }, o: { ip?: string | undefined; ua?: string | undefined; outcome: 'allowed' | 'denied'; reason?: string }) => {
    const times = Array.from({ length: n }, () => sec(rng.range(from, to))).sort((a, b) => a - b);
    for (const ts of times) ctx.emit(access(ctx.id('ev'), { ts, sessionId: s.id, subject: ctx.person, ip: o.ip, ua: o.ua, action: 'api.read', outcome: o.outcome, reason: o.reason }));
  };

  switch (plant.kind) {
    case 'survived-uncovered':
    case 'survived-late':
    case 'survived-used': {
      const kind = SURVIVE_KINDS[plant.nth % SURVIVE_KINDS.length]!;
      const T = sec(p0 + rng.range(2 * HOUR, 20 * HOUR));
      const ev = event(T, kind);
      const e = p0 + 7 * DAY;
      const s = dedicated(p0, e, T + rng.range(MIN, 5 * MIN));
      if (kind === 'device_lost') ev.device = `dev-${ctx.u}-desktop`;
      if (plant.kind === 'survived-late') {
        ctx.emit(revocation(ctx.id('rv'), { ts: sec(T + SLA + rng.range(5 * MIN, 4 * HOUR)), sessionId: s.id, subject: ctx.person, actor: rng.pick(ADMINS), reason: 'found in access review', trigger: ev.id }));
      } else {
        if (plant.kind === 'survived-used') uses(rng.int(1, 3), T + SLA + MIN, T + SLA + 6 * HOUR, s, { ip: s.ip, ua: s.ua, outcome: 'allowed' });
        ctx.emit(sessionEnded(ctx.id('ev'), e, s.id, ctx.person, 'expired'));
      }
      return { quietFrom: p0 - 2 * DAY, events: [ev] };
    }
    case 'agent-outlived': {
      const agent = env.agent!;
      const T = sec(p0 + rng.range(2 * HOUR, 20 * HOUR));
      const ev = event(T, AGENT_KINDS[plant.nth % AGENT_KINDS.length]!, rng.chance(0.5));
      const created = sec(T - rng.range(HOUR, 6 * HOUR));
      ctx.addSession({
        id: ctx.id('s'), subject: agent.id, subjectType: agent.type, owner: ctx.person, created, expires: created + DAY,
        ip: ip.cloud(ctx.u), ua: USER_AGENTS.agent[0], auth: 'delegated_oauth', useTo: T + rng.range(MIN, 5 * MIN), intensity: 2,
      });
      return { quietFrom: p0 - 2 * DAY, events: [ev] };
    }
    case 'accepted-after-revocation':
    case 'reuse-same-client':
    case 'reuse-new-client':
    case 'revocation-without-actor': {
      if (plant.kind === 'revocation-without-actor' && plant.nth % 2 === 1) {
        // A "sign out everywhere" whose one scope-all revocation names no actor.
        const ev = event(p0, 'sign_out_everywhere', true);
        ev.noActor = true;
        return { quietFrom: p0 - 2 * DAY, events: [ev] };
      }
      const D = sec(p0 + rng.range(2 * HOUR, DAY));
      const s = dedicated(p0, p0 + 14 * DAY, D - rng.range(MIN, 30 * MIN), { device: `dev-${ctx.u}-kiosk` });
      if (plant.kind === 'revocation-without-actor') {
        ctx.emit(revocation(ctx.id('rv'), { ts: D, sessionId: s.id, subject: ctx.person, reason: 'revoked via API' }));
      } else if (plant.nth % 2 === 0) {
        ctx.emit(revocation(ctx.id('rv'), { ts: D, sessionId: s.id, subject: ctx.person, actor: ctx.person, reason: 'signed out from the device list' }));
      } else {
        ctx.emit(sessionEnded(ctx.id('ev'), D, s.id, ctx.person, 'logout'));
      }
      const after = D + SKEW + 5 * MIN;
      if (plant.kind === 'accepted-after-revocation') uses(rng.int(1, 3), after, after + 12 * HOUR, s, { ip: s.ip, ua: s.ua, outcome: 'allowed' });
      if (plant.kind === 'reuse-same-client') uses(rng.int(1, 4), after, after + 12 * HOUR, s, { ip: s.ip, ua: s.ua, outcome: 'denied', reason: 'session_revoked' });
      if (plant.kind === 'reuse-new-client') {
        uses(rng.int(1, 4), after, after + 12 * HOUR, s, { ip: ip.attacker(ctx.u), ua: rng.pick(USER_AGENTS.attacker), outcome: 'denied', reason: 'session_revoked' });
      }
      return { quietFrom: p0 - 2 * DAY, events: [] };
    }
    case 'login-after-offboarding': {
      const ev = event(p0, GONE_KINDS[plant.nth % GONE_KINDS.length]!, rng.chance(0.5));
      const c = sec(p0 + rng.range(6 * HOUR, 36 * HOUR));
      const end = sec(c + rng.range(30 * MIN, 2 * HOUR));
      const s = dedicated(c, c + 12 * HOUR, end, { ip: env.homeIp });
      ctx.emit(sessionEnded(ctx.id('ev'), end, s.id, ctx.person, 'logout'));
      return { quietFrom: p0 - 2 * DAY, events: [ev] };
    }
    case 'session-without-ip-or-ua': {
      const variant = plant.nth % 3;
      const s = dedicated(p0, p0 + 8 * HOUR, p0 + rng.range(HOUR, 6 * HOUR), {
        ip: variant === 1 ? env.officeIp : undefined,
        ua: variant === 0 ? env.laptopUa : undefined,
        device: `dev-${ctx.u}-cli`,
      });
      ctx.emit(sessionEnded(ctx.id('ev'), p0 + 8 * HOUR, s.id, ctx.person, 'expired'));
      return { quietFrom: p0 - 2 * DAY, events: [] };
    }
    case 'next-day-accepted': {
      const c = sec(Math.max(w.start + DAY, w.mainEnd - rng.range(3 * DAY, 5 * DAY)));
      const D = sec(c + rng.range(2 * HOUR, DAY));
      const s = dedicated(c, c + 14 * DAY, D - rng.range(MIN, 30 * MIN), { device: `dev-${ctx.u}-kiosk` });
      ctx.emit(revocation(ctx.id('rv'), { ts: D, sessionId: s.id, subject: ctx.person, actor: rng.pick(ADMINS), reason: 'suspicious sign-in' }));
      uses(rng.int(1, 3), w.mainEnd + HOUR, w.mainEnd + 20 * HOUR, s, { ip: s.ip, ua: s.ua, outcome: 'allowed' });
      return { quietFrom: c - 2 * DAY, events: [] };
    }
    case 'next-day-survived': {
      // A session created weeks ago, still live when a reset comes on the extra day.
      const c = sec(Math.max(w.start + DAY, w.mainEnd - rng.range(15 * DAY, 25 * DAY)));
      const T = sec(w.mainEnd + rng.range(HOUR, 12 * HOUR));
      const ev = event(T, 'password_reset');
      dedicated(c, c + 40 * DAY, T + rng.range(MIN, 5 * MIN));
      return { quietFrom: c - DAY, events: [ev] };
    }
  }
}
