#!/usr/bin/env node
// Generates the demo organisation "Northwind Labs", 2026-Q3, into fixtures/demo/.
//
//   node scripts/demo/make-demo.mjs            writes the files, then checks them
//   node scripts/demo/make-demo.mjs --check    re-reads fixtures/demo/ and checks only
//
// Deterministic: every random choice comes from a seeded PRNG keyed by what it is for,
// and no clock is read. The output is the same bytes on every run.
//
// After writing, an independent checker re-reads the files the way DESIGN.md's
// "Native record format" says (quarantine reasons, line numbers), recomputes every
// rule and every coverage row from "Rule semantics", and asserts that the result
// equals the planted stories exactly. expected.json is written from that result.
// Plain Node 20, node:* only.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = join(ROOT, 'fixtures', 'demo');

// ---------------------------------------------------------------- time & randomness
const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const at = (s) => {
  const v = Date.parse(s);
  if (Number.isNaN(v)) throw new Error(`bad time literal ${s}`);
  return v;
};
const Q_START = at('2026-07-01T00:00:00Z');
const Q_TO = at('2026-10-01T00:00:00Z'); // --to 2026-Q3 ends here (exclusive)
const LAST_CREATE = at('2026-09-30T18:00:00Z'); // no ordinary session starts later
const CUTOFF = at('2026-09-30T21:00:00Z'); // no ordinary record is later (story 11 is)
const SLA = 15 * MIN;
const SKEW = 2 * MIN;

