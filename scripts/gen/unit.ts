// One unit of the organisation: a person, their devices and agents, their lifecycle events,
// every session and the records around them (routine activity is added later, by quota).
import { AUTH_METHODS, USER_AGENTS, ip, type DeviceKind } from './catalog.ts';
import { CHAIN_DEFAULTS, runChain, type ChainSpec } from './chains.ts';
import { deviceIdAt, UnitCtx, type Device } from './context.ts';
import { setupPlant } from './plants.ts';
import { Rng } from './prng.ts';
import { lifecycle, revocation } from './records.ts';
import { backgroundSchedule, requiresRevocation, type LEvent } from './schedule.ts';
import type { World } from './world.ts';

export interface Unit extends UnitCtx {
  agents: number;
}

/** Simulates unit u. Deterministic: the same world and u give the same records. */
export function simulateUnit(w: World, u: number): Unit {
  const rng = new Rng(`${w.seed}:unit:${u}`);
  const person = `u-${String(u).padStart(6, '0')}`;
  const ctx = new UnitCtx(w, u, rng, person);
  const plant = w.plantOf[u];

  const kinds: DeviceKind[] = ['laptop'];
  if (rng.chance(0.7)) kinds.push('browser');
  if (rng.chance(0.8)) kinds.push('phone');
  if (rng.chance(0.15)) kinds.push('tablet');
  const devices = new Map<DeviceKind, Device>();
  for (const kind of kinds) {
    if (kind === 'browser') continue; // the web app runs on the laptop
    const ua = kind === 'laptop' ? rng.pick(USER_AGENTS.laptop) : kind === 'phone' ? rng.pick(USER_AGENTS.phone) : rng.pick(USER_AGENTS.tablet);
    devices.set(kind, { kind, baseId: `dev-${u.toString(36)}-${kind}`, ua, lostAt: [] });
  }
  const officeIp = ip.office(u);
  const homeIp = ip.home(u * 7 + 3);
  const agentCount = plant?.kind === 'agent-outlived' ? 1 : rng.chance(0.2) ? (rng.chance(0.25) ? 2 : 1) : 0;
  const agents = Array.from({ length: agentCount }, (_, k) => {
    const type = rng.chance(0.25) ? ('service' as const) : ('agent' as const);
    return { id: `${type === 'agent' ? 'agent' : 'svc'}-${String(u).padStart(6, '0')}-${k + 1}`, type };
  });

  const planted = plant
    ? setupPlant(ctx, plant, { laptopUa: devices.get('laptop')!.ua, officeIp, homeIp, agent: agents[0] })
    : undefined;
  const background = backgroundSchedule(rng, w, {
    person,
    devices: kinds,
    nextId: () => ctx.id('lc'),
    quietFrom: planted?.quietFrom,
    forced: w.forcedKind[u],
  });
  const events: LEvent[] = [...background, ...(planted?.events ?? [])].sort((a, b) => a.t - b.t);
  resolveLostDevices(events, devices);

  for (const spec of chainSpecs(ctx, kinds, devices, agents, officeIp, homeIp)) runChain(ctx, spec, events);

  for (const ev of events) {
    ctx.emit(lifecycle({ id: ev.id, t: ev.t, kind: ev.kind, subject: person, actor: ev.actor, initiatingSession: ev.initiatingSession, device: ev.device, reason: ev.reason }));
    if (ev.scopeAll && requiresRevocation(ev.kind)) {
      ctx.emit(revocation(ctx.id('rv'), { ts: ev.allTime, subject: person, actor: ev.noActor ? undefined : 'system:idp', reason: `all sessions revoked after ${ev.kind.replaceAll('_', ' ')}`, trigger: ev.id }));
    }
  }
  return Object.assign(ctx, { agents: agentCount });
}

/** Gives each device_lost event the id its device had then; later sessions get a new id. */
function resolveLostDevices(events: LEvent[], devices: Map<DeviceKind, Device>): void {
  for (const ev of events) {
    const device = ev.deviceKind ? devices.get(ev.deviceKind) : undefined;
    if (ev.kind !== 'device_lost' || !device || ev.device !== undefined) continue;
    ev.device = deviceIdAt(device, ev.t);
    device.lostAt.push(ev.t);
  }
}

function chainSpecs(
  ctx: UnitCtx,
  kinds: readonly DeviceKind[],
  devices: Map<DeviceKind, Device>,
  agents: ReadonlyArray<{ id: string; type: 'agent' | 'service' }>,
  officeIp: string,
  homeIp: string,
): ChainSpec[] {
  const { rng, u } = ctx;
  const specs: ChainSpec[] = [];
  for (const kind of kinds) {
    const device = devices.get(kind === 'browser' ? 'laptop' : kind)!;
    const mobile = ip.mobile(u * 31 + kinds.indexOf(kind));
    const primary = kind === 'phone' || kind === 'tablet' ? mobile : rng.chance(0.6) ? officeIp : homeIp;
    specs.push({
      kind, subject: ctx.person, subjectType: 'user', device, ua: device.ua, ip: primary,
      altIps: primary === mobile ? [ip.mobile(u * 31 + 17), homeIp] : [primary === officeIp ? homeIp : officeIp],
      auth: () => rng.pick(AUTH_METHODS[kind]), ...CHAIN_DEFAULTS[kind],
    });
  }
  agents.forEach((agent, k) => {
    specs.push({
      kind: 'agent', subject: agent.id, subjectType: agent.type, owner: ctx.person, ua: rng.pick(USER_AGENTS.agent),
      ip: ip.cloud(u + k), altIps: [ip.cloud(u + k + 101)], auth: () => rng.pick(AUTH_METHODS.agent), ...CHAIN_DEFAULTS.agent,
    });
  });
  return specs;
}
