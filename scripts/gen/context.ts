// What the simulation of one unit (a person and their agents) accumulates: its records
// other than routine activity, and its sessions with the window in which each is used.
import type { DeviceKind } from './catalog.ts';
import type { Rng } from './prng.ts';
import { sessionCreated, type Rec, type SessionFields } from './records.ts';
import type { World } from './world.ts';

/** A session as the activity generator needs it: who, from where, and when it is in use. */
export interface Session {
  id: string;
  subject: string;
  ip?: string | undefined;
  ua?: string | undefined;
  /** Other addresses the session is sometimes used from (roaming, VPN). */
  altIps: readonly string[];
  /** Routine activity falls in [useFrom, useTo). */
  useFrom: number;
  useTo: number;
  /** Relative activity per hour of use. */
  intensity: number;
  agent: boolean;
}

/** A physical device; it gets a new id after each device_lost event (a replacement device). */
export interface Device {
  kind: DeviceKind;
  baseId: string;
  ua: string;
  lostAt: number[];
}

/** The device's id for a session started at t. */
export function deviceIdAt(d: Device, t: number): string {
  const n = d.lostAt.filter((x) => x < t).length;
  return n === 0 ? d.baseId : `${d.baseId}-r${n}`;
}

export interface NewSession extends SessionFields {
  useTo: number;
  intensity: number;
  altIps?: readonly string[];
}

/** The state of one unit's simulation. Records at or after the extra day's end are dropped. */
export class UnitCtx {
  readonly records: Rec[] = [];
  readonly sessions: Session[] = [];
  private counter = 0;

  constructor(
    readonly w: World,
    readonly u: number,
    readonly rng: Rng,
    readonly person: string,
  ) {}

  /** A new id unique in the whole data set: prefix, unit, counter. */
  id(prefix: string): string {
    return `${prefix}-${this.u.toString(36)}-${(this.counter++).toString(36)}`;
  }

  emit(rec: Rec): void {
    if (rec.ts < this.w.nextEnd) this.records.push(rec);
  }

  /** Emits a session.created record and keeps the session for activity. */
  addSession(s: NewSession): Session {
    this.emit(sessionCreated(this.id('ev'), s));
    const session: Session = {
      id: s.id,
      subject: s.subject,
      ip: s.ip,
      ua: s.ua,
      altIps: s.altIps ?? [],
      useFrom: s.created,
      useTo: Math.max(s.created, s.useTo),
      intensity: s.intensity,
      agent: s.subjectType !== 'user',
    };
    this.sessions.push(session);
    return session;
  }
}