const pad = (n, w = 2) => String(n).padStart(w, '0');
/** RFC 3339 in UTC with Z; milliseconds only when present. */
function iso(ms) {
  const s = new Date(ms).toISOString();
  return s.endsWith('.000Z') ? `${s.slice(0, -5)}Z` : s;
}
/** RFC 3339 with a fixed offset in minutes, e.g. +02:00 (whole seconds only). */
function isoOffset(ms, offMin) {
  const local = new Date(ms + offMin * MIN).toISOString().slice(0, 19);
  const a = Math.abs(offMin);
  return `${local}${offMin >= 0 ? '+' : '-'}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}
const sec = (ms) => Math.floor(ms / SEC) * SEC;

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
/** One PRNG per purpose, so changing one slot does not reshuffle the others. */
const rngFor = (key) => mulberry32(hash32(`northwind-2026q3:${key}`));
const between = (rng, a, b) => sec(a + rng() * (b - a));
const pick = (rng, xs) => xs[Math.floor(rng() * xs.length)];

// ---------------------------------------------------------------- the organisation
const UA = {
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
const OFFICE_IP = '203.0.113.10';

// [name, full name, team]; ids are u-<name>.
const PEOPLE = [
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
const NO_PHONE = new Set(['zoe', 'rupert', 'gita', 'mia']);

/** Session-producing slots: a person's laptop or phone, an agent, a service account. */
const SLOTS = [];
PEOPLE.forEach(([name], i) => {
  const lap = ['mac', 'win', 'linux'][i % 3];
  SLOTS.push({
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
  if (!NO_PHONE.has(name)) {
    const ph = ['iphone', 'android', 'app'][i % 3];
    SLOTS.push({
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
const AGENTS = [
  ['agent-victor-inbox', 'u-victor', 'NorthwindAgents/1.4 inbox-triage (+https://agents.northwind.example)', '192.0.2.201'],
  ['agent-grace-notes', 'u-grace', 'NorthwindAgents/1.4 meeting-notes (+https://agents.northwind.example)', '192.0.2.202'],
  ['agent-olivia-scheduler', 'u-olivia', 'NorthwindAgents/1.4 scheduler (+https://agents.northwind.example)', '192.0.2.203'],
];
for (const [id, owner, ua, ip] of AGENTS) {
  SLOTS.push({
    id, label: 'token', subject: id, subjectType: 'agent', owner, device: null, ua,
    auth: 'oauth2-token-exchange', ips: [ip], lifetime: 14 * DAY, logoutProb: 0,
  });
}
// The CI deploy bot: its tokens carry no expiry; the bot signs out when it rotates weekly.
SLOTS.push({
  id: 'svc-ci-deploy', label: 'token', subject: 'svc-ci-deploy', subjectType: 'service', owner: 'u-trent',
  device: null, ua: 'deploybot/2.1 (+https://ci.northwind.example)', auth: 'client_credentials',
  ips: ['203.0.113.50'], lifetime: null, logoutProb: 1,
});
const SLOT = new Map(SLOTS.map((s) => [s.id, s]));

// ---------------------------------------------------------------- lifecycle plan
// fmt: how the ts is written in lifecycle.json. handling: per slot id, {keep} (never
// revoked) or {delay} (revoked at T + delay); default a delay of 30 s .. 9 min.
const FULL_KINDS = new Set([
  'password_reset', 'offboarded', 'deactivated', 'suspended', 'deleted', 'sso_deactivated',
  'credential_compromised', 'mfa_reset', 'sign_out_everywhere',
]);
const KINDS = new Set([...FULL_KINDS, 'password_changed', 'device_lost', 'permissions_changed', 'reactivated']);
const OFFBOARD_KINDS = new Set(['offboarded', 'deactivated', 'suspended', 'deleted']);

const PLAN = [
  { key: 'bob-reset', kind: 'password_reset', subject: 'u-bob', at: at('2026-07-08T09:20:00Z'), actor: 'u-hana', reason: 'helpdesk ticket HD-4411: forgotten password' },
  { key: 'olivia-reset', kind: 'password_reset', subject: 'u-olivia', at: at('2026-07-14T11:05:00Z'), fmt: '+02:00', actor: 'u-olivia', reason: 'self-service reset' },
  { key: 'frank-mfa', kind: 'mfa_reset', subject: 'u-frank', at: at('2026-07-16T10:40:00Z'), actor: 'u-hana', reason: 'new phone; authenticator re-enrolment' },
  { key: 'chen-perms', kind: 'permissions_changed', subject: 'u-chen', at: at('2026-07-21T08:30:00Z'), actor: 'u-hana', reason: 'added to finance-admins' },
  { key: 'ken-reset', kind: 'password_reset', subject: 'u-ken', at: at('2026-07-22T14:30:00Z'), actor: 'u-hana', reason: 'helpdesk ticket HD-4470: account locked out',
    handling: { 'ken-laptop': { delay: 40 * MIN, actor: 'u-hana', reason: 'manual revocation after helpdesk follow-up' } } },
  { key: 'trent-change', kind: 'password_changed', subject: 'u-trent', at: at('2026-07-30T15:10:00Z'), actor: 'u-trent', reason: 'password changed in account settings', initiatingSlot: 'trent-laptop' },
  { key: 'carol-reset', kind: 'password_reset', subject: 'u-carol', at: at('2026-08-04T08:15:00Z'), fmt: 'epoch-s', actor: 'u-hana', reason: 'helpdesk ticket HD-4502' },
  { key: 'quentin-suspend', kind: 'suspended', subject: 'u-quentin', at: at('2026-08-06T13:00:00Z'), fmt: '+02:00', actor: 'u-hana', reason: 'HR hold HR-2270' },
  { key: 'quentin-reactivate', kind: 'reactivated', subject: 'u-quentin', at: at('2026-08-06T13:10:00Z'), fmt: '+02:00', actor: 'u-hana', reason: 'HR hold HR-2270 lifted: raised in error' },
  { key: 'dana-signout', kind: 'sign_out_everywhere', subject: 'u-dana', at: at('2026-08-11T16:20:00Z'), actor: 'u-dana', reason: 'user clicked "sign out of all devices"', initiatingSlot: 'dana-laptop' },
  { key: 'victor-offboard', kind: 'offboarded', subject: 'u-victor', at: at('2026-08-14T17:00:00Z'), actor: 'u-hana', reason: 'last working day (HR-2291)',
    handling: { 'victor-laptop': { delay: 4 * MIN, actor: 'u-hana' }, 'victor-phone': { keep: true }, 'agent-victor-inbox': { keep: true } } },
  { key: 'erin-reset', kind: 'password_reset', subject: 'u-erin', at: at('2026-08-18T10:00:00Z'), fmt: '+02:00', actor: 'u-erin', reason: 'self-service reset' },
  { key: 'ivan-compromised', kind: 'credential_compromised', subject: 'u-ivan', at: at('2026-08-20T09:12:00Z'), actor: 'u-femi', reason: 'password found in infostealer log (SEC-118)',
    handling: { 'ivan-laptop': { delay: 2 * MIN }, 'ivan-phone': { delay: 3 * MIN } } },
  { key: 'bea-perms', kind: 'permissions_changed', subject: 'u-bea', at: at('2026-08-25T12:00:00Z'), actor: 'u-hana', reason: 'removed from payroll-approvers' },
  { key: 'laura-change', kind: 'password_changed', subject: 'u-laura', at: at('2026-08-27T10:30:00Z'), actor: 'u-laura', reason: 'password changed in account settings', initiatingSlot: 'laura-laptop',
    handling: { 'laura-phone': { delay: 2 * MIN } } },
  { key: 'peggy-signout', kind: 'sign_out_everywhere', subject: 'u-peggy', at: at('2026-08-28T18:45:00Z'), actor: 'u-peggy', reason: 'user clicked "sign out of all devices"', initiatingSlot: 'peggy-phone',
    scopeAll: { delay: 40 * SEC } },
  { key: 'zoe-deactivate', kind: 'deactivated', subject: 'u-zoe', at: at('2026-09-01T09:00:00Z'), fmt: 'epoch-ms', actor: 'u-hana', reason: 'contract ended', noAnchor: true },
  { key: 'grace-offboard', kind: 'offboarded', subject: 'u-grace', at: at('2026-09-04T16:00:00Z'), actor: 'system:hr-offboarding', reason: 'resignation effective (HR-2305)',
    handling: { 'grace-laptop': { delay: -1 * MIN }, 'grace-phone': { delay: 5 * MIN }, 'agent-grace-notes': { delay: 6 * MIN } } },
  { key: 'heidi-reset', kind: 'password_reset', subject: 'u-heidi', at: at('2026-09-09T07:50:00Z'), actor: 'u-hana', reason: 'helpdesk ticket HD-4561' },
  { key: 'olivia-lost', kind: 'device_lost', subject: 'u-olivia', at: at('2026-09-15T08:40:00Z'), actor: 'u-olivia', reason: 'laptop left on a train', device: null, // set below from her laptop slot
    handling: { 'olivia-laptop': { delay: 6 * MIN } } },
  { key: 'xena-mfa', kind: 'mfa_reset', subject: 'u-xena', at: at('2026-09-17T13:25:00Z'), fmt: '+02:00', actor: 'u-hana', reason: 'lost security key' },
  { key: 'amir-change', kind: 'password_changed', subject: 'u-amir', at: at('2026-09-22T09:05:00Z'), actor: 'u-amir', reason: 'password changed from the desktop client' },
  { key: 'yusuf-reset', kind: 'password_reset', subject: 'u-yusuf', at: at('2026-09-24T15:40:00Z'), actor: 'u-hana', reason: 'helpdesk ticket HD-4598' },
  { key: 'alice-reset', kind: 'password_reset', subject: 'u-alice', at: at('2026-09-30T23:50:00Z'), actor: 'u-alice', reason: 'self-service reset',
    keepAll: true, noAnchor: true },
];
// Olivia's laptop device id is whatever her laptop slot says.
PLAN.find((e) => e.key === 'olivia-lost').device = SLOT.get('olivia-laptop').device;

PLAN.sort((a, b) => a.at - b.at);
PLAN.forEach((e, i) => { e.id = `lc-${pad(i + 1, 4)}`; });
const EV = Object.fromEntries(PLAN.map((e) => [e.key, e]));

// Revocation actors and reasons for the automatic per-event revocations.
const REVOKE_BY = {
  password_reset: ['system:idp', 'password reset'],
  password_changed: ['system:idp', 'password changed'],
  mfa_reset: ['system:idp', 'MFA reset'],
  sign_out_everywhere: ['system:idp', 'sign out everywhere'],
  credential_compromised: ['u-femi', 'credential compromised'],
  offboarded: ['system:hr-offboarding', 'offboarding'],
  suspended: ['u-hana', 'account suspended'],
  device_lost: ['u-hana', 'device reported lost'],
};

// Subjects that may not start sessions in [from, to).
const BLOCKS = {
  'u-victor': [[EV['victor-offboard'].at, Infinity]],
  'agent-victor-inbox': [[EV['victor-offboard'].at, Infinity]],
  'u-grace': [[EV['grace-offboard'].at, Infinity]],
  'agent-grace-notes': [[EV['grace-offboard'].at, Infinity]],
  'u-quentin': [[EV['quentin-suspend'].at, EV['quentin-reactivate'].at]],
  'u-zoe': [[at('2026-07-24T00:00:00Z'), Infinity]],
};

// Anchored sessions: a session of that slot starts exactly here (no logout unless `end`).
const ANCHORS = {
  'victor-phone': [{ at: at('2026-08-10T07:30:00Z'), lifetime: 30 * DAY }],
  'agent-victor-inbox': [{ at: at('2026-08-12T06:00:00Z') }],
  'grace-phone': [{ at: at('2026-08-25T07:00:00Z') }],
  'agent-grace-notes': [{ at: at('2026-09-01T08:00:00Z') }],
  'ken-phone': [{ at: at('2026-07-15T07:20:00Z') }],
  'laura-phone': [{ at: at('2026-08-20T06:50:00Z') }],
  'olivia-phone': [{ at: at('2026-09-01T07:05:00Z') }],
  'agent-olivia-scheduler': [{ at: at('2026-07-10T05:00:00Z') }, { at: at('2026-09-10T05:00:00Z') }],
  'peggy-phone': [{ at: at('2026-08-26T06:30:00Z') }],
  'ivan-phone': [{ at: at('2026-08-12T06:40:00Z') }],
  'quentin-phone': [{ at: at('2026-08-01T07:00:00Z') }],
  'quentin-laptop': [{ at: at('2026-08-06T13:15:00Z') }],
  // Story 6b: Judy signs out; a stale browser tab keeps polling.
  'judy-laptop': [{ at: at('2026-09-03T07:40:00Z'), end: { type: 'logout', at: at('2026-09-08T16:40:00Z') } }],
  // Story 7: the risk engine revokes Dave's session and records no actor.
  'dave-laptop': [{ at: at('2026-07-27T08:00:00Z'), end: { type: 'revoked', at: at('2026-07-29T11:05:00Z'), actor: null, reason: 'risk engine: impossible travel' } }],
  // Story 11: Alice's sessions are live when she resets her password at 23:50.
  'alice-laptop': [{ at: at('2026-09-28T07:10:00Z') }],
  'alice-phone': [{ at: at('2026-09-20T06:45:00Z') }],
};
// Every lifecycle event gets its subject's laptop anchored a day or two before, so it has a live session.
for (const e of PLAN) {
  if (e.noAnchor || e.kind === 'reactivated' || e.kind === 'permissions_changed') continue;
  const slotId = `${e.subject.slice(2)}-laptop`;
  const r = rngFor(`anchor:${e.key}`);
  (ANCHORS[slotId] ??= []).push({ at: e.at - between(r, 20 * HOUR, 50 * HOUR) });
}

// Story 9: creation records missing ip or user agent (slot id -> session ordinal -> field).
const INCOMPLETE = { 'sybil-laptop': { 2: 'ip' }, 'walter-laptop': { 3: 'user_agent' }, 'svc-ci-deploy': { 5: 'user_agent' } };

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
function unblock(subject, t) {
  for (const [from, to] of BLOCKS[subject] ?? []) {
    if (t >= from && t < to) return to === Infinity ? null : to + 5 * MIN;
  }
  return t;
}
function deviceFor(slot, t) {
  // Olivia gets a replacement laptop after reporting the old one lost.
  if (slot.id === 'olivia-laptop' && t > EV['olivia-lost'].at) return `${slot.device}-2`;
  return slot.device;
}

function simulateSlot(slot) {
  const rng = rngFor(`slot:${slot.id}`);
  const anchors = (ANCHORS[slot.id] ?? []).slice().sort((a, b) => a.at - b.at);
  const owner = slot.subjectType === 'user' ? slot.subject : slot.owner;
  const events = PLAN.filter((e) => e.subject === owner || e.subject === slot.subject);
  const out = [];
  let ai = 0;
  let t = Q_START + (slot.label === 'laptop' ? between(rng, 6 * HOUR, 10 * HOUR) : between(rng, 2 * HOUR, 4 * DAY));
  for (let guard = 0; guard < 500; guard++) {
    const anchor = anchors[ai];
    t = unblock(slot.subject, t);
    if (t === null) break;
    if (!anchor && t > LAST_CREATE) break;
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
      const delay = h.delay ?? between(rngFor(`delay:${e.key}:${slot.id}`), 30 * SEC, 9 * MIN);
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
}

function newSession(slot, n, created, rng, lifetime) {
  const id = slot.subjectType === 'user' ? `s-${slot.id}-${pad(n)}` : `s-${slot.subject}-${pad(n)}`;
  const expires = lifetime === null ? null : created + lifetime;
  let natural;
  if (slot.subjectType === 'service') natural = { type: 'logout', at: created + 7 * DAY - between(rng, 0, 2 * HOUR) };
  else if (rng() < slot.logoutProb) natural = { type: 'logout', at: created + between(rng, 4 * HOUR, Math.min(10 * DAY, lifetime - HOUR)) };
  else natural = { type: 'expiry', at: expires };
  const ip = slot.label === 'laptop' ? pick(rng, slot.ips) : slot.label === 'phone' ? (rng() < 0.8 ? slot.ips[0] : slot.ips[1]) : slot.ips[0];
  return {
    id, slot, n, subject: slot.subject, subjectType: slot.subjectType, owner: slot.owner,
    created, expires, natural, end: null, ip, ua: slot.ua, device: deviceFor(slot, created), auth: slot.auth,
  };
}

const SESSIONS = SLOTS.flatMap(simulateSlot);
const SESS = new Map(SESSIONS.map((s) => [s.id, s]));
/** The session of a slot whose planned life contains instant t. */
function sessionAt(slotId, t) {
  const s = SESSIONS.find((x) => x.slot.id === slotId && x.created <= t && t < x.end.at);
  if (!s) throw new Error(`no session of ${slotId} at ${iso(t)}`);
  return s;
}
for (const e of PLAN) if (e.initiatingSlot) e.initiatingSession = sessionAt(e.initiatingSlot, e.at).id;

// Story 2, second half: someone signs in as Grace six days after her offboarding.
const GRACE_LOGIN = {
  id: 's-grace-web-01', slot: { id: 'grace-web', label: 'web' }, n: 1, subject: 'u-grace', subjectType: 'user', owner: null,
  created: at('2026-09-10T10:22:00Z'), expires: at('2026-09-10T22:22:00Z'), ip: '198.51.100.250', ua: UA.winFirefox,
  device: null, auth: 'password',
  end: { type: 'revoked', at: at('2026-09-10T10:41:00Z'), actor: 'u-femi', reason: 'offboarded user signed in; account locked' },
};
SESSIONS.push(GRACE_LOGIN);
SESS.set(GRACE_LOGIN.id, GRACE_LOGIN);

// ---------------------------------------------------------------- records
const sessionRecs = []; // { sortTs, rec }
for (const s of SESSIONS) {
  const r = { type: 'session.created', ts: iso(s.created), session_id: s.id, subject_id: s.subject };
  if (s.subjectType !== 'user') { r.subject_type = s.subjectType; r.owner_id = s.owner; } else if (s.n % 3 === 0) r.subject_type = 'user';
  if (s.expires !== null) r.expires_at = iso(s.expires);
  const drop = INCOMPLETE[s.slot.id]?.[s.n];
  if (drop !== 'ip') r.ip = s.ip;
  if (drop !== 'user_agent') r.user_agent = s.ua;
  if (drop) s.missing = drop;
  if (s.device) r.device_id = s.device;
  r.auth_method = s.auth;
  sessionRecs.push({ sortTs: s.created, rec: r });
  const rng = rngFor(`ended:${s.id}`);
  if (s.end.type === 'logout' && s.end.at <= CUTOFF) {
    sessionRecs.push({ sortTs: s.end.at, rec: { type: 'session.ended', ts: iso(s.end.at), session_id: s.id, subject_id: s.subject, reason: 'logout' } });
  } else if (s.end.type === 'expiry' && rng() < 0.6) {
    // Some IdPs log the expiry when a sweeper notices it; E stays expires_at (the minimum).
    const ts = s.expires + (rng() < 0.5 ? 0 : between(rng, MIN, 50 * MIN));
    if (ts <= CUTOFF) sessionRecs.push({ sortTs: ts, rec: { type: 'session.ended', ts: iso(ts), session_id: s.id, subject_id: s.subject, reason: 'expired' } });
  }
}

const revs = []; // { ts, rec-without-id }
const scopeAllDone = new Set();
for (const s of SESSIONS) {
  const e = s.end;
  if (e.type !== 'revoked' || e.at > CUTOFF) continue;
  if (e.scopeAll) {
    if (scopeAllDone.has(e.event.key)) continue;
    scopeAllDone.add(e.event.key);
    revs.push({ ts: e.at, rec: { type: 'session.revoked', ts: iso(e.at), subject_id: s.subject, actor_id: e.event.actor, reason: REVOKE_BY[e.event.kind][1], trigger_event_id: e.event.id } });
    continue;
  }
  const r = { type: 'session.revoked', ts: iso(e.at), session_id: s.id };
  // About a quarter of revocations name only the session; ingest gives them the session's subject.
  if (rngFor(`revsubj:${s.id}`)() >= 0.25 || !e.event) r.subject_id = s.subject;
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
  r.rec = { type, event_id: `rv-${pad(i + 1, 4)}`, ...rest };
});
const REV_OF = new Map(revs.filter((r) => r.rec.session_id).map((r) => [r.rec.session_id, r.rec]));

const lifecycleRecs = PLAN.map((e) => {
  const ts = e.fmt === '+02:00' ? isoOffset(e.at, 120) : e.fmt === 'epoch-s' ? e.at / SEC : e.fmt === 'epoch-ms' ? e.at : iso(e.at);
  const r = { type: `subject.${e.kind}`, event_id: e.id, ts, subject_id: e.subject, actor_id: e.actor };
  if (e.initiatingSession) r.initiating_session_id = e.initiatingSession;
  if (e.device) r.device_id = e.device;
  r.reason = e.reason;
  return { sortTs: e.at, rec: r };
});

// ---------------------------------------------------------------- contract helpers (shared by activity + checker)
/** Per-session R, L, E, D exactly as "Session times" defines them. */
function sessionTimes(sessions, revocations, endeds) {
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

// ---------------------------------------------------------------- activity
const canonSessionsFromSim = SESSIONS.map((s) => ({ session_id: s.id, subject_id: s.subject, created_at: s.created, expires_at: s.expires }));
const simTimes = sessionTimes(
  canonSessionsFromSim,
  revs.map((r) => ({ ts: r.ts, session_id: r.rec.session_id ?? null, subject_id: r.rec.subject_id ?? SESS.get(r.rec.session_id)?.subject ?? null })),
  sessionRecs.filter((x) => x.rec.type === 'session.ended').map((x) => ({ ts: x.sortTs, session_id: x.rec.session_id, reason: x.rec.reason })),
);

const KEN = { ev: EV['ken-reset'] };
KEN.laptop = sessionAt('ken-laptop', KEN.ev.at);
const VICTOR = { ev: EV['victor-offboard'] };
VICTOR.phone = sessionAt('victor-phone', VICTOR.ev.at);
VICTOR.laptop = sessionAt('victor-laptop', VICTOR.ev.at);
VICTOR.agent = sessionAt('agent-victor-inbox', VICTOR.ev.at);
const IVAN = { ev: EV['ivan-compromised'] };
IVAN.laptop = sessionAt('ivan-laptop', IVAN.ev.at);
const JUDY = { s: SESSIONS.find((s) => s.slot.id === 'judy-laptop' && s.created === at('2026-09-03T07:40:00Z')) };
const DAVE = { s: SESSIONS.find((s) => s.slot.id === 'dave-laptop' && s.created === at('2026-07-27T08:00:00Z')) };

// Windows in which generic activity must not fall (so only the planted rows decide escalation).
const BLACKOUT = new Map([[KEN.laptop.id, [KEN.ev.at, KEN.laptop.end.at + SKEW + MIN]]]);

const ACTIONS = {
  laptop: ['mail.read', 'docs.edit', 'drive.download', 'chat.send', 'calendar.view', 'crm.update', 'wiki.read'],
  phone: ['mail.read', 'chat.send', 'calendar.view'],
  agent: ['mail.summarize', 'calendar.write', 'docs.read'],
  service: ['deploy.create', 'artifact.push'],
};
const activity = []; // { ts, rec }
for (const s of SESSIONS) {
  if (s === GRACE_LOGIN) continue;
  const tm = simTimes.get(s.id);
  const lo = s.created + MIN;
  const hi = Math.min(tm.D ?? Infinity, tm.E ?? Infinity, CUTOFF) - MIN;
  const rng = rngFor(`activity:${s.id}`);
  const kind = s.subjectType === 'user' ? s.slot.label : s.subjectType;
  for (let day = Math.floor(lo / DAY) * DAY; day < hi; day += DAY) {
    const dow = new Date(day).getUTCDay();
    const weekend = dow === 0 || dow === 6;
    const p = { laptop: weekend ? 0.08 : 0.8, phone: weekend ? 0.2 : 0.3, agent: weekend ? 0.4 : 0.85, service: weekend ? 0 : 0.9 }[kind];
    if (rng() >= p) continue;
    const [h0, h1] = { laptop: [6, 16.5], phone: [5, 20], agent: [0, 23.9], service: [8, 17] }[kind];
    const ts = day + between(rng, h0 * HOUR, h1 * HOUR);
    if (ts < lo || ts >= hi) continue;
    const bo = BLACKOUT.get(s.id);
    if (bo && ts > bo[0] && ts <= bo[1]) continue;
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
const act = (s, ts, over = {}) => activity.push({
  ts, rec: { type: 'session.activity', ts: iso(ts), session_id: s.id, subject_id: s.subject, ip: s.ip, user_agent: s.ua, action: 'mail.read', outcome: 'allowed', reason: '', ...over },
});
// Story 1: Victor's phone keeps reading mail after his offboarding.
act(VICTOR.phone, VICTOR.ev.at + 45 * MIN, { action: 'mail.read' });
act(VICTOR.phone, VICTOR.ev.at + 2 * HOUR + 13 * MIN, { action: 'crm.export' });
// Story 3: Ken's laptop is used 10 min after the reset (within the SLA), then nothing until the late revocation.
act(KEN.laptop, KEN.ev.at + 10 * MIN, { action: 'crm.update', ip: KEN.laptop.ip });
// Story 6: a replay of Ivan's revoked laptop token from a new address and a new client.
const ivanR = IVAN.laptop.end.at;
for (const [i, dt] of [25 * MIN, 26 * MIN, 33 * MIN, 19 * HOUR + 4 * MIN].entries()) {
  act(IVAN.laptop, ivanR + dt, { subject_id: '', ip: i < 3 ? '2001:db8:7f:1::23' : '2001:db8:7f:1::24', user_agent: UA.replay, action: i < 3 ? 'mail.read' : 'drive.download', outcome: 'denied', reason: 'session_revoked' });
}
// Story 6b: Judy's stale tab keeps polling after she signed out, same address and browser.
for (const dt of [5 * MIN, 20 * MIN, 50 * MIN]) {
  act(JUDY.s, JUDY.s.end.at + dt, { action: 'chat.poll', outcome: 'denied', reason: 'session_ended' });
}
// Story 2: the sign-in as Grace is used twice before security revokes it.
act(GRACE_LOGIN, GRACE_LOGIN.created + 2 * MIN, { action: 'mail.read' });
act(GRACE_LOGIN, GRACE_LOGIN.created + 9 * MIN, { action: 'drive.download' });

// ---------------------------------------------------------------- malformed records
// Each is placed among the records by its time; none may change a finding.
// People whose stories do not involve a lifecycle event; malformed records stay away from them.
const STORY_PEOPLE = new Set(['u-dave', 'u-judy', 'u-sybil', 'u-walter', 'u-grace']);
const Q_TS = at('2026-08-12T11:11:11Z');
const qSession = SESSIONS.find((s) => {
  const tm = simTimes.get(s.id);
  return s.subjectType === 'user' && !STORY_PEOPLE.has(s.subject) && !PLAN.some((e) => e.subject === s.subject) && s.slot.label === 'laptop' && s.created < Q_TS && Q_TS < Math.min(tm.D ?? Infinity, tm.E ?? Infinity);
});
// A session of someone no story is about, already signed out before the bogus revocation's time.
const loggedOut = SESSIONS.find((s) => s.end.type === 'logout' && s.end.at < at('2026-09-01T00:00:00Z') && s.subjectType === 'user' && !STORY_PEOPLE.has(s.subject) && !PLAN.some((e) => e.subject === s.subject));
const MALFORMED = {
  sessions: [
    { sortTs: at('2026-07-19T08:02:11Z'), raw: '{"type":"session.created","ts":"2026-07-19T08:02:11Z","session_id":"s-niaj-laptop-tmp","subject_id":"u-niaj","ip":"203.0.113.10"', reason: 'invalid JSON', what: 'a session.created line cut off mid-record (no closing brace)' },
    { sortTs: at('2026-08-05T07:58:00Z'), raw: JSON.stringify({ type: 'session.created', ts: '2026-08-05T07:58:00Z', subject_id: 'u-niaj', ip: OFFICE_IP, user_agent: UA.linux, device_id: 'dev-niaj-xps', auth_method: 'sso+webauthn' }), reason: 'missing field session_id', what: 'a session.created for u-niaj without a session_id' },
    { sortTs: at('2026-08-19T12:00:00Z'), raw: JSON.stringify({ type: 'session.teleported', ts: '2026-08-19T12:00:00Z', session_id: 's-rupert-laptop-05', subject_id: 'u-rupert' }), reason: 'unknown type', what: 'a record of type session.teleported' },
    { sortTs: at('2026-09-14T00:00:00Z'), blank: true, what: 'an empty line (not a record; counts as a physical line only)' },
  ],
  revocations: [
    { sortTs: at('2026-09-02T10:00:00Z'), raw: JSON.stringify([{ type: 'session.revoked', ts: '2026-09-02T10:00:00Z', session_id: loggedOut.id, subject_id: loggedOut.subject, actor_id: 'u-hana', reason: 'cleanup' }]), reason: 'not an object', what: `a line holding a JSON array (wrapping a revocation of ${loggedOut.id}, which had already logged out)` },
  ],
  lifecycle: [
    { sortTs: at('2026-08-01T10:00:00Z'), raw: { type: 'subject.permissions_changed', ts: '2026-08-01T10:00:00', subject_id: 'u-bea', actor_id: 'u-hana', reason: 'added to finance-readers' }, reason: 'bad time in ts', what: 'a subject.permissions_changed for u-bea whose ts 2026-08-01T10:00:00 has no offset' },
  ],
  activity: [
    { sortTs: at('2026-08-12T11:11:11Z'), raw: { type: 'session.activity', ts: '2026-08-12T11:11:11Z', session_id: qSession.id, subject_id: qSession.subject, ip: qSession.ip, user_agent: qSession.ua, action: 'docs.edit', outcome: 'maybe', reason: '' }, reason: 'bad value in outcome', what: `a session.activity on ${qSession.id} with outcome "maybe"` },
  ],
};

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
const quarantinePlanned = [];
function writeJsonl(file, items, extra) {
  const lines = [];
  for (const x of ordered(items, extra)) {
    if (x.ok) lines.push(JSON.stringify(x.rec));
    else if (x.blank) lines.push('');
    else { lines.push(x.raw); quarantinePlanned.push({ file, line: lines.length, reason: x.reason, what: x.what }); }
  }
  writeFileSync(join(OUT, file), `${lines.join('\n')}\n`);
  return lines.filter((l) => l !== '').length;
}
function writeJsonArray(file, items, extra) {
  const els = [];
  for (const x of ordered(items, extra)) {
    if (x.ok) els.push(x.rec);
    else { els.push(x.raw); quarantinePlanned.push({ file, line: els.length, reason: x.reason, what: x.what }); }
  }
  writeFileSync(join(OUT, file), `[\n${els.map((e) => `  ${JSON.stringify(e)}`).join(',\n')}\n]\n`);
  return els.length;
}
function writeCsv(file, items, extra) {
  const lines = [CSV_COLS.join(',')];
  for (const x of ordered(items, extra)) {
    const rec = x.ok ? x.rec : x.raw;
    lines.push(CSV_COLS.map((c) => csvField(rec[c])).join(','));
    if (!x.ok) quarantinePlanned.push({ file, line: lines.length, reason: x.reason, what: x.what });
  }
  writeFileSync(join(OUT, file), `${lines.join('\n')}\n`);
  return lines.length - 1;
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
const present = (v) => v !== undefined && v !== null && v !== '';
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
  if (type === 'session.revoked' && !present(rec.session_id) && !present(rec.subject_id)) return ['missing field session_id', null];
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
function readInputs(dir) {
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

function evaluate({ loaded }) {
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
  const inputsEnd = Math.min(Math.max(...loaded.map((r) => r.ts)), Q_TO);

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
  const F = (rule, severity, subject_id, session_id, lifecycle_event_id, observed_at) => findings.push({ rule, severity, subject_id, session_id, lifecycle_event_id, observed_at });
  for (const e of lifecycle) {
    const req = required(e);
    if (req === null) continue;
    const T = e.ts;
    const per = req.map((s) => [s, sessCoverage(s, T)]);
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
  return { findings, coverage, inputsEnd, times, sessions, access, revocations };
}

// ---------------------------------------------------------------- what the stories must produce
const PLANTED_FINDINGS = [
  ['session-survived-lifecycle-event', 'critical', 'u-victor', VICTOR.phone.id, EV['victor-offboard'].id],
  ['agent-outlived-owner', 'critical', 'agent-victor-inbox', VICTOR.agent.id, EV['victor-offboard'].id],
  ['login-after-offboarding', 'critical', 'u-grace', GRACE_LOGIN.id, EV['grace-offboard'].id],
  ['session-survived-lifecycle-event', 'high', 'u-ken', KEN.laptop.id, EV['ken-reset'].id],
  ['revoked-session-reuse-attempt', 'medium', 'u-ivan', IVAN.laptop.id, null],
  ['revoked-session-reuse-attempt', 'low', 'u-judy', JUDY.s.id, null],
  ['revocation-audit-incomplete', 'medium', 'u-dave', DAVE.s.id, null],
  ...SESSIONS.filter((s) => s.missing).map((s) => ['session-inventory-incomplete', 'low', s.subject, s.id, null]),
].map(([rule, severity, subject_id, session_id, lifecycle_event_id]) => ({ rule, severity, subject_id, session_id, lifecycle_event_id }));
const PLANTED_STATUS = {
  [EV['victor-offboard'].id]: 'uncovered',
  [EV['ken-reset'].id]: 'late',
  [EV['zoe-deactivate'].id]: 'no_sessions',
  [EV['alice-reset'].id]: 'pending',
};
// Counts the stories fix by design (required sessions, revoked in time).
const PLANTED_COUNTS = {
  [EV['victor-offboard'].id]: [3, 1],
  [EV['ken-reset'].id]: [2, 1],
  [EV['grace-offboard'].id]: [3, 3],
  [EV['laura-change'].id]: [1, 1],
  [EV['olivia-lost'].id]: [1, 1],
  [EV['zoe-deactivate'].id]: [0, 0],
  [EV['alice-reset'].id]: [2, 0],
  [EV['quentin-suspend'].id]: [2, 2],
  [EV['ivan-compromised'].id]: [2, 2],
  [EV['peggy-signout'].id]: [2, 2],
};

const SEV_ORDER = { critical: 0, high: 1, medium: 2, low: 3 };
const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const sortFindings = (xs) => xs.slice().sort((a, b) => SEV_ORDER[a.severity] - SEV_ORDER[b.severity] || cmp(a.rule, b.rule) || cmp(a.subject_id, b.subject_id) || cmp(a.session_id ?? '', b.session_id ?? ''));
const strip = ({ rule, severity, subject_id, session_id, lifecycle_event_id }) => ({ rule, severity, subject_id, session_id, lifecycle_event_id });

function check(dir, { planted }) {
  const input = readInputs(dir);
  const res = evaluate(input);
  const problems = [];
  const got = sortFindings(res.findings.map(strip));
  if (planted) {
    const want = sortFindings(PLANTED_FINDINGS);
    if (JSON.stringify(got) !== JSON.stringify(want)) problems.push(`findings differ:\n got ${JSON.stringify(got, null, 1)}\n want ${JSON.stringify(want, null, 1)}`);
    const lcIds = PLAN.filter((e) => e.kind !== 'reactivated' && e.kind !== 'permissions_changed').map((e) => e.id);
    if (JSON.stringify(res.coverage.map((c) => c.event_id).sort()) !== JSON.stringify(lcIds.sort())) problems.push('coverage rows are not one per revocation-requiring event');
    for (const c of res.coverage) {
      const want2 = PLANTED_STATUS[c.event_id] ?? 'covered';
      if (c.status !== want2) problems.push(`coverage ${c.event_id} (${c.kind} ${c.subject_id}) is ${c.status}, planted ${want2}`);
      const counts = PLANTED_COUNTS[c.event_id];
      if (counts && (c.required_sessions !== counts[0] || c.revoked_in_time !== counts[1])) problems.push(`coverage ${c.event_id} counts ${c.required_sessions}/${c.revoked_in_time}, planted ${counts}`);
    }
    const qGot = JSON.stringify(input.quarantine.slice().sort((a, b) => cmp(a.file, b.file) || a.line - b.line));
    const qWant = JSON.stringify(quarantinePlanned.map(({ file, line, reason }) => ({ file, line, reason })).sort((a, b) => cmp(a.file, b.file) || a.line - b.line));
    if (qGot !== qWant) problems.push(`quarantine differs:\n got ${qGot}\n want ${qWant}`);
    if (res.inputsEnd !== EV['alice-reset'].at) problems.push(`inputs end ${iso(res.inputsEnd)}, not at the last password reset`);
  }
  for (const f of res.findings) if (!(f.observed_at >= Q_START && f.observed_at < Q_TO)) problems.push(`finding outside the quarter: ${JSON.stringify(f)}`);
  for (const c of res.coverage) if (!(c.ts >= Q_START && c.ts < Q_TO)) problems.push(`coverage outside the quarter: ${c.event_id}`);
  const loadedByType = {};
  for (const r of input.loaded) loadedByType[r.type.startsWith('subject.') ? 'subject.*' : r.type] = (loadedByType[r.type.startsWith('subject.') ? 'subject.*' : r.type] ?? 0) + 1;
  return { input, res, problems, got, loadedByType };
}

// ---------------------------------------------------------------- main
const checkOnly = process.argv.includes('--check');
if (!checkOnly) {
  mkdirSync(OUT, { recursive: true });
  const counts = {
    'sessions.jsonl': writeJsonl('sessions.jsonl', sessionRecs, MALFORMED.sessions),
    'activity.csv': writeCsv('activity.csv', activity.map((a) => ({ sortTs: a.ts, rec: a.rec })), MALFORMED.activity),
    'lifecycle.json': writeJsonArray('lifecycle.json', lifecycleRecs, MALFORMED.lifecycle),
    'revocations.jsonl': writeJsonl('revocations.jsonl', revs.map((r) => ({ sortTs: r.ts, rec: r.rec })), MALFORMED.revocations),
  };
  const { input, res, problems, got, loadedByType } = check(OUT, { planted: true });
  if (problems.length) {
    console.error(problems.join('\n'));
    process.exit(1);
  }
  const expected = {
    findings: got,
    coverage: res.coverage.slice().sort((a, b) => cmp(a.event_id, b.event_id)).map(({ event_id, kind, subject_id, status, required_sessions, revoked_in_time }) => ({ event_id, kind, subject_id, status, required_sessions, revoked_in_time })),
    quarantine: input.quarantine.slice().sort((a, b) => cmp(a.file, b.file) || a.line - b.line),
  };
  writeFileSync(join(OUT, '..', 'demo-expected.json'), `${JSON.stringify(expected, null, 2)}\n`);
  writeFileSync(join(OUT, 'STORY.md'), story(res, counts, input, loadedByType));
  console.log(`wrote ${OUT}`);
  for (const [f, n] of Object.entries(counts)) console.log(`  ${f.padEnd(18)} ${n} records${f.endsWith('.jsonl') ? ' (blank lines excluded)' : ''}`);
  console.log(`  loaded ${input.loaded.length}, quarantined ${input.quarantine.length}, records ${input.records}`);
  console.log(`  findings ${got.length}, coverage rows ${res.coverage.length}`);
} else {
  const { problems, got, res, input } = check(OUT, { planted: false });
  const exp = JSON.parse(readFileSync(join(OUT, '..', 'demo-expected.json'), 'utf8'));
  if (JSON.stringify(exp.findings) !== JSON.stringify(got)) problems.push('expected.json findings are stale');
  const cov = res.coverage.slice().sort((a, b) => cmp(a.event_id, b.event_id)).map(({ event_id, kind, subject_id, status, required_sessions, revoked_in_time }) => ({ event_id, kind, subject_id, status, required_sessions, revoked_in_time }));
  if (JSON.stringify(exp.coverage) !== JSON.stringify(cov)) problems.push('expected.json coverage is stale');
  const quar = input.quarantine.slice().sort((x, y) => cmp(x.file, y.file) || x.line - y.line);
  if (JSON.stringify(exp.quarantine) !== JSON.stringify(quar)) problems.push('expected.json quarantine is stale');
  if (problems.length) { console.error(problems.join('\n')); process.exit(1); }
  console.log('fixtures/demo agrees with expected.json');
}

// ---------------------------------------------------------------- STORY.md
function story(res, counts, input, loadedByType) {
  const T = (ms) => iso(ms).replace('T', ' ').replace('Z', 'Z');
  const ev = (k) => EV[k];
  const revLine = (sid) => {
    const r = REV_OF.get(sid);
    return r ? `\`${r.event_id}\` at ${T(Date.parse(r.ts))}` : 'never revoked';
  };
  const cov = (k) => res.coverage.find((c) => c.event_id === EV[k].id);
  const covTxt = (k) => { const c = cov(k); return `coverage **${c.status}** (${c.revoked_in_time} of ${c.required_sessions} required sessions revoked in time)`; };
  const live = (ids) => ids.map((s) => `\`${s.id}\``).join(', ');
  const reqOf = (k) => {
    const e = EV[k];
    return SESSIONS.filter((s) => REV_OF.get(s.id)?.trigger_event_id === e.id);
  };
  const victorLaptopRev = REV_OF.get(VICTOR.laptop.id);
  const graceReq = reqOf('grace-offboard');
  const ivanReq = reqOf('ivan-compromised');
  const quentinReq = reqOf('quentin-suspend');
  const quentinAfter = SESSIONS.find((s) => s.subject === 'u-quentin' && s.created === at('2026-08-06T13:15:00Z'));
  const peggyRev = revs.find((r) => r.rec.trigger_event_id === EV['peggy-signout'].id).rec;
  const peggyReq = SESSIONS.filter((s) => s.end.type === 'revoked' && s.end.event === EV['peggy-signout']);
  const laura = EV['laura-change'];
  const olivia = EV['olivia-lost'];
  const oliviaPhone = sessionAt('olivia-phone', olivia.at);
  const alice = EV['alice-reset'];
  const aliceLive = res.sessions.filter((s) => s.subject_id === 'u-alice' && s.created_at <= alice.at && (res.times.get(s.session_id).D === null) && (res.times.get(s.session_id).E ?? Infinity) > alice.at);
  const zoeSessions = SESSIONS.filter((s) => s.subject === 'u-zoe');
  const incomplete = SESSIONS.filter((s) => s.missing);
  const daveRev = REV_OF.get(DAVE.s.id);
  const findingsTable = sortFindings(res.findings).map((f) => `| \`${f.rule}\` | ${f.severity} | \`${f.subject_id}\` | ${f.session_id ? `\`${f.session_id}\`` : '—'} | ${f.lifecycle_event_id ? `\`${f.lifecycle_event_id}\`` : '—'} | ${T(f.observed_at)} |`).join('\n');
  const covTable = res.coverage.slice().sort((a, b) => cmp(a.event_id, b.event_id)).map((c) => `| \`${c.event_id}\` | ${T(c.ts)} | ${c.kind} | \`${c.subject_id}\` | ${c.required_sessions} | ${c.revoked_in_time} | ${c.status === 'covered' ? 'covered' : `**${c.status}**`} |`).join('\n');
  const other = PLAN.filter((e) => e.kind === 'reactivated' || e.kind === 'permissions_changed').map((e) => `\`${e.id}\` (${e.kind}, \`${e.subject}\`)`).join(', ');
  const quarantineTable = quarantinePlanned.slice().sort((a, b) => cmp(a.file, b.file) || a.line - b.line).map((q) => `| \`${q.file}\` | ${q.line} | \`${q.reason}\` | ${q.what} |`).join('\n');
  const blank = MALFORMED.sessions.find((m) => m.blank);
  const blankLine = readFileSync(join(OUT, 'sessions.jsonl'), 'utf8').split('\n').indexOf('') + 1;
  const ts = (e) => `${T(e.at)}`;
  const covered = res.coverage.filter((c) => c.status === 'covered').length;
  const counted = res.coverage.filter((c) => ['covered', 'late', 'uncovered'].includes(c.status)).length;

  return `# Northwind Labs, 2026-Q3 — the demo organisation

This folder is what \`revaudit audit\` reads when it is given no inputs. It is
generated by \`scripts/demo/make-demo.mjs\` (deterministic: the same script gives
the same bytes); do not edit the files by hand, change the script and run it.
\`../demo-expected.json\` holds the findings, coverage rows and quarantine that the
contract in DESIGN.md ("Native record format", "Rule semantics") implies for
these files, computed by an independent checker inside the script and asserted
against the stories below. All times here are UTC. Policy is the default:
SLA 15 minutes, clock skew 2 minutes, \`keep_initiating_session\` true,
\`permissions_changed_requires_revocation\` false.

## The company and the files

Northwind Labs has ${PEOPLE.length} people (\`u-alice\` … \`u-hana\`; \`u-hana\` is the
IT administrator, \`u-femi\` the security engineer, \`u-zoe\` a contractor), three
AI agents acting for people (\`agent-victor-inbox\` for \`u-victor\`,
\`agent-grace-notes\` for \`u-grace\`, \`agent-olivia-scheduler\` for \`u-olivia\`)
and one service account (\`svc-ci-deploy\`, owned by \`u-trent\`, whose tokens
have no expiry; the bot signs out when it rotates them weekly). People sign in
on a laptop (14-day sessions) and most on a phone (30-day sessions); they use
them on most working days, sign out sometimes, and otherwise let them expire.

| file | format | holds | records |
| --- | --- | --- | --- |
| \`sessions.jsonl\` | JSON Lines | \`session.created\`, \`session.ended\` (logout / expired) | ${counts['sessions.jsonl']} (+1 blank line) |
| \`activity.csv\` | CSV with header | \`session.activity\` | ${counts['activity.csv']} |
| \`lifecycle.json\` | JSON array | \`subject.<kind>\` (ids \`lc-0001\` …) | ${counts['lifecycle.json']} |
| \`revocations.jsonl\` | JSON Lines | \`session.revoked\` (ids \`rv-0001\` …) | ${counts['revocations.jsonl']} |

Of ${input.records} records, ${input.loaded.length} load and ${input.quarantine.length} are quarantined.
Loaded by type: ${Object.entries(loadedByType).map(([k, v]) => `${k} ${v}`).join(', ')}.
The latest loaded record is the last lifecycle event, \`${alice.id}\` at ${T(alice.at)} —
that is where "the inputs end". Times in \`lifecycle.json\` are written in several
ways on purpose: most with \`Z\`, \`${ev('olivia-reset').id}\`, \`${ev('quentin-suspend').id}\`,
\`${ev('quentin-reactivate').id}\`, \`${ev('erin-reset').id}\` and \`${ev('xena-mfa').id}\` with a \`+02:00\` offset,
\`${ev('carol-reset').id}\` as epoch seconds (${EV['carol-reset'].at / 1000}) and \`${ev('zoe-deactivate').id}\` as epoch
milliseconds (${EV['zoe-deactivate'].at}); the instants are what matter. About a quarter of
the revocations name only the session (ingest gives them the session's subject),
and the replayed requests of story 6 carry no subject_id at all.

Every revocation records who made it except the one in story 7; every session
creation records ip and user agent except the three in story 9; every other
lifecycle event is covered: each session it requires is revoked between
30 seconds and 9 minutes after it, by \`system:idp\` or the person named.

## The stories

### 1. Victor leaves, and his phone and his agent do not (\`${ev('victor-offboard').id}\`)
\`u-victor\` is offboarded at ${ts(ev('victor-offboard'))} (${ev('victor-offboard').reason}).
Live at that moment: laptop session \`${VICTOR.laptop.id}\`, phone session \`${VICTOR.phone.id}\`
and his agent's session \`${VICTOR.agent.id}\` (\`agent-victor-inbox\`, owner \`u-victor\`).
IT (\`${victorLaptopRev.actor_id}\`) revokes the laptop in time (${revLine(VICTOR.laptop.id)}). Nobody revokes
the phone: it reads mail at ${T(VICTOR.ev.at + 45 * MIN)} and exports CRM data at ${T(VICTOR.ev.at + 2 * HOUR + 13 * MIN)},
both allowed, and goes on being used until it expires at ${T(VICTOR.phone.expires)}. The agent's
token is never revoked either and runs until it expires at ${T(VICTOR.agent.expires)}.
- ${covTxt('victor-offboard')}.
- \`session-survived-lifecycle-event\`, **critical** (an allowed access after T + 15 min), \`u-victor\`, \`${VICTOR.phone.id}\`, \`${ev('victor-offboard').id}\`.
- \`agent-outlived-owner\`, **critical**, \`agent-victor-inbox\`, \`${VICTOR.agent.id}\`, \`${ev('victor-offboard').id}\`.
- No \`login-after-offboarding\`: neither Victor nor his agent signs in again.

### 2. Grace leaves cleanly, then someone signs in as her (\`${ev('grace-offboard').id}\`)
\`u-grace\` is offboarded at ${ts(ev('grace-offboard'))} by the HR workflow. Her sessions
${live(graceReq)} are revoked: ${graceReq.map((s) => `\`${s.id}\` by ${revLine(s.id)}`).join('; ')}.
The laptop revocation is recorded one minute *before* the offboarding (the IT tool's
clock runs ahead), which the 2-minute skew accepts.
- ${covTxt('grace-offboard')}; no finding for the offboarding itself.

