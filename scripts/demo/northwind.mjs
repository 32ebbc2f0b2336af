// The demo organisation "Northwind Labs", shared by the per-quarter generators:
//
//   scripts/demo/make-demo.mjs     2026-Q3 -> fixtures/demo/         + fixtures/demo-expected.json
//   scripts/demo/make-demo-q2.mjs  2026-Q2 -> fixtures/demo-2026-Q2/ + fixtures/demo-2026-Q2-expected.json
//
// This module holds what does not depend on the quarter: time and seeded randomness, the
// people, agents and service account, the session simulation (driven by a quarter's plan of
// lifecycle events), the record builders, the writers, and the independent checker that
// re-reads the written files as DESIGN.md's "Native record format" says and evaluates
// "Rule semantics" literally. A generator supplies its quarter (`q` below) and its stories.
// Plain Node 20, node:* only; no clock is read.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

// ---------------------------------------------------------------- time & randomness
export const SEC = 1000;
export const MIN = 60 * SEC;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;
export const at = (s) => {
  const v = Date.parse(s);
  if (Number.isNaN(v)) throw new Error(`bad time literal ${s}`);
  return v;
};
// Policy: DESIGN.md's defaults.
export const SLA = 15 * MIN;
export const SKEW = 2 * MIN;

export const pad = (n, w = 2) => String(n).padStart(w, '0');
/** RFC 3339 in UTC with Z; milliseconds only when present. */
export function iso(ms) {
  const s = new Date(ms).toISOString();
  return s.endsWith('.000Z') ? `${s.slice(0, -5)}Z` : s;
}
/** RFC 3339 with a fixed offset in minutes, e.g. +02:00 (whole seconds only). */
export function isoOffset(ms, offMin) {
  const local = new Date(ms + offMin * MIN).toISOString().slice(0, 19);
  const a = Math.abs(offMin);
  return `${local}${offMin >= 0 ? '+' : '-'}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}
export const sec = (ms) => Math.floor(ms / SEC) * SEC;
/** The UTC day of an instant, YYYY-MM-DD. */
export const dayOf = (ms) => new Date(ms).toISOString().slice(0, 10);

function hash32(str) {
  let h = 0x811c9dc5;
  for (let i = 0; i < str.length; i++) {
    h ^= str.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
function mulberry32(seed) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
/** One PRNG per purpose, so changing one slot does not reshuffle the others; `seed` names the quarter. */
export const seededRngs = (seed) => (key) => mulberry32(hash32(`${seed}:${key}`));
export const between = (rng, a, b) => sec(a + rng() * (b - a));
export const pick = (rng, xs) => xs[Math.floor(rng() * xs.length)];

// ---------------------------------------------------------------- the organisation
export const UA = {
  mac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/127.0.0.0 Safari/537.36',
  win: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/127.0.0.0 Safari/537.36 Edg/127.0.2651.74',
  linux: 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
  iphone: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  android: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/127.0.6533.103 Mobile Safari/537.36',
  app: 'NorthwindMail/5.2.1 (iOS 17.5; iPhone15,2)',
  // What the stolen-token replay in story 6 sends: a comma and quotes, to exercise CSV quoting.
  replay: 'Mozilla/5.0 (compatible; "SessionReplay", like curl) v0.9',
  winFirefox: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0',
};
export const OFFICE_IP = '203.0.113.10';

// [name, full name, team]; ids are u-<name>. The people of 2026-Q3; a quarter may append leavers.
export const PEOPLE = [
  ['alice', 'Alice Moreau', 'Engineering'],
  ['bob', 'Bob Okafor', 'Sales'],
  ['carol', 'Carol Lindqvist', 'Finance'],
  ['dave', 'Dave Ferreira', 'Engineering'],
  ['erin', 'Erin Walsh', 'Marketing'],
  ['frank', 'Frank Novak', 'Support'],
  ['grace', 'Grace Adeyemi', 'Product'],
  ['heidi', 'Heidi Brandt', 'Finance'],
  ['ivan', 'Ivan Petrov', 'Engineering'],
  ['judy', 'Judy Chen', 'Design'],
  ['ken', 'Ken Watanabe', 'Sales'],
  ['laura', 'Laura Rossi', 'Legal'],
  ['mia', 'Mia Kowalski', 'Support'],
  ['niaj', 'Niaj Rahman', 'Engineering'],
  ['olivia', 'Olivia Grant', 'Sales'],
  ['peggy', 'Peggy Olsen', 'Marketing'],
  ['quentin', 'Quentin Dubois', 'Finance'],
  ['rupert', 'Rupert Hale', 'Operations'],
  ['sybil', 'Sybil Marsh', 'Engineering'],
  ['trent', 'Trent Ibarra', 'Platform'],
  ['ursula', 'Ursula Berg', 'People'],
  ['victor', 'Victor Lang', 'Sales'],
  ['walter', 'Walter Kim', 'Engineering'],
  ['xena', 'Xena Papadopoulos', 'Design'],
  ['yusuf', 'Yusuf Demir', 'Support'],
  ['zoe', 'Zoe Castillo', 'Contractor (Design)'],
  ['amir', 'Amir Haddad', 'Engineering'],
  ['bea', 'Bea Lindgren', 'Finance'],
  ['chen', 'Chen Wei', 'Finance'],
  ['dana', 'Dana Schultz', 'Operations'],
  ['elif', 'Elif Yilmaz', 'Product'],
  ['femi', 'Femi Adebayo', 'Security'],
  ['gita', 'Gita Rao', 'People'],
  ['hana', 'Hana Sato', 'IT'],
];
export const NO_PHONE = new Set(['zoe', 'rupert', 'gita', 'mia']);
export const AGENTS = [
  ['agent-victor-inbox', 'u-victor', 'NorthwindAgents/1.4 inbox-triage (+https://agents.northwind.example)', '192.0.2.201'],
  ['agent-grace-notes', 'u-grace', 'NorthwindAgents/1.4 meeting-notes (+https://agents.northwind.example)', '192.0.2.202'],
  ['agent-olivia-scheduler', 'u-olivia', 'NorthwindAgents/1.4 scheduler (+https://agents.northwind.example)', '192.0.2.203'],
];

/** Session-producing slots: a person's laptop or phone, an agent, a service account. */
export function buildSlots(people = PEOPLE, noPhone = NO_PHONE) {
  const slots = [];
  people.forEach(([name], i) => {
    const lap = ['mac', 'win', 'linux'][i % 3];
    slots.push({
      id: `${name}-laptop`,
      label: 'laptop',
      subject: `u-${name}`,
      subjectType: 'user',
      owner: null,
      device: `dev-${name}-${{ mac: 'mbp', win: 'thinkpad', linux: 'xps' }[lap]}`,
      ua: UA[lap],
      auth: i % 4 === 3 ? 'password+totp' : 'sso+webauthn',
      ips: [OFFICE_IP, `198.51.100.${10 + i}`],
      lifetime: 14 * DAY,
      logoutProb: 0.45,
    });
    if (!noPhone.has(name)) {
      const ph = ['iphone', 'android', 'app'][i % 3];
      slots.push({
        id: `${name}-phone`,
        label: 'phone',
        subject: `u-${name}`,
        subjectType: 'user',
        owner: null,
        device: `dev-${name}-${ph === 'android' ? 'pixel' : 'iphone'}`,
        ua: UA[ph],
        auth: 'sso+push',
        ips: [`192.0.2.${10 + i}`, `192.0.2.${100 + i}`],
        lifetime: 30 * DAY,
        logoutProb: 0.1,
      });
    }
  });
  for (const [id, owner, ua, ip] of AGENTS) {
    slots.push({
      id, label: 'token', subject: id, subjectType: 'agent', owner, device: null, ua,
      auth: 'oauth2-token-exchange', ips: [ip], lifetime: 14 * DAY, logoutProb: 0,
    });
  }
  // The CI deploy bot: its tokens carry no expiry; the bot signs out when it rotates weekly.
  slots.push({
    id: 'svc-ci-deploy', label: 'token', subject: 'svc-ci-deploy', subjectType: 'service', owner: 'u-trent',
    device: null, ua: 'deploybot/2.1 (+https://ci.northwind.example)', auth: 'client_credentials',
    ips: ['203.0.113.50'], lifetime: null, logoutProb: 1,
  });
  return slots;
}

// ---------------------------------------------------------------- lifecycle kinds
export const FULL_KINDS = new Set([
  'password_reset', 'offboarded', 'deactivated', 'suspended', 'deleted', 'sso_deactivated',
  'credential_compromised', 'mfa_reset', 'sign_out_everywhere',
]);
export const KINDS = new Set([...FULL_KINDS, 'password_changed', 'device_lost', 'permissions_changed', 'reactivated']);
export const OFFBOARD_KINDS = new Set(['offboarded', 'deactivated', 'suspended', 'deleted']);

// Revocation actors and reasons for the automatic per-event revocations.
export const REVOKE_BY = {
  password_reset: ['system:idp', 'password reset'],
  password_changed: ['system:idp', 'password changed'],
  mfa_reset: ['system:idp', 'MFA reset'],
  sign_out_everywhere: ['system:idp', 'sign out everywhere'],
  credential_compromised: ['u-femi', 'credential compromised'],
  offboarded: ['system:hr-offboarding', 'offboarding'],
  deactivated: ['u-hana', 'account deactivated'],
  suspended: ['u-hana', 'account suspended'],
  device_lost: ['u-hana', 'device reported lost'],
};

/**
 * Sorts a quarter's plan of lifecycle events by time, names them (`idOf(index)`), and returns
 * them by key. A plan entry: key, kind, subject, at, actor, reason, and optionally fmt (how ts
 * is written: '+02:00', 'epoch-s', 'epoch-ms'), initiatingSlot, device, handling (per slot id:
 * {keep} never revoked, or {delay, actor, reason}; default a delay drawn from q.delayRange),
 * scopeAll ({delay, noActor}: one revocation naming the subject), keepAll, noAnchor.
 */
export function numberPlan(plan, idOf) {
  plan.sort((a, b) => a.at - b.at);
  plan.forEach((e, i) => { e.id = idOf(i); });
  return Object.fromEntries(plan.map((e) => [e.key, e]));
}

/** Every lifecycle event gets its subject's laptop anchored a day or two before, so it has a live session. */
export function anchorLaptops(plan, anchors, rngFor) {
  for (const e of plan) {
    if (e.noAnchor || e.kind === 'reactivated' || e.kind === 'permissions_changed') continue;
    const slotId = `${e.subject.slice(2)}-laptop`;
    const r = rngFor(`anchor:${e.key}`);
    (anchors[slotId] ??= []).push({ at: e.at - between(r, 20 * HOUR, 50 * HOUR) });
  }
  return anchors;
}

// ---------------------------------------------------------------- simulation
/** Does event ev require a session s of slot (the contract's required set, as planned)? */
function requiresPlanned(ev, slot, s) {
  if (slot.subject === ev.subject) {
    if (FULL_KINDS.has(ev.kind)) return true;
    if (ev.kind === 'password_changed') return slot.id !== ev.initiatingSlot;
    if (ev.kind === 'device_lost') return !ev.device || s.device === ev.device;
    return false;
  }
  return FULL_KINDS.has(ev.kind) && slot.subjectType !== 'user' && slot.owner === ev.subject;
}

/**
 * Simulates every slot of quarter q and returns its sessions. q holds: rngFor, start,
 * lastCreate (no ordinary session starts later), slots, plan, anchors (slot id -> [{at,
 * lifetime?, end?}]: a session of that slot starts exactly there), blocks (subject -> [[from,
 * to)] in which it may not start sessions), sessionPrefix, deviceFor(slot, t), delayRange, and
 * optionally firstStart(slot, rng): when a slot's first session may start (default: laptops on
 * the first morning, the others within 4 days).
 */
export function simulate(q) {
  const unblock = (subject, t) => {
    for (const [from, to] of q.blocks[subject] ?? []) {
      if (t >= from && t < to) return to === Infinity ? null : to + 5 * MIN;
    }
    return t;
  };
  const newSession = (slot, n, created, rng, lifetime) => {
    const id = slot.subjectType === 'user' ? `${q.sessionPrefix}${slot.id}-${pad(n)}` : `${q.sessionPrefix}${slot.subject}-${pad(n)}`;
    const expires = lifetime === null ? null : created + lifetime;
    let natural;
    if (slot.subjectType === 'service') natural = { type: 'logout', at: created + 7 * DAY - between(rng, 0, 2 * HOUR) };
    else if (rng() < slot.logoutProb) natural = { type: 'logout', at: created + between(rng, 4 * HOUR, Math.min(10 * DAY, lifetime - HOUR)) };
    else natural = { type: 'expiry', at: expires };
    const ip = slot.label === 'laptop' ? pick(rng, slot.ips) : slot.label === 'phone' ? (rng() < 0.8 ? slot.ips[0] : slot.ips[1]) : slot.ips[0];
    return {
      id, slot, n, subject: slot.subject, subjectType: slot.subjectType, owner: slot.owner,
      created, expires, natural, end: null, ip, ua: slot.ua, device: q.deviceFor(slot, created), auth: slot.auth,
    };
  };
  const simulateSlot = (slot) => {
    const rng = q.rngFor(`slot:${slot.id}`);
    const anchors = (q.anchors[slot.id] ?? []).slice().sort((a, b) => a.at - b.at);
    const owner = slot.subjectType === 'user' ? slot.subject : slot.owner;
    const events = q.plan.filter((e) => e.subject === owner || e.subject === slot.subject);
    const out = [];
    let ai = 0;
    let t = q.firstStart ? q.firstStart(slot, rng) : q.start + (slot.label === 'laptop' ? between(rng, 6 * HOUR, 10 * HOUR) : between(rng, 2 * HOUR, 4 * DAY));
    for (let guard = 0; guard < 500; guard++) {
      const anchor = anchors[ai];
      t = unblock(slot.subject, t);
      if (t === null) break;
      if (!anchor && t > q.lastCreate) break;
      let s;
      if (anchor && t >= anchor.at - HOUR) {
        ai++;
        s = newSession(slot, out.length + 1, anchor.at, rng, anchor.lifetime ?? slot.lifetime);
        s.natural = anchor.end ?? (s.expires === null ? { type: 'none', at: Infinity } : { type: 'expiry', at: s.expires });
        s.anchored = true;
      } else {
        s = newSession(slot, out.length + 1, t, rng, slot.lifetime);
        if (anchor && s.natural.at > anchor.at - HOUR) {
          const cut = anchor.at - between(rng, 2 * HOUR, 8 * HOUR);
          if (cut < t + 30 * MIN) { t = anchor.at; continue; }
          s.natural = { type: 'logout', at: cut };
        }
        // A logout within 30 min of an event that requires the session would make it
        // required-but-not-revoked (live: D >= T - skew); let it expire instead.
        if (s.natural.type === 'logout') {
          for (const e of events) {
            if (requiresPlanned(e, slot, s) && Math.abs(s.natural.at - e.at) <= 30 * MIN) {
              s.natural = s.expires === null ? { type: 'none', at: Infinity } : { type: 'expiry', at: s.expires };
            }
          }
        }
      }
      s.end = s.natural;
      for (const e of events) {
        if (!(s.created < e.at && e.at < s.natural.at)) continue;
        if (!requiresPlanned(e, slot, s)) continue;
        if (e.keepAll) continue;
        const h = e.handling?.[slot.id] ?? (e.scopeAll ? { ...e.scopeAll, scopeAll: true } : {});
        if (h.keep) continue;
        const delay = h.delay ?? between(q.rngFor(`delay:${e.key}:${slot.id}`), q.delayRange[0], q.delayRange[1]);
        s.end = { type: 'revoked', at: e.at + delay, event: e, scopeAll: !!h.scopeAll, actor: h.actor, reason: h.reason };
        break;
      }
      out.push(s);
      const end = s.end;
      if (end.at === Infinity) break;
      if (end.type === 'revoked') t = end.at + (slot.subjectType === 'agent' ? between(rng, 30 * MIN, 4 * HOUR) : between(rng, 10 * MIN, 3 * HOUR));
      else if (end.type === 'logout') t = end.at + (slot.subjectType === 'service' ? between(rng, MIN, 10 * MIN) : between(rng, 8 * HOUR, 40 * HOUR));
      else t = end.at + (slot.label === 'laptop' ? between(rng, HOUR, 20 * HOUR) : between(rng, 5 * MIN, 20 * HOUR));
    }
    return out;
  };
  return q.slots.flatMap(simulateSlot);
}

/** The session of a slot whose planned life contains instant t. */
export const sessionFinder = (sessions) => (slotId, t) => {
  const s = sessions.find((x) => x.slot.id === slotId && x.created <= t && t < x.end.at);
  if (!s) throw new Error(`no session of ${slotId} at ${iso(t)}`);
  return s;
};

// ---------------------------------------------------------------- records
/**
 * session.created and session.ended records ({ sortTs, rec }). q.incomplete (slot id ->
 * session ordinal -> 'ip' | 'user_agent') drops a field from a creation record; nothing is
 * written after q.cutoff.
 */
export function sessionRecords(q, sessions) {
  const sessionRecs = [];
  for (const s of sessions) {
    const r = { type: 'session.created', ts: iso(s.created), session_id: s.id, subject_id: s.subject };
    if (s.subjectType !== 'user') { r.subject_type = s.subjectType; r.owner_id = s.owner; } else if (s.n % 3 === 0) r.subject_type = 'user';
    if (s.expires !== null) r.expires_at = iso(s.expires);
    const drop = q.incomplete[s.slot.id]?.[s.n];
    if (drop !== 'ip') r.ip = s.ip;
    if (drop !== 'user_agent') r.user_agent = s.ua;
    if (drop) s.missing = drop;
    if (s.device) r.device_id = s.device;
    r.auth_method = s.auth;
    sessionRecs.push({ sortTs: s.created, rec: r });
    const rng = q.rngFor(`ended:${s.id}`);
    if (s.end.type === 'logout' && s.end.at <= q.cutoff) {
      sessionRecs.push({ sortTs: s.end.at, rec: { type: 'session.ended', ts: iso(s.end.at), session_id: s.id, subject_id: s.subject, reason: 'logout' } });
    } else if (s.end.type === 'expiry' && rng() < 0.6) {
      // Some IdPs log the expiry when a sweeper notices it; E stays expires_at (the minimum).
      const ts = s.expires + (rng() < 0.5 ? 0 : between(rng, MIN, 50 * MIN));
      if (ts <= q.cutoff) sessionRecs.push({ sortTs: ts, rec: { type: 'session.ended', ts: iso(ts), session_id: s.id, subject_id: s.subject, reason: 'expired' } });
    }
  }
  return sessionRecs;
}

/** session.revoked records ({ ts, rec }), sorted by time and named q.revocationId(index). */
export function revocationRecords(q, sessions) {
  const revs = [];
  const scopeAllDone = new Set();
  for (const s of sessions) {
    const e = s.end;
    if (e.type !== 'revoked' || e.at > q.cutoff) continue;
    if (e.scopeAll) {
      if (scopeAllDone.has(e.event.key)) continue;
      scopeAllDone.add(e.event.key);
      // actor_id undefined (noActor) is left out of the JSON.
      revs.push({ ts: e.at, rec: { type: 'session.revoked', ts: iso(e.at), subject_id: s.subject, actor_id: e.event.scopeAll.noActor ? undefined : e.event.actor, reason: REVOKE_BY[e.event.kind][1], trigger_event_id: e.event.id } });
      continue;
    }
    const r = { type: 'session.revoked', ts: iso(e.at), session_id: s.id };
    // About a quarter of revocations name only the session; ingest gives them the session's subject.
    if (q.rngFor(`revsubj:${s.id}`)() >= 0.25 || !e.event) r.subject_id = s.subject;
    if (e.event) {
      r.actor_id = e.actor ?? REVOKE_BY[e.event.kind][0];
      r.reason = e.reason ?? REVOKE_BY[e.event.kind][1];
      r.trigger_event_id = e.event.id;
    } else {
      if (e.actor) r.actor_id = e.actor;
      r.reason = e.reason;
    }
    revs.push({ ts: e.at, rec: r });
  }
  revs.sort((a, b) => a.ts - b.ts || a.rec.session_id?.localeCompare(b.rec.session_id ?? '') || 0);
  revs.forEach((r, i) => {
    const { type, ...rest } = r.rec;
    r.rec = { type, event_id: q.revocationId(i), ...rest };
  });
  return revs;
}

/** subject.<kind> records ({ sortTs, rec }) of a numbered plan. */
export function lifecycleRecords(plan) {
  return plan.map((e) => {
    const ts = e.fmt === '+02:00' ? isoOffset(e.at, 120) : e.fmt === 'epoch-s' ? e.at / SEC : e.fmt === 'epoch-ms' ? e.at : iso(e.at);
    const r = { type: `subject.${e.kind}`, event_id: e.id, ts, subject_id: e.subject, actor_id: e.actor };
    if (e.initiatingSession) r.initiating_session_id = e.initiatingSession;
    if (e.device) r.device_id = e.device;
    r.reason = e.reason;
    return { sortTs: e.at, rec: r };
  });
}

// ---------------------------------------------------------------- contract helpers (shared by activity + checker)
/** Per-session R, L, E, D exactly as "Session times" defines them. */
export function sessionTimes(sessions, revocations, endeds) {
  const bySession = new Map();
  const bySubjectAll = new Map();
  for (const r of revocations) {
    if (r.session_id != null) (bySession.get(r.session_id) ?? bySession.set(r.session_id, []).get(r.session_id)).push(r);
    else if (r.subject_id != null) (bySubjectAll.get(r.subject_id) ?? bySubjectAll.set(r.subject_id, []).get(r.subject_id)).push(r);
  }
  const endedBy = new Map();
  for (const x of endeds) (endedBy.get(x.session_id) ?? endedBy.set(x.session_id, []).get(x.session_id)).push(x);
  const min = (xs) => (xs.length ? Math.min(...xs) : null);
  const out = new Map();
  for (const s of sessions) {
    const cands = [...(bySession.get(s.session_id) ?? []), ...(bySubjectAll.get(s.subject_id) ?? [])].filter((r) => r.ts >= s.created_at);
    const R = min(cands.map((r) => r.ts));
    const ends = endedBy.get(s.session_id) ?? [];
    const L = min(ends.filter((x) => x.reason === 'logout' && x.ts >= s.created_at).map((x) => x.ts));
    const Ex = min(ends.filter((x) => x.reason === 'expired').map((x) => x.ts));
    const E = min([s.expires_at, Ex].filter((v) => v != null));
    const D = min([R, L].filter((v) => v != null));
    out.set(s.session_id, { R, L, E, D });
  }
  return out;
}

/** R, L, E, D of the simulated sessions, from the records about to be written. */
export function simulatedTimes(sessions, sessionById, revs, sessionRecs) {
  return sessionTimes(
    sessions.map((s) => ({ session_id: s.id, subject_id: s.subject, created_at: s.created, expires_at: s.expires })),
    revs.map((r) => ({ ts: r.ts, session_id: r.rec.session_id ?? null, subject_id: r.rec.subject_id ?? sessionById.get(r.rec.session_id)?.subject ?? null })),
    sessionRecs.filter((x) => x.rec.type === 'session.ended').map((x) => ({ ts: x.sortTs, session_id: x.rec.session_id, reason: x.rec.reason })),
  );
}

// ---------------------------------------------------------------- activity
const ACTIONS = {
  laptop: ['mail.read', 'docs.edit', 'drive.download', 'chat.send', 'calendar.view', 'crm.update', 'wiki.read'],
  phone: ['mail.read', 'chat.send', 'calendar.view'],
  agent: ['mail.summarize', 'calendar.write', 'docs.read'],
  service: ['deploy.create', 'artifact.push'],
};
/**
 * Everyday use of every session ({ ts, rec }): most working days, now and then at weekends,
 * never after D or E or q.cutoff. skip: sessions whose use is planted by hand; blackout:
 * session id -> (from, to] in which no everyday use falls (so only planted rows decide an
 * escalation); silentDays: UTC days whose activity was lost (not written).
 */
export function everydayActivity(q, sessions, simTimes, { skip = new Set(), blackout = new Map(), silentDays = new Set() } = {}) {
  const activity = [];
  for (const s of sessions) {
    if (skip.has(s)) continue;
    const tm = simTimes.get(s.id);
    const lo = s.created + MIN;
    const hi = Math.min(tm.D ?? Infinity, tm.E ?? Infinity, q.cutoff) - MIN;
    const rng = q.rngFor(`activity:${s.id}`);
    const kind = s.subjectType === 'user' ? s.slot.label : s.subjectType;
    for (let day = Math.floor(lo / DAY) * DAY; day < hi; day += DAY) {
      const dow = new Date(day).getUTCDay();
      const weekend = dow === 0 || dow === 6;
      const p = { laptop: weekend ? 0.08 : 0.8, phone: weekend ? 0.2 : 0.3, agent: weekend ? 0.4 : 0.85, service: weekend ? 0 : 0.9 }[kind];
      if (rng() >= p) continue;
      const [h0, h1] = { laptop: [6, 16.5], phone: [5, 20], agent: [0, 23.9], service: [8, 17] }[kind];
      const ts = day + between(rng, h0 * HOUR, h1 * HOUR);
      if (ts < lo || ts >= hi) continue;
      const bo = blackout.get(s.id);
      if (bo && ts > bo[0] && ts <= bo[1]) continue;
      if (silentDays.has(dayOf(ts))) continue;
      const denied = rng() < 0.025;
      let ip = s.ip;
      if (kind === 'laptop' && rng() < 0.2) ip = s.ip === OFFICE_IP ? s.slot.ips[1] : OFFICE_IP;
      if (kind === 'phone' && rng() < 0.15) ip = s.slot.ips[1];
      activity.push({
        ts,
        rec: { type: 'session.activity', ts: iso(ts), session_id: s.id, subject_id: s.subject, ip, user_agent: s.ua, action: pick(rng, ACTIONS[kind]), outcome: denied ? 'denied' : 'allowed', reason: denied ? 'insufficient_scope' : '' },
      });
    }
  }
  return activity;
}
/** A planted use of session s at ts (allowed mail.read unless `over` says otherwise). */
export const planter = (activity) => (s, ts, over = {}) => activity.push({
  ts, rec: { type: 'session.activity', ts: iso(ts), session_id: s.id, subject_id: s.subject, ip: s.ip, user_agent: s.ua, action: 'mail.read', outcome: 'allowed', reason: '', ...over },
});

// ---------------------------------------------------------------- writers
const CSV_COLS = ['type', 'ts', 'session_id', 'subject_id', 'ip', 'user_agent', 'action', 'outcome', 'reason'];
const csvField = (v) => {
  const s = v == null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};
function ordered(items, extra) {
  const all = [...items.map((x) => ({ ...x, ok: true })), ...extra.map((x) => ({ ...x, ok: false }))];
  // Stable by time; within a tie keep generation order (created before ended, etc.).
  return all.map((x, i) => ({ x, i })).sort((a, b) => a.x.sortTs - b.x.sortTs || a.i - b.i).map((y) => y.x);
}
/**
 * Writers into folder out. Records are { sortTs, rec }; `extra` are malformed records
 * ({ sortTs, raw, reason, what } or { sortTs, blank }) placed among them by time, and noted
 * (file, physical line, reason, what) in quarantinePlanned.
 */
export function writersFor(out) {
  const quarantinePlanned = [];
  function writeJsonl(file, items, extra) {
    const lines = [];
    for (const x of ordered(items, extra)) {
      if (x.ok) lines.push(JSON.stringify(x.rec));
      else if (x.blank) lines.push('');
      else { lines.push(x.raw); quarantinePlanned.push({ file, line: lines.length, reason: x.reason, what: x.what }); }
    }
    writeFileSync(join(out, file), `${lines.join('\n')}\n`);
    return lines.filter((l) => l !== '').length;
  }
  function writeJsonArray(file, items, extra) {
    const els = [];
    for (const x of ordered(items, extra)) {
      if (x.ok) els.push(x.rec);
      else { els.push(x.raw); quarantinePlanned.push({ file, line: els.length, reason: x.reason, what: x.what }); }
    }
    writeFileSync(join(out, file), `[\n${els.map((e) => `  ${JSON.stringify(e)}`).join(',\n')}\n]\n`);
    return els.length;
  }
  function writeCsv(file, items, extra) {
    const lines = [CSV_COLS.join(',')];
    for (const x of ordered(items, extra)) {
      const rec = x.ok ? x.rec : x.raw;
      lines.push(CSV_COLS.map((c) => csvField(rec[c])).join(','));
      if (!x.ok) quarantinePlanned.push({ file, line: lines.length, reason: x.reason, what: x.what });
    }
    writeFileSync(join(out, file), `${lines.join('\n')}\n`);
    return lines.length - 1;
  }
  return { writeJsonl, writeJsonArray, writeCsv, quarantinePlanned };
}

// ---------------------------------------------------------------- independent checker
// Reads the files back as an ingester must, then evaluates "Rule semantics" literally.
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
function parseTime(v) {
  if (typeof v === 'number' && Number.isFinite(v)) return v >= 1e11 ? v : v * 1000;
  if (typeof v === 'string' && /^\d+$/.test(v)) { const n = Number(v); return n >= 1e11 ? n : n * 1000; }
  if (typeof v === 'string' && RFC3339.test(v)) { const n = Date.parse(v); return Number.isNaN(n) ? null : n; }
  return null;
}
export const present = (v) => v !== undefined && v !== null && v !== '';
const REQUIRED = {
  'session.created': ['ts', 'session_id', 'subject_id'],
  'session.activity': ['ts', 'session_id'],
  'session.ended': ['ts', 'session_id', 'reason'],
  'session.revoked': ['ts'],
};
/** Returns [reason, null] or [null, normalised record]. */
function validate(rec) {
  const type = rec.type;
  const isLc = typeof type === 'string' && type.startsWith('subject.') && KINDS.has(type.slice(8));
  if (!(type in REQUIRED) && !isLc) return ['unknown type', null];
  for (const f of isLc ? ['ts', 'subject_id'] : REQUIRED[type]) if (!present(rec[f])) return [`missing field ${f}`, null];
  if (type === 'session.revoked' && !present(rec.session_id) && !present(rec.subject_id)) return ['missing field session_id or subject_id', null];
  const out = { ...rec };
  for (const f of ['ts', 'expires_at']) {
    if (!present(rec[f])) continue;
    const v = parseTime(rec[f]);
    if (v === null) return [`bad time in ${f}`, null];
    out[f] = v;
  }
  if (type === 'session.activity') {
    if (present(rec.outcome) && !['allowed', 'denied'].includes(rec.outcome)) return ['bad value in outcome', null];
    out.outcome = present(rec.outcome) ? rec.outcome : 'allowed';
  }
  if (type === 'session.ended' && !['logout', 'expired'].includes(rec.reason)) return ['bad value in reason', null];
  if (type === 'session.created' && present(rec.subject_type) && !['user', 'agent', 'service'].includes(rec.subject_type)) return ['bad value in subject_type', null];
  for (const k of Object.keys(out)) if (out[k] === '') delete out[k];
  return [null, out];
}
function parseCsv(text) {
  const rows = [];
  let row = [], field = '', q = false, line = 1, rowLine = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') q = false; else { if (c === '\n') line++; field += c; }
    } else if (c === '"') q = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n') { row.push(field); rows.push({ line: rowLine, row }); row = []; field = ''; line++; rowLine = line; }
    else if (c !== '\r') field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push({ line: rowLine, row }); }
  return rows;
}
/** The four files of a demo folder: { loaded, quarantine, records }. */
export function readInputs(dir) {
  const loaded = [];
  const quarantine = [];
  const take = (file, line, rec) => {
    if (rec === null || typeof rec !== 'object' || Array.isArray(rec)) { quarantine.push({ file, line, reason: 'not an object' }); return; }
    const [why, norm] = validate(rec);
    if (why) quarantine.push({ file, line, reason: why });
    else loaded.push({ file, line, ...norm });
  };
  let records = 0;
  for (const file of ['sessions.jsonl', 'revocations.jsonl']) {
    const lines = readFileSync(join(dir, file), 'utf8').split('\n');
    if (lines.at(-1) === '') lines.pop();
    lines.forEach((l, i) => {
      if (l.trim() === '') return;
      records++;
      let rec;
      try { rec = JSON.parse(l); } catch { quarantine.push({ file: file, line: i + 1, reason: 'invalid JSON' }); return; }
      take(file, i + 1, rec);
    });
  }
  const arr = JSON.parse(readFileSync(join(dir, 'lifecycle.json'), 'utf8'));
  arr.forEach((rec, i) => { records++; take('lifecycle.json', i + 1, rec); });
  const rows = parseCsv(readFileSync(join(dir, 'activity.csv'), 'utf8'));
  const header = rows.shift().row;
  for (const { line, row } of rows) {
    records++;
    const rec = {};
    header.forEach((h, i) => { if (row[i] !== undefined && row[i] !== '') rec[h] = row[i]; });
    take('activity.csv', line, rec);
  }
  return { loaded, quarantine, records };
}

/**
 * Every coverage row and finding that "Rule semantics" implies for the loaded records, with
 * no period filter (see inPeriod); `to` caps where "the inputs end".
 */
export function evaluate({ loaded }, { to }) {
  const sessions = loaded.filter((r) => r.type === 'session.created').map((r) => ({
    session_id: r.session_id, subject_id: r.subject_id, subject_type: r.subject_type ?? 'user', owner_id: r.owner_id ?? null,
    created_at: r.ts, expires_at: r.expires_at ?? null, ip: r.ip ?? null, user_agent: r.user_agent ?? null, device_id: r.device_id ?? null,
  }));
  const byId = new Map(sessions.map((s) => [s.session_id, s]));
  if (byId.size !== sessions.length) throw new Error('duplicate session ids');
  const subjOf = (sid) => byId.get(sid)?.subject_id ?? null;
  const access = loaded.filter((r) => r.type === 'session.activity').map((r) => ({ ...r, subject_id: r.subject_id ?? subjOf(r.session_id), ip: r.ip ?? null, user_agent: r.user_agent ?? null }));
  const endeds = loaded.filter((r) => r.type === 'session.ended');
  const revocations = loaded.filter((r) => r.type === 'session.revoked').map((r) => ({ ...r, session_id: r.session_id ?? null, subject_id: r.subject_id ?? subjOf(r.session_id) }));
  const lifecycle = loaded.filter((r) => r.type.startsWith('subject.')).map((r) => ({ ...r, kind: r.type.slice(8) }));
  const times = sessionTimes(sessions, revocations, endeds);
  const inputsEnd = Math.min(Math.max(...loaded.map((r) => r.ts)), to);

  const live = (s, T) => {
    const { D, E } = times.get(s.session_id);
    return s.created_at <= T && (D === null || D >= T - SKEW) && (E === null || E > T);
  };
  const required = (e) => {
    const T = e.ts;
    const own = sessions.filter((s) => s.subject_id === e.subject_id && live(s, T));
    if (FULL_KINDS.has(e.kind)) return [...own, ...sessions.filter((s) => ['agent', 'service'].includes(s.subject_type) && s.owner_id === e.subject_id && s.subject_id !== e.subject_id && live(s, T))];
    if (e.kind === 'password_changed') return own.filter((s) => s.session_id !== e.initiating_session_id);
    if (e.kind === 'device_lost') return e.device_id ? own.filter((s) => s.device_id === e.device_id) : own;
    return null; // permissions_changed (policy default false), reactivated: no coverage row
  };
  const sessCoverage = (s, T) => {
    const { R, L, E } = times.get(s.session_id);
    if (R !== null && R >= T - SKEW && R <= T + SLA) return 'covered';
    if (R !== null && R > T + SLA && (L === null || R < L) && (E === null || R < E)) return 'late';
    return 'uncovered';
  };
  const coverage = [];
  const findings = [];
  const revokedRequired = []; // { kind, seconds }: R - T of each revoked required session (time to revoke)
  const F = (rule, severity, subject_id, session_id, lifecycle_event_id, observed_at) => findings.push({ rule, severity, subject_id, session_id, lifecycle_event_id, observed_at });
  for (const e of lifecycle) {
    const req = required(e);
    if (req === null) continue;
    const T = e.ts;
    const per = req.map((s) => [s, sessCoverage(s, T)]);
    for (const [s] of per) { const { R } = times.get(s.session_id); if (R !== null) revokedRequired.push({ event_id: e.event_id, T, kind: e.kind, seconds: (R - T) / SEC }); }
    let status = per.length === 0 ? 'no_sessions' : per.every(([, c]) => c === 'covered') ? 'covered' : per.some(([, c]) => c === 'uncovered') ? 'uncovered' : 'late';
    if ((status === 'uncovered' || status === 'late') && inputsEnd < T + SLA) status = 'pending';
    coverage.push({ event_id: e.event_id, kind: e.kind, subject_id: e.subject_id, ts: T, status, required_sessions: per.length, revoked_in_time: per.filter(([, c]) => c === 'covered').length });
    if (status !== 'uncovered' && status !== 'late') continue;
    for (const [s, c] of per) {
      if (c === 'covered') continue;
      if (s.subject_id === e.subject_id) {
        const { R, L, E } = times.get(s.session_id);
        const upper = Math.min(...[R, L, E].filter((v) => v !== null), Infinity);
        const crit = access.some((a) => a.session_id === s.session_id && a.outcome === 'allowed' && a.ts > T + SLA && a.ts <= upper);
        F('session-survived-lifecycle-event', crit ? 'critical' : 'high', s.subject_id, s.session_id, e.event_id, T);
      } else {
        F('agent-outlived-owner', 'critical', s.subject_id, s.session_id, e.event_id, T);
      }
    }
  }
  for (const s of sessions) {
    const { D } = times.get(s.session_id);
    const mine = access.filter((a) => a.session_id === s.session_id).sort((a, b) => a.ts - b.ts);
    if (D !== null) {
      const accepted = mine.filter((a) => a.outcome === 'allowed' && a.ts > D + SKEW);
      if (accepted.length) F('revoked-session-accepted', 'critical', s.subject_id, s.session_id, null, accepted[0].ts);
      const attempts = mine.filter((a) => a.outcome === 'denied' && a.ts > D + SKEW);
      if (attempts.length) {
        const seen = mine.filter((a) => a.ts <= D);
        const ips = new Set([s.ip, ...seen.map((a) => a.ip)].filter((v) => v !== null));
        const uas = new Set([s.user_agent, ...seen.map((a) => a.user_agent)].filter((v) => v !== null));
        const fresh = attempts.some((a) => (a.ip !== null && !ips.has(a.ip)) || (a.user_agent !== null && !uas.has(a.user_agent)));
        F('revoked-session-reuse-attempt', fresh ? 'medium' : 'low', s.subject_id, s.session_id, null, attempts[0].ts);
      }
    }
    const offs = lifecycle.filter((e) => e.subject_id === s.subject_id && OFFBOARD_KINDS.has(e.kind) && e.ts < s.created_at)
      .filter((e) => !lifecycle.some((r) => r.subject_id === s.subject_id && r.kind === 'reactivated' && e.ts <= r.ts && r.ts <= s.created_at))
      .sort((a, b) => b.ts - a.ts || (b.event_id < a.event_id ? -1 : b.event_id > a.event_id ? 1 : 0));
    if (offs.length) F('login-after-offboarding', 'critical', s.subject_id, s.session_id, offs[0].event_id, s.created_at);
    if (!present(s.ip) || !present(s.user_agent)) F('session-inventory-incomplete', 'low', s.subject_id, s.session_id, null, s.created_at);
  }
  const audit = new Map();
  for (const r of revocations) {
    if (present(r.actor_id)) continue;
    const k = `${r.subject_id}\u0000${r.session_id}`;
    if (!audit.has(k) || audit.get(k).ts > r.ts) audit.set(k, r);
  }
  for (const r of audit.values()) F('revocation-audit-incomplete', 'medium', r.subject_id, r.session_id, null, r.ts);
  return { findings, coverage, inputsEnd, times, sessions, access, revocations, lifecycle, revokedRequired };
}

/** The rows a report for [from, to) shows: findings by observed_at, coverage by T. */
export function inPeriod(res, from, to) {
  const inside = (t) => t >= from && t < to;
  return {
    ...res,
    findings: res.findings.filter((f) => inside(f.observed_at)),
    coverage: res.coverage.filter((c) => inside(c.ts)),
    revokedRequired: res.revokedRequired.filter((r) => inside(r.T)),
  };
}

/** Continuous percentile (linear interpolation between closest ranks), p in [0, 1]. */
export function percentile(xs, p) {
  if (!xs.length) return null;
  const v = xs.slice().sort((a, b) => a - b);
  const h = (v.length - 1) * p;
  const lo = Math.floor(h);
  return v[lo] + (h - lo) * ((v[Math.min(lo + 1, v.length - 1)]) - v[lo]);
}

/**
 * Silent days per record stream (canonical table) in [from, to), as a report flags them: a
 * day with no record whose weekday averages at least 5 records over the days the stream was
 * active. Returns { table: [day, ...] } for the tables that have any.
 */
export function silentDays({ loaded }, from, to) {
  const tableOf = { 'session.created': 'sessions', 'session.ended': 'session_ends', 'session.activity': 'access_events', 'session.revoked': 'revocations' };
  const streams = new Map();
  for (const r of loaded) {
    const t = tableOf[r.type] ?? 'lifecycle_events';
    const c = streams.get(t) ?? streams.set(t, new Map()).get(t);
    c.set(dayOf(r.ts), (c.get(dayOf(r.ts)) ?? 0) + 1);
  }
  const days = (a, b) => { const out = []; for (let t = at(`${a}T00:00:00Z`); t <= at(`${b}T00:00:00Z`); t += DAY) out.push(dayOf(t)); return out; };
  const wd = (d) => new Date(d).getUTCDay();
  const out = {};
  for (const [table, count] of streams) {
    const seen = [...count.keys()].sort();
    const f = dayOf(from), l = dayOf(to - DAY);
    const sum = new Array(7).fill(0), n = new Array(7).fill(0);
    for (const d of days(f > seen[0] ? f : seen[0], l < seen.at(-1) ? l : seen.at(-1))) { sum[wd(d)] += count.get(d) ?? 0; n[wd(d)] += 1; }
    const silent = days(f, l).filter((d) => !count.has(d) && n[wd(d)] > 0 && sum[wd(d)] / n[wd(d)] >= 5);
    if (silent.length) out[table] = silent;
  }
  return out;
}

// ---------------------------------------------------------------- comparing with the stories
const SEV_ORDER = { critical: 0, high: 1, medium: 2, low: 3 };
export const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
export const sortFindings = (xs) => xs.slice().sort((a, b) => SEV_ORDER[a.severity] - SEV_ORDER[b.severity] || cmp(a.rule, b.rule) || cmp(a.subject_id, b.subject_id) || cmp(a.session_id ?? '', b.session_id ?? ''));
const strip = ({ rule, severity, subject_id, session_id, lifecycle_event_id }) => ({ rule, severity, subject_id, session_id, lifecycle_event_id });
const sortQuarantine = (xs) => xs.slice().sort((a, b) => cmp(a.file, b.file) || a.line - b.line);
/** The shape of <name>-expected.json: findings, coverage rows and quarantine, sorted. */
export function expectedOf(res, quarantine) {
  return {
    findings: sortFindings(res.findings.map(strip)),
    coverage: res.coverage.slice().sort((a, b) => cmp(a.event_id, b.event_id)).map(({ event_id, kind, subject_id, status, required_sessions, revoked_in_time }) => ({ event_id, kind, subject_id, status, required_sessions, revoked_in_time })),
    quarantine: sortQuarantine(quarantine),
  };
}

/**
 * Re-reads folder dir and evaluates it. With `planted`, also asserts that the result is exactly
 * what the stories planted: findings, coverage row ids (one per revocation-requiring event),
 * statuses (default covered), counts [required, revoked in time], quarantine, inputs end.
 */
export function check(dir, q, planted) {
  const input = readInputs(dir);
  const res = evaluate(input, { to: q.to });
  const problems = [];
  const got = sortFindings(res.findings.map(strip));
  if (planted) {
    const want = sortFindings(planted.findings);
    if (JSON.stringify(got) !== JSON.stringify(want)) problems.push(`findings differ:\n got ${JSON.stringify(got, null, 1)}\n want ${JSON.stringify(want, null, 1)}`);
    const lcIds = q.plan.filter((e) => e.kind !== 'reactivated' && e.kind !== 'permissions_changed').map((e) => e.id);
    if (JSON.stringify(res.coverage.map((c) => c.event_id).sort()) !== JSON.stringify(lcIds.sort())) problems.push('coverage rows are not one per revocation-requiring event');
    for (const c of res.coverage) {
      const want2 = planted.status[c.event_id] ?? 'covered';
      if (c.status !== want2) problems.push(`coverage ${c.event_id} (${c.kind} ${c.subject_id}) is ${c.status}, planted ${want2}`);
      const counts = planted.counts[c.event_id];
      if (counts && (c.required_sessions !== counts[0] || c.revoked_in_time !== counts[1])) problems.push(`coverage ${c.event_id} counts ${c.required_sessions}/${c.revoked_in_time}, planted ${counts}`);
    }
    const qGot = JSON.stringify(sortQuarantine(input.quarantine));
    const qWant = JSON.stringify(sortQuarantine(planted.quarantine.map(({ file, line, reason }) => ({ file, line, reason }))));
    if (qGot !== qWant) problems.push(`quarantine differs:\n got ${qGot}\n want ${qWant}`);
    if (res.inputsEnd !== planted.inputsEnd) problems.push(`inputs end ${iso(res.inputsEnd)}, planted ${iso(planted.inputsEnd)}`);
  }
  for (const f of res.findings) if (!(f.observed_at >= q.start && f.observed_at < q.to)) problems.push(`finding outside the quarter: ${JSON.stringify(f)}`);
  for (const c of res.coverage) if (!(c.ts >= q.start && c.ts < q.to)) problems.push(`coverage outside the quarter: ${c.event_id}`);
  const loadedByType = {};
  for (const r of input.loaded) loadedByType[r.type.startsWith('subject.') ? 'subject.*' : r.type] = (loadedByType[r.type.startsWith('subject.') ? 'subject.*' : r.type] ?? 0) + 1;
  return { input, res, problems, got, loadedByType };
}

/**
 * A generator's main: without --check, write() the four files into q.out, check them against
 * planted(), run extraChecks, then write q.expectedFile and STORY.md (from story(...)); with
 * --check, re-read q.out and compare with q.expectedFile only.
 */
export function main(q, { write, planted, story, extraChecks = () => [] }) {
  const show = (p) => relative(process.cwd(), p) || '.';
  if (!process.argv.includes('--check')) {
    mkdirSync(q.out, { recursive: true });
    const counts = write();
    const c = check(q.out, q, planted());
    c.problems.push(...extraChecks(c));
    if (c.problems.length) {
      console.error(c.problems.join('\n'));
      process.exit(1);
    }
    writeFileSync(q.expectedFile, `${JSON.stringify(expectedOf(c.res, c.input.quarantine), null, 2)}\n`);
    writeFileSync(join(q.out, 'STORY.md'), story(c.res, counts, c.input, c.loadedByType));
    console.log(`wrote ${q.out}`);
    for (const [f, n] of Object.entries(counts)) console.log(`  ${f.padEnd(18)} ${n} records${f.endsWith('.jsonl') ? ' (blank lines excluded)' : ''}`);
    console.log(`  loaded ${c.input.loaded.length}, quarantined ${c.input.quarantine.length}, records ${c.input.records}`);
    console.log(`  findings ${c.got.length}, coverage rows ${c.res.coverage.length}`);
    console.log(`wrote ${q.expectedFile}`);
  } else {
    const { problems, res, input } = check(q.out, q, null);
    const exp = JSON.parse(readFileSync(q.expectedFile, 'utf8'));
    const now = expectedOf(res, input.quarantine);
    for (const k of ['findings', 'coverage', 'quarantine']) if (JSON.stringify(exp[k]) !== JSON.stringify(now[k])) problems.push(`${show(q.expectedFile)} ${k} are stale`);
    if (problems.length) { console.error(problems.join('\n')); process.exit(1); }
    console.log(`${show(q.out)} agrees with ${show(q.expectedFile)}`);
  }
}
