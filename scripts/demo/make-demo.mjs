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
// The organisation, the simulation, the writers and the checker live in northwind.mjs,
// shared with the previous quarter's generator (make-demo-q2.mjs); this file holds the
// quarter's plan and stories. Plain Node 20, node:* only.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DAY, HOUR, MIN, OFFICE_IP, SEC, SKEW, UA, PEOPLE, anchorLaptops, at, buildSlots, everydayActivity, iso, lifecycleRecords, main,
  numberPlan, pad, planter, revocationRecords, seededRngs, sessionFinder, sessionRecords, simulate, simulatedTimes,
  sortFindings, cmp, writersFor,
} from './northwind.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = join(ROOT, 'fixtures', 'demo');

// ---------------------------------------------------------------- the quarter
const Q_START = at('2026-07-01T00:00:00Z');
const Q_TO = at('2026-10-01T00:00:00Z'); // --to 2026-Q3 ends here (exclusive)
const LAST_CREATE = at('2026-09-30T18:00:00Z'); // no ordinary session starts later
const CUTOFF = at('2026-09-30T21:00:00Z'); // no ordinary record is later (story 11 is)
const rngFor = seededRngs('northwind-2026q3');

const SLOTS = buildSlots();
const SLOT = new Map(SLOTS.map((s) => [s.id, s]));

// ---------------------------------------------------------------- lifecycle plan
// fmt: how the ts is written in lifecycle.json. handling: per slot id, {keep} (never
// revoked) or {delay} (revoked at T + delay); default a delay of 30 s .. 9 min.
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

const EV = numberPlan(PLAN, (i) => `lc-${pad(i + 1, 4)}`);

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
anchorLaptops(PLAN, ANCHORS, rngFor);

// Story 9: creation records missing ip or user agent (slot id -> session ordinal -> field).
const INCOMPLETE = { 'sybil-laptop': { 2: 'ip' }, 'walter-laptop': { 3: 'user_agent' }, 'svc-ci-deploy': { 5: 'user_agent' } };

// ---------------------------------------------------------------- simulation
const Q = {
  name: '2026-Q3', out: OUT, expectedFile: join(OUT, '..', 'demo-expected.json'),
  start: Q_START, to: Q_TO, lastCreate: LAST_CREATE, cutoff: CUTOFF, rngFor,
  slots: SLOTS, plan: PLAN, anchors: ANCHORS, blocks: BLOCKS, incomplete: INCOMPLETE,
  sessionPrefix: 's-', revocationId: (i) => `rv-${pad(i + 1, 4)}`, delayRange: [30 * SEC, 9 * MIN],
  deviceFor(slot, t) {
    // Olivia gets a replacement laptop after reporting the old one lost.
    if (slot.id === 'olivia-laptop' && t > EV['olivia-lost'].at) return `${slot.device}-2`;
    return slot.device;
  },
};
const SESSIONS = simulate(Q);
const SESS = new Map(SESSIONS.map((s) => [s.id, s]));
const sessionAt = sessionFinder(SESSIONS);
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
const sessionRecs = sessionRecords(Q, SESSIONS); // { sortTs, rec }
const revs = revocationRecords(Q, SESSIONS); // { ts, rec }
const REV_OF = new Map(revs.filter((r) => r.rec.session_id).map((r) => [r.rec.session_id, r.rec]));
const lifecycleRecs = lifecycleRecords(PLAN);

// ---------------------------------------------------------------- activity
const simTimes = simulatedTimes(SESSIONS, SESS, revs, sessionRecs);

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
const activity = everydayActivity(Q, SESSIONS, simTimes, { skip: new Set([GRACE_LOGIN]), blackout: BLACKOUT }); // { ts, rec }
const act = planter(activity);
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
const { writeJsonl, writeJsonArray, writeCsv, quarantinePlanned } = writersFor(OUT);

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

// ---------------------------------------------------------------- main
main(Q, {
  write: () => ({
    'sessions.jsonl': writeJsonl('sessions.jsonl', sessionRecs, MALFORMED.sessions),
    'activity.csv': writeCsv('activity.csv', activity.map((a) => ({ sortTs: a.ts, rec: a.rec })), MALFORMED.activity),
    'lifecycle.json': writeJsonArray('lifecycle.json', lifecycleRecs, MALFORMED.lifecycle),
    'revocations.jsonl': writeJsonl('revocations.jsonl', revs.map((r) => ({ sortTs: r.ts, rec: r.rec })), MALFORMED.revocations),
  }),
  planted: () => ({
    findings: PLANTED_FINDINGS, status: PLANTED_STATUS, counts: PLANTED_COUNTS,
    quarantine: quarantinePlanned, inputsEnd: EV['alice-reset'].at,
  }),
  story,
});

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