On ${T(GRACE_LOGIN.created)} a password sign-in as \`u-grace\` succeeds from
198.51.100.250 (session \`${GRACE_LOGIN.id}\`), reads mail and downloads a file; \`u-femi\` revokes it at
${T(GRACE_LOGIN.end.at)} (${revLine(GRACE_LOGIN.id)}). There is no \`subject.reactivated\` for Grace.
- \`login-after-offboarding\`, **critical**, \`u-grace\`, \`${GRACE_LOGIN.id}\`, \`${ev('grace-offboard').id}\`.

### 3. Password resets, one of them late; a password change from a kept session
Resets by \`u-bob\` (\`${ev('bob-reset').id}\`), \`u-olivia\` (\`${ev('olivia-reset').id}\`, which also revokes her agent's session), \`u-carol\` (\`${ev('carol-reset').id}\`),
\`u-erin\` (\`${ev('erin-reset').id}\`), \`u-heidi\` (\`${ev('heidi-reset').id}\`) and \`u-yusuf\` (\`${ev('yusuf-reset').id}\`) are all covered.

\`u-ken\` resets at ${ts(ev('ken-reset'))} (\`${ev('ken-reset').id}\`). His phone is revoked in time
(${revLine(sessionAt('ken-phone', KEN.ev.at).id)}), but his laptop session \`${KEN.laptop.id}\` only at ${T(KEN.laptop.end.at)} — 40 minutes
after (${revLine(KEN.laptop.id)}, by \`u-hana\` after a helpdesk follow-up). The laptop was used at
${T(KEN.ev.at + 10 * MIN)} (inside the SLA) and not again before the revocation, so no escalation.
- ${covTxt('ken-reset')}.
- \`session-survived-lifecycle-event\`, **high**, \`u-ken\`, \`${KEN.laptop.id}\`, \`${ev('ken-reset').id}\`.

\`u-laura\` changes her password at ${ts(laura)} (\`${laura.id}\`) from her laptop session
\`${laura.initiatingSession}\` (\`initiating_session_id\`), which stays signed in as policy allows. Her
phone session ${live(reqOf('laura-change'))} is revoked (${reqOf('laura-change').map((s) => revLine(s.id)).join(', ')}).
- ${covTxt('laura-change')}; no finding for the kept session.

The other password changes — \`u-trent\` (\`${ev('trent-change').id}\`, from \`${ev('trent-change').initiatingSession}\`; his
\`svc-ci-deploy\` token is not required, a password change never requires agent or
service sessions) and \`u-amir\` (\`${ev('amir-change').id}\`, no initiating session, so all his sessions) — are covered.

### 4. Olivia loses her laptop (\`${olivia.id}\`)
At ${ts(olivia)} \`u-olivia\` reports \`${olivia.device}\` lost. Only sessions on that device are
required: ${live(reqOf('olivia-lost'))}, revoked ${reqOf('olivia-lost').map((s) => revLine(s.id)).join(', ')}. Her phone session \`${oliviaPhone.id}\`
(another device) and her scheduler agent stay signed in, as they should. Her new
laptop (\`${olivia.device}-2\`) signs in later that day.
- ${covTxt('olivia-lost')}; no findings.

### 5. Peggy signs out everywhere (\`${ev('peggy-signout').id}\`)
At ${ts(ev('peggy-signout'))} \`u-peggy\` presses "sign out of all devices" on her phone
(\`initiating_session_id\` \`${ev('peggy-signout').initiatingSession}\`, which must end too). One scope-all revocation,
\`${peggyRev.event_id}\` at ${T(Date.parse(peggyRev.ts))} (subject \`u-peggy\`, no session_id), ends ${live(peggyReq)}.
- ${covTxt('peggy-signout')}; no findings. (\`u-dana\`'s sign-out-everywhere, \`${ev('dana-signout').id}\`, is covered by one revocation per session.)

### 6. Someone replays Ivan's revoked session; Judy's stale tab keeps polling
\`u-femi\` marks \`u-ivan\`'s credentials compromised at ${ts(IVAN.ev)} (\`${IVAN.ev.id}\`).
${ivanReq.map((s) => `\`${s.id}\` is revoked by ${revLine(s.id)}`).join('; ')}.
- ${covTxt('ivan-compromised')}.

