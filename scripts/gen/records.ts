// Native records (DESIGN.md "Native record format") as JSON lines. Keys come in a fixed
// order and absent fields are left out, so the same unit gives the same bytes every time.
import { iso } from './time.ts';

/** The export a record belongs to; activity is further split by month. */
export type FileKind = 'sessions' | 'activity' | 'lifecycle' | 'revocations';

/** One generated record: when it happened, which export it goes to, and its JSON line. */
export interface Rec {
  ts: number;
  file: FileKind;
  line: string;
}

type Fields = Record<string, string | undefined>;

const NEEDS_ESCAPE = /["\\\u0000-\u001f]/;

/** A JSON object from string fields in insertion order, undefined fields left out. */
export function jsonLine(fields: Fields): string {
  let out = '';
  for (const key in fields) {
    const v = fields[key];
    if (v === undefined) continue;
    out += `${out ? ',' : '{'}"${key}":${NEEDS_ESCAPE.test(v) ? JSON.stringify(v) : `"${v}"`}`;
  }
  return `${out}}`;
}

export interface SessionFields {
  id: string;
  subject: string;
  subjectType: 'user' | 'agent' | 'service';
  owner?: string | undefined;
  created: number;
  expires: number;
  ip?: string | undefined;
  ua?: string | undefined;
  device?: string | undefined;
  auth: string;
}

export function sessionCreated(eventId: string, s: SessionFields): Rec {
  return {
    ts: s.created,
    file: 'sessions',
    line: jsonLine({
      type: 'session.created',
      event_id: eventId,
      ts: iso(s.created),
      session_id: s.id,
      subject_id: s.subject,
      subject_type: s.subjectType === 'user' ? undefined : s.subjectType,
      owner_id: s.owner,
      expires_at: iso(s.expires),
      ip: s.ip,
      user_agent: s.ua,
      device_id: s.device,
      auth_method: s.auth,
    }),
  };
}

export function sessionEnded(eventId: string, ts: number, sessionId: string, subject: string, reason: 'logout' | 'expired'): Rec {
  return {
    ts,
    file: 'sessions',
    line: jsonLine({ type: 'session.ended', event_id: eventId, ts: iso(ts), session_id: sessionId, subject_id: subject, reason }),
  };
}

export interface RevocationFields {
  ts: number;
  sessionId?: string | undefined;
  subject: string;
  actor?: string | undefined;
  reason: string;
  trigger?: string | undefined;
}

export function revocation(eventId: string, r: RevocationFields): Rec {
  return {
    ts: r.ts,
    file: 'revocations',
    line: jsonLine({
      type: 'session.revoked',
      event_id: eventId,
      ts: iso(r.ts),
      session_id: r.sessionId,
      subject_id: r.subject,
      actor_id: r.actor,
      reason: r.reason,
      trigger_event_id: r.trigger,
    }),
  };
}

export interface LifecycleFields {
  id: string;
  t: number;
  kind: string;
  subject: string;
  actor?: string | undefined;
  initiatingSession?: string | undefined;
  device?: string | undefined;
  reason?: string | undefined;
}

export function lifecycle(e: LifecycleFields): Rec {
  return {
    ts: e.t,
    file: 'lifecycle',
    line: jsonLine({
      type: `subject.${e.kind}`,
      event_id: e.id,
      ts: iso(e.t),
      subject_id: e.subject,
      actor_id: e.actor,
      initiating_session_id: e.initiatingSession,
      device_id: e.device,
      reason: e.reason,
    }),
  };
}

export interface AccessFields {
  ts: number;
  sessionId: string;
  subject: string;
  ip?: string | undefined;
  ua?: string | undefined;
  action: string;
  outcome: 'allowed' | 'denied';
  reason?: string | undefined;
}

/** A session.activity line. Built by hand: this is the hot path (most records are activity). */
export function access(eventId: string, a: AccessFields): Rec {
  let line = `{"type":"session.activity","event_id":"${eventId}","ts":"${iso(a.ts)}","session_id":"${a.sessionId}","subject_id":"${a.subject}"`;
  if (a.ip !== undefined) line += `,"ip":"${a.ip}"`;
  if (a.ua !== undefined) line += `,"user_agent":"${a.ua}"`;
  line += `,"action":"${a.action}","outcome":"${a.outcome}"`;
  if (a.reason !== undefined) line += `,"reason":"${a.reason}"`;
  return { ts: a.ts, file: 'activity', line: `${line}}` };
}