From ${T(ivanR + 25 * MIN)} to ${T(ivanR + 19 * HOUR + 4 * MIN)} four requests present \`${IVAN.laptop.id}\` from
2001:db8:7f:1::23 / ::24 with the user agent \`${UA.replay}\` — an address and a
client never seen on that session. All are denied (\`session_revoked\`); none is allowed.
- \`revoked-session-reuse-attempt\`, **medium**, \`u-ivan\`, \`${IVAN.laptop.id}\`.

\`u-judy\` signs out of \`${JUDY.s.id}\` at ${T(JUDY.s.end.at)}. A browser tab left open polls at
+5, +20 and +50 minutes from the same address (${JUDY.s.ip}) and browser it signed in with; all denied.
- \`revoked-session-reuse-attempt\`, **low**, \`u-judy\`, \`${JUDY.s.id}\`.

### 7. A revocation nobody signed (\`${daveRev.event_id}\`)
At ${T(Date.parse(daveRev.ts))} the risk engine revokes \`u-dave\`'s session \`${DAVE.s.id}\`
("${daveRev.reason}") and the record has no \`actor_id\`. The revocation works — the
session is not used again — but the audit trail does not say who did it.
- \`revocation-audit-incomplete\`, **medium**, \`u-dave\`, \`${DAVE.s.id}\`.

### 8. Quentin is suspended by mistake (\`${ev('quentin-suspend').id}\`, \`${ev('quentin-reactivate').id}\`)
\`u-quentin\` is suspended at ${ts(ev('quentin-suspend'))} and reactivated ten minutes later at
${ts(ev('quentin-reactivate'))}. The suspension still required his sessions to end, and they did:
${quentinReq.map((s) => `\`${s.id}\` by ${revLine(s.id)}`).join('; ')}. He signs in again at ${T(quentinAfter.created)}
(\`${quentinAfter.id}\`), after the reactivation, so that is not a login after offboarding.
- Suspension: ${covTxt('quentin-suspend')}. The reactivation requires nothing and has no coverage row.

### 9. Sessions with an incomplete inventory
${incomplete.map((s) => `- \`${s.id}\` (\`${s.subject}\`, created ${T(s.created)}) has no \`${s.missing}\` in its creation record → \`session-inventory-incomplete\`, **low**.`).join('\n')}

### 10. A contractor with nothing left to revoke (\`${ev('zoe-deactivate').id}\`)
\`u-zoe\`'s contract ends and she is deactivated at ${ts(ev('zoe-deactivate'))}. Her last session of the
quarter (of ${zoeSessions.length}: ${live(zoeSessions)}) ${zoeSessions.at(-1).end.type === 'logout' ? 'was signed out' : 'expired'} on ${new Date(zoeSessions.at(-1).end.at).toISOString().slice(0, 10)}; she has no agents.
- Coverage **no_sessions** (0 required). She never signs in again.

### 11. The quarter ends mid-reset (\`${alice.id}\`)
\`u-alice\` resets her password at ${ts(alice)}, ten minutes before the quarter closes. Her live
sessions ${aliceLive.map((s) => `\`${s.session_id}\``).join(', ')} have not been revoked yet when the inputs end (at that same
moment), and T + 15 min is later than that.
- Coverage **pending** (0 of ${cov('alice-reset').required_sessions}); no finding yet.

## Expected findings (${res.findings.length})

| rule | severity | subject | session | lifecycle event | observed at |
| --- | --- | --- | --- | --- | --- |
${findingsTable}

No \`revoked-session-accepted\` finding: no session is used with an allowed outcome
after it was revoked or signed out.

## Expected coverage (${res.coverage.length} rows; ${covered} of ${counted} counted events covered)

| event | T | kind | subject | required | revoked in time | status |
| --- | --- | --- | --- | --- | --- | --- |
${covTable}

No coverage row for ${other}.

## Malformed records (quarantined; none changes a finding)

Line numbers are physical lines (for \`activity.csv\` the header is line 1; for
\`lifecycle.json\` the 1-based index of the element in the array).

| file | line | reason | what |
| --- | --- | --- | --- |
${quarantineTable}

\`sessions.jsonl\` line ${blankLine} is ${blank.what}.
`;
}
