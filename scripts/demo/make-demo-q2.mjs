#!/usr/bin/env node
// Generates the previous quarter of the demo organisation "Northwind Labs", 2026-Q2, into
// fixtures/demo-2026-Q2/ (a sibling of fixtures/demo/, which `revaudit audit` reads by default),
// so that an auditor can audit quarter by quarter and see a trend:
//
//   node scripts/demo/make-demo-q2.mjs            writes the files, then checks them
//   node scripts/demo/make-demo-q2.mjs --check    re-reads fixtures/demo-2026-Q2/ and checks only
//
// Same organisation, format, simulation and independent checker as make-demo.mjs (all in
// northwind.mjs); this file holds the quarter's plan and stories. Deterministic: seeded PRNGs,
// no clock. Besides the planted stories it asserts what makes the quarter safe to audit
// together with 2026-Q3: every record and every session ends before 2026-07-01 (an IdP tenant
// migration on 30 June revokes whatever is still live), ids carry a q2 prefix, and the checker
// evaluated over both folders gives fixtures/demo-expected.json for 2026-Q3 and this quarter's
// expected rows for 2026-Q2. It also asserts the planted log-shipping outage (no activity
// 12-14 May) is the only silent day of any record stream.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DAY, HOUR, MIN, NO_PHONE, PEOPLE, SEC, SKEW, UA, anchorLaptops, at, between, buildSlots, cmp, dayOf, evaluate,
  everydayActivity, expectedOf, iso, inPeriod, lifecycleRecords, main, numberPlan, pad, percentile, planter, readInputs,
  revocationRecords, seededRngs, sessionFinder, sessionRecords, silentDays, simulate, simulatedTimes, sortFindings,
  writersFor,
} from './northwind.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = join(ROOT, 'fixtures', 'demo-2026-Q2');
const Q3_DIR = join(ROOT, 'fixtures', 'demo');
const Q3_EXPECTED = join(ROOT, 'fixtures', 'demo-expected.json');

// ---------------------------------------------------------------- the quarter
const Q_START = at('2026-04-01T00:00:00Z');
const Q_TO = at('2026-07-01T00:00:00Z'); // --to 2026-Q2 ends here (exclusive); 2026-Q3 starts
const Q3_TO = at('2026-10-01T00:00:00Z');
const LAST_CREATE = at('2026-06-30T18:00:00Z'); // no ordinary session starts later
// 30 June: Northwind moves to a new IdP tenant; every session still live is revoked, one every 3 s.
const MIGRATION = at('2026-06-30T21:00:00Z');
const MIGRATION_STEP = 3 * SEC;
// The log shipper of the activity log is down: no activity is recorded on these days.
const OUTAGE = ['2026-05-12', '2026-05-13', '2026-05-14'];
const rngFor = seededRngs('northwind-2026q2');
const FIRST_WEEK = 5 * DAY;

// Two people who leave this quarter and so are absent from 2026-Q3.
const LEAVERS = [
  ['irene', 'Irene Kovacs', 'Sales'],
  ['mallory', 'Mallory Quinn', 'Contractor (Finance)'],
];
const SLOTS = buildSlots([...PEOPLE, ...LEAVERS], new Set([...NO_PHONE, 'mallory']));
const SLOT = new Map(SLOTS.map((s) => [s.id, s]));

// ---------------------------------------------------------------- lifecycle plan
// As in make-demo.mjs; the default revocation delay this quarter is 1 .. 14 min (slower).
const PLAN = [
  { key: 'bob-reset', kind: 'password_reset', subject: 'u-bob', at: at('2026-04-07T09:10:00Z'), actor: 'u-hana', reason: 'helpdesk ticket HD-4102: forgotten password' },
  { key: 'niaj-change', kind: 'password_changed', subject: 'u-niaj', at: at('2026-04-14T10:30:00Z'), actor: 'u-niaj', reason: 'password changed in account settings', initiatingSlot: 'niaj-laptop' },
  { key: 'mallory-deactivate', kind: 'deactivated', subject: 'u-mallory', at: at('2026-04-21T16:00:00Z'), actor: 'u-hana', reason: 'contract ended (PO-7731)' },
  { key: 'chen-perms', kind: 'permissions_changed', subject: 'u-chen', at: at('2026-04-23T08:30:00Z'), fmt: 'epoch-s', actor: 'u-hana', reason: 'added to finance-readers' },
  { key: 'rupert-reset', kind: 'password_reset', subject: 'u-rupert', at: at('2026-04-28T08:45:00Z'), actor: 'u-hana', reason: 'helpdesk ticket HD-4188: account locked out',
    handling: { 'rupert-laptop': { delay: 38 * MIN, actor: 'u-hana', reason: 'manual revocation: the IdP reset hook timed out' } } },
  { key: 'xena-signout', kind: 'sign_out_everywhere', subject: 'u-xena', at: at('2026-05-05T13:20:00Z'), actor: 'u-xena', reason: 'user clicked "sign out of all devices"', initiatingSlot: 'xena-phone' },
  { key: 'olivia-reset', kind: 'password_reset', subject: 'u-olivia', at: at('2026-05-08T10:15:00Z'), actor: 'u-olivia', reason: 'self-service reset',
    handling: { 'agent-olivia-scheduler': { keep: true } } },
  { key: 'peggy-mfa', kind: 'mfa_reset', subject: 'u-peggy', at: at('2026-05-12T14:00:00Z'), fmt: '+02:00', actor: 'u-hana', reason: 'new phone; authenticator re-enrolment' },
  { key: 'sybil-compromised', kind: 'credential_compromised', subject: 'u-sybil', at: at('2026-05-19T09:30:00Z'), actor: 'u-femi', reason: 'session cookie found in a phishing kit log (SEC-097)',
    handling: { 'sybil-laptop': { delay: 27 * MIN, actor: 'u-femi', reason: 'credential compromised (after on-call escalation)' } } },
  { key: 'dana-lost', kind: 'device_lost', subject: 'u-dana', at: at('2026-05-20T15:00:00Z'), actor: 'u-dana', reason: 'phone stolen on the tram', device: null }, // set below
  { key: 'walter-suspend', kind: 'suspended', subject: 'u-walter', at: at('2026-05-26T10:00:00Z'), fmt: '+02:00', actor: 'u-hana', reason: 'HR hold HR-2214' },
  { key: 'walter-reactivate', kind: 'reactivated', subject: 'u-walter', at: at('2026-05-28T09:00:00Z'), fmt: '+02:00', actor: 'u-hana', reason: 'HR hold HR-2214 lifted' },
  { key: 'irene-offboard', kind: 'offboarded', subject: 'u-irene', at: at('2026-06-05T17:00:00Z'), actor: 'system:hr-offboarding', reason: 'last working day (HR-2240)',
    handling: { 'irene-laptop': { delay: 5 * MIN }, 'irene-phone': { keep: true } } },
  { key: 'ken-reset', kind: 'password_reset', subject: 'u-ken', at: at('2026-06-09T10:00:00Z'), fmt: 'epoch-ms', actor: 'u-hana', reason: 'helpdesk ticket HD-4260' },
  { key: 'elif-signout', kind: 'sign_out_everywhere', subject: 'u-elif', at: at('2026-06-16T09:00:00Z'), actor: 'u-elif', reason: 'user clicked "sign out of all devices"', initiatingSlot: 'elif-phone',
    scopeAll: { delay: 50 * SEC, noActor: true } },
  { key: 'amir-change', kind: 'password_changed', subject: 'u-amir', at: at('2026-06-23T11:15:00Z'), actor: 'u-amir', reason: 'password changed from the desktop client' },
  { key: 'irene-delete', kind: 'deleted', subject: 'u-irene', at: at('2026-06-25T08:30:00Z'), actor: 'u-hana', reason: 'account deleted after the 20-day retention', noAnchor: true },
  { key: 'carol-reset', kind: 'password_reset', subject: 'u-carol', at: at('2026-06-29T10:00:00Z'), actor: 'u-carol', reason: 'self-service reset' },
];
// Dana's phone is the stolen device.
PLAN.find((e) => e.key === 'dana-lost').device = SLOT.get('dana-phone').device;

const EV = numberPlan(PLAN, (i) => `lc-q2-${pad(i + 1)}`);

// Subjects that may not start sessions in [from, to).
const BLOCKS = {
  'u-mallory': [[EV['mallory-deactivate'].at, Infinity]],
  'u-irene': [[EV['irene-offboard'].at, Infinity]],
  'u-walter': [[EV['walter-suspend'].at, EV['walter-reactivate'].at]],
};

// Anchored sessions: a session of that slot starts exactly here (no logout unless `end`).
const ANCHORS = {
  // Day one: Ursula signs out in the afternoon (so session.ended has records from the first day).
  'ursula-laptop': [{ at: at('2026-04-01T08:00:00Z'), end: { type: 'logout', at: at('2026-04-01T17:30:00Z') } }],
  'niaj-phone': [{ at: at('2026-04-06T07:00:00Z') }],
  'olivia-phone': [{ at: at('2026-04-20T06:55:00Z') }],
  'xena-phone': [{ at: at('2026-04-27T06:30:00Z') }],
  'dana-phone': [{ at: at('2026-05-01T07:10:00Z') }],
  // Story 2: the scheduler's token is live when Olivia resets her password; 14 days, till 18 May.
  'agent-olivia-scheduler': [{ at: at('2026-05-04T05:00:00Z') }],
  'sybil-phone': [{ at: at('2026-05-11T06:50:00Z') }],
  // Story 1: Irene's phone session runs 30 days, to 21 June, past her last day.
  'irene-phone': [{ at: at('2026-05-22T07:00:00Z') }],
  'elif-phone': [{ at: at('2026-06-10T06:40:00Z') }],
};
anchorLaptops(PLAN, ANCHORS, rngFor);

// Story 8: creation records missing ip or user agent (slot id -> session ordinal -> field).
const INCOMPLETE = { 'gita-laptop': { 2: 'ip' }, 'yusuf-phone': { 2: 'user_agent' } };

// ---------------------------------------------------------------- simulation
const Q = {
  name: '2026-Q2', out: OUT, expectedFile: join(OUT, '..', 'demo-2026-Q2-expected.json'),
  start: Q_START, to: Q_TO, lastCreate: LAST_CREATE, cutoff: null /* set after the migration */, rngFor,
  slots: SLOTS, plan: PLAN, anchors: ANCHORS, blocks: BLOCKS, incomplete: INCOMPLETE,
  sessionPrefix: 's-q2-', revocationId: (i) => `rv-q2-${pad(i + 1, 3)}`, delayRange: [1 * MIN, 14 * MIN],
  deviceFor: (slot) => slot.device,
  // The organisation did not start on 1 April: sessions of Q1 are not in this export, so each
  // slot's first session of the quarter starts some time in the first week, not all on day one.
  firstStart: (slot, rng) => Q_START + between(rng, 6 * HOUR, FIRST_WEEK),
};
const SESSIONS = simulate(Q);
const SESS = new Map(SESSIONS.map((s) => [s.id, s]));
const sessionAt = sessionFinder(SESSIONS);
for (const e of PLAN) if (e.initiatingSlot) e.initiatingSession = sessionAt(e.initiatingSlot, e.at).id;

// Story 3, second half: Mallory signs in through the legacy expense portal six weeks after her deactivation.
const MALLORY_LOGIN = {
  id: 's-q2-mallory-web-01', slot: { id: 'mallory-web', label: 'web' }, n: 1, subject: 'u-mallory', subjectType: 'user', owner: null,
  created: at('2026-06-02T10:12:00Z'), expires: at('2026-06-02T22:12:00Z'), ip: '203.0.113.77', ua: UA.winFirefox,
  device: null, auth: 'password',
  end: { type: 'revoked', at: at('2026-06-02T10:35:00Z'), actor: 'u-femi', reason: 'deactivated contractor signed in via the legacy expense portal; account locked' },
};
SESSIONS.push(MALLORY_LOGIN);
SESS.set(MALLORY_LOGIN.id, MALLORY_LOGIN);

// The IdP tenant migration: every session whose planned life reaches past it is revoked.
const MIGRATED = SESSIONS.filter((s) => s.end.at > MIGRATION).sort((a, b) => cmp(a.id, b.id));
MIGRATED.forEach((s, i) => { s.end = { type: 'revoked', at: MIGRATION + i * MIGRATION_STEP, actor: 'system:idp', reason: 'IdP tenant migration' }; });
const MIGRATION_END = MIGRATION + (MIGRATED.length - 1) * MIGRATION_STEP;
Q.cutoff = MIGRATION_END; // nothing is recorded later: this is where the inputs end

// ---------------------------------------------------------------- records
const sessionRecs = sessionRecords(Q, SESSIONS); // { sortTs, rec }
const revs = revocationRecords(Q, SESSIONS); // { ts, rec }
const REV_OF = new Map(revs.filter((r) => r.rec.session_id).map((r) => [r.rec.session_id, r.rec]));
const lifecycleRecs = lifecycleRecords(PLAN);

// ---------------------------------------------------------------- activity
const simTimes = simulatedTimes(SESSIONS, SESS, revs, sessionRecs);

const IRENE = { ev: EV['irene-offboard'] };
IRENE.laptop = sessionAt('irene-laptop', IRENE.ev.at);
IRENE.phone = sessionAt('irene-phone', IRENE.ev.at);
const OLIVIA = { ev: EV['olivia-reset'] };
OLIVIA.agent = sessionAt('agent-olivia-scheduler', OLIVIA.ev.at);
const RUPERT = { ev: EV['rupert-reset'] };
RUPERT.laptop = sessionAt('rupert-laptop', RUPERT.ev.at);
const SYBIL = { ev: EV['sybil-compromised'] };
SYBIL.laptop = sessionAt('sybil-laptop', SYBIL.ev.at);
SYBIL.phone = sessionAt('sybil-phone', SYBIL.ev.at);
const ELIF = { ev: EV['elif-signout'] };
const ATTACKER = { ip: '2001:db8:c0:ff::5', ua: UA.winFirefox };
const IRENE_HOME_IP = '198.51.100.77';

// Windows in which everyday activity must not fall (so only the planted rows decide escalation).
const BLACKOUT = new Map([
  [RUPERT.laptop.id, [RUPERT.ev.at, RUPERT.laptop.end.at + SKEW + MIN]],
  [SYBIL.laptop.id, [SYBIL.ev.at, SYBIL.laptop.end.at + SKEW + MIN]],
]);
const activity = everydayActivity(Q, SESSIONS, simTimes, { skip: new Set([MALLORY_LOGIN]), blackout: BLACKOUT, silentDays: new Set(OUTAGE) }); // { ts, rec }
const act = planter(activity);
// Story 1: Irene's phone keeps reading mail and exports the CRM after her offboarding.
const IRENE_USE = [[40 * MIN, 'mail.read'], [2 * DAY + 15 * HOUR + 5 * MIN, 'crm.export']];
for (const [dt, action] of IRENE_USE) act(IRENE.phone, IRENE.ev.at + dt, { action });
// Story 1: Irene's browser profile, synced to her home PC, replays the revoked laptop session.
const IRENE_REPLAY = [2 * DAY + 16 * HOUR + 2 * MIN, 2 * DAY + 16 * HOUR + 3 * MIN, 2 * DAY + 16 * HOUR + 31 * MIN];
for (const dt of IRENE_REPLAY) act(IRENE.laptop, IRENE.ev.at + dt, { ip: IRENE_HOME_IP, action: 'crm.view', outcome: 'denied', reason: 'session_revoked' });
// Story 5: whoever holds Sybil's stolen cookie uses it after the SLA, before the late revocation.
const SYBIL_USE = [[21 * MIN, 'drive.download'], [24 * MIN, 'mail.read']];
for (const [dt, action] of SYBIL_USE) act(SYBIL.laptop, SYBIL.ev.at + dt, { ip: ATTACKER.ip, user_agent: ATTACKER.ua, action });
// Story 3: the sign-in as Mallory is used twice before security revokes it.
act(MALLORY_LOGIN, MALLORY_LOGIN.created + 3 * MIN, { action: 'expenses.view' });
act(MALLORY_LOGIN, MALLORY_LOGIN.created + 11 * MIN, { action: 'expenses.export' });

// ---------------------------------------------------------------- malformed records
// Each is placed among the records by its time; none may change a finding. They concern a
// person no story is about.
const BYSTANDER_TS = at('2026-06-10T14:03:00Z');
const bystander = SESSIONS.find((s) => {
  const tm = simTimes.get(s.id);
  return s.subjectType === 'user' && s.slot.label === 'laptop' && !PLAN.some((e) => e.subject === s.subject) && !INCOMPLETE[s.slot.id]
    && s.created < BYSTANDER_TS && BYSTANDER_TS < Math.min(tm.D ?? Infinity, tm.E ?? Infinity);
});
const MALFORMED = {
  sessions: [],
  revocations: [
    { sortTs: at('2026-05-27T16:20:00Z'), raw: JSON.stringify({ type: 'session.revoked', ts: '2026-05-27T16:20:00Z', actor_id: 'u-hana', reason: 'cleanup' }), reason: 'missing field session_id or subject_id', what: 'a session.revoked that names neither a session nor a subject' },
  ],
  lifecycle: [],
  activity: [
    { sortTs: BYSTANDER_TS, raw: { type: 'session.activity', ts: '2026-06-10 14:03:00', session_id: bystander.id, subject_id: bystander.subject, ip: bystander.ip, user_agent: bystander.ua, action: 'docs.edit', outcome: 'allowed', reason: '' }, reason: 'bad time in ts', what: `a session.activity on ${bystander.id} whose ts 2026-06-10 14:03:00 has no offset` },
  ],
};

// ---------------------------------------------------------------- writers
const { writeJsonl, writeJsonArray, writeCsv, quarantinePlanned } = writersFor(OUT);

// ---------------------------------------------------------------- what the stories must produce
const PLANTED_FINDINGS = [
  ['session-survived-lifecycle-event', 'critical', 'u-irene', IRENE.phone.id, EV['irene-offboard'].id],
  ['agent-outlived-owner', 'critical', 'agent-olivia-scheduler', OLIVIA.agent.id, EV['olivia-reset'].id],
  ['login-after-offboarding', 'critical', 'u-mallory', MALLORY_LOGIN.id, EV['mallory-deactivate'].id],
  ['session-survived-lifecycle-event', 'high', 'u-rupert', RUPERT.laptop.id, EV['rupert-reset'].id],
  ['session-survived-lifecycle-event', 'critical', 'u-sybil', SYBIL.laptop.id, EV['sybil-compromised'].id],
  ['revoked-session-reuse-attempt', 'medium', 'u-irene', IRENE.laptop.id, null],
  ['revocation-audit-incomplete', 'medium', 'u-elif', null, null],
  ...SESSIONS.filter((s) => s.missing).map((s) => ['session-inventory-incomplete', 'low', s.subject, s.id, null]),
].map(([rule, severity, subject_id, session_id, lifecycle_event_id]) => ({ rule, severity, subject_id, session_id, lifecycle_event_id }));
const PLANTED_STATUS = {
  [EV['irene-offboard'].id]: 'uncovered',
  [EV['olivia-reset'].id]: 'uncovered',
  [EV['rupert-reset'].id]: 'late',
  [EV['sybil-compromised'].id]: 'late',
  [EV['irene-delete'].id]: 'no_sessions',
};
// Counts the stories fix by design (required sessions, revoked in time).
const PLANTED_COUNTS = {
  [EV['irene-offboard'].id]: [2, 1],
  [EV['olivia-reset'].id]: [3, 2],
  [EV['rupert-reset'].id]: [1, 0],
  [EV['sybil-compromised'].id]: [2, 1],
  [EV['irene-delete'].id]: [0, 0],
  [EV['mallory-deactivate'].id]: [1, 1],
  [EV['niaj-change'].id]: [1, 1],
  [EV['xena-signout'].id]: [2, 2],
  [EV['dana-lost'].id]: [1, 1],
  [EV['elif-signout'].id]: [2, 2],
};

// ---------------------------------------------------------------- checks across the two quarters
const rowsOf = (exp) => JSON.stringify({ findings: exp.findings, coverage: exp.coverage });
function acrossQuarters({ input, res }) {
  const problems = [];
  // Ids: a distinct scheme, so that nothing collides with 2026-Q3.
  for (const r of input.loaded) {
    if (r.session_id && !r.session_id.startsWith('s-q2-')) problems.push(`session id without the q2 prefix: ${r.session_id}`);
    if (r.event_id && !/^(lc|rv)-q2-/.test(r.event_id)) problems.push(`event id without the q2 prefix: ${r.event_id}`);
    if (!(r.ts >= Q_START && r.ts < Q_TO)) problems.push(`record outside 2026-Q2: ${r.file}:${r.line}`);
  }
  // Every session has ended (revoked, logged out or expired) before 2026-Q3 starts.
  for (const s of res.sessions) {
    const { D, E } = res.times.get(s.session_id);
    if (!(Math.min(D ?? Infinity, E ?? Infinity) < Q_TO)) problems.push(`session ${s.session_id} is still live on 2026-07-01`);
  }
  if (res.inputsEnd !== MIGRATION_END) problems.push(`inputs end ${iso(res.inputsEnd)}, not at the last migration revocation`);
  // Activity on every day of the quarter but the outage's, and no other silent day in any stream.
  const activityDays = new Set(input.loaded.filter((r) => r.type === 'session.activity').map((r) => dayOf(r.ts)));
  for (let t = Q_START; t < Q_TO; t += DAY) if (activityDays.has(dayOf(t)) === OUTAGE.includes(dayOf(t))) problems.push(`activity on ${dayOf(t)}: ${activityDays.has(dayOf(t))}`);
  const gaps = silentDays(input, Q_START, Q_TO);
  if (JSON.stringify(gaps) !== JSON.stringify({ access_events: OUTAGE })) problems.push(`silent days ${JSON.stringify(gaps)}, planted only access_events ${OUTAGE}`);
  if (!existsSync(Q3_EXPECTED)) return problems;
  // Both folders together: 2026-Q3 is unchanged, and 2026-Q2 is what this folder gives alone.
  const q3 = readInputs(Q3_DIR);
  const both = { loaded: [...input.loaded, ...q3.loaded] };
  const ids = both.loaded.map((r) => r.event_id).filter(Boolean);
  if (new Set(ids).size !== ids.length) problems.push('an event id occurs in both quarters');
  const q3Expected = JSON.parse(readFileSync(Q3_EXPECTED, 'utf8'));
  if (rowsOf(expectedOf(inPeriod(evaluate(both, { to: Q3_TO }), Q_TO, Q3_TO), [])) !== rowsOf(q3Expected)) problems.push('2026-Q2 data changes the 2026-Q3 findings or coverage');
  if (rowsOf(expectedOf(inPeriod(evaluate(both, { to: Q_TO }), Q_START, Q_TO), [])) !== rowsOf(expectedOf(res, []))) problems.push('2026-Q3 data changes the 2026-Q2 findings or coverage');
  // The trend: revocations are slower than in 2026-Q3.
  const p95 = (r) => percentile(r.revokedRequired.map((x) => x.seconds), 0.95);
  const q3p95 = p95(evaluate(q3, { to: Q3_TO }));
  if (!(p95(res) > 1.5 * q3p95)) problems.push(`time to revoke p95 ${p95(res)} s is not clearly above 2026-Q3's ${q3p95} s`);
  return problems;
}

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
    quarantine: quarantinePlanned, inputsEnd: MIGRATION_END,
  }),
  extraChecks: acrossQuarters,
  story,
});

// ---------------------------------------------------------------- STORY.md
function story(res, counts, input, loadedByType) {
  const T = (ms) => iso(ms).replace('T', ' ');
  const D = (ms) => new Date(ms).toLocaleDateString('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' });
  const ev = (k) => EV[k];
  const revLine = (sid) => {
    const r = REV_OF.get(sid);
    return r ? `\`${r.event_id}\` at ${T(Date.parse(r.ts))}` : 'never revoked';
  };
  const cov = (k) => res.coverage.find((c) => c.event_id === EV[k].id);
  const covTxt = (k) => { const c = cov(k); return `coverage **${c.status}** (${c.revoked_in_time} of ${c.required_sessions} required sessions revoked in time)`; };
  const live = (ids) => ids.map((s) => `\`${s.id}\``).join(', ');
  const reqOf = (k) => SESSIONS.filter((s) => REV_OF.get(s.id)?.trigger_event_id === EV[k].id);
  const revokedBy = (k) => reqOf(k).map((s) => `\`${s.id}\` by ${revLine(s.id)}`).join('; ');
  const mins = (ms) => { const m = Math.round(ms / MIN); return `${m} minute${m === 1 ? '' : 's'}`; };
  const r2 = (x) => Math.round(x * 100) / 100;
  const olivia = ev('olivia-reset');
  const elifRev = revs.find((r) => r.rec.trigger_event_id === ELIF.ev.id).rec;
  const elifReq = SESSIONS.filter((s) => s.end.type === 'revoked' && s.end.event === ELIF.ev);
  const walterAfter = SESSIONS.filter((s) => s.subject === 'u-walter' && s.created > ev('walter-reactivate').at).sort((a, b) => a.created - b.created)[0];
  const dana = ev('dana-lost');
  const danaLaptop = sessionAt('dana-laptop', dana.at);
  const irenePhoneLast = IRENE.phone.expires;
  const incomplete = SESSIONS.filter((s) => s.missing);
  const findingsTable = sortFindings(res.findings).map((f) => `| \`${f.rule}\` | ${f.severity} | \`${f.subject_id}\` | ${f.session_id ? `\`${f.session_id}\`` : '—'} | ${f.lifecycle_event_id ? `\`${f.lifecycle_event_id}\`` : '—'} | ${T(f.observed_at)} |`).join('\n');
  const covTable = res.coverage.slice().sort((a, b) => cmp(a.event_id, b.event_id)).map((c) => `| \`${c.event_id}\` | ${T(c.ts)} | ${c.kind} | \`${c.subject_id}\` | ${c.required_sessions} | ${c.revoked_in_time} | ${c.status === 'covered' ? 'covered' : `**${c.status}**`} |`).join('\n');
  const other = PLAN.filter((e) => e.kind === 'reactivated' || e.kind === 'permissions_changed').map((e) => `\`${e.id}\` (${e.kind}, \`${e.subject}\`)`).join(', ');
  const quarantineTable = quarantinePlanned.slice().sort((a, b) => cmp(a.file, b.file) || a.line - b.line).map((q) => `| \`${q.file}\` | ${q.line} | \`${q.reason}\` | ${q.what} |`).join('\n');
  const ts = (e) => T(e.at);
  const tally = (st) => res.coverage.filter((c) => c.status === st).length;
  const counted = tally('covered') + tally('late') + tally('uncovered');
  const ratio = `${((100 * tally('covered')) / counted).toFixed(1)}%`;
  const bySev = (sv) => res.findings.filter((f) => f.severity === sv).length;
  const ttr = res.revokedRequired.map((x) => x.seconds);
  const normal = PLAN.filter((e) => !PLANTED_STATUS[e.id] && e.kind !== 'reactivated' && e.kind !== 'permissions_changed');
  const normalDelays = SESSIONS.filter((s) => s.end.type === 'revoked' && s.end.event && normal.includes(s.end.event)).map((s) => s.end.at - s.end.event.at);
  const activityDays = new Set(input.loaded.filter((r) => r.type === 'session.activity').map((r) => dayOf(r.ts)));
  const lastActivityBefore = iso(Math.max(...input.loaded.filter((r) => r.type === 'session.activity' && r.ts < at(`${OUTAGE[0]}T00:00:00Z`)).map((r) => r.ts)));
  const firstActivityAfter = iso(Math.min(...input.loaded.filter((r) => r.type === 'session.activity' && r.ts >= at(`${OUTAGE.at(-1)}T00:00:00Z`) + DAY).map((r) => r.ts)));

  return `# Northwind Labs, 2026-Q2 — the quarter before the demo

The previous quarter of the demo organisation in \`../demo/\` (2026-Q3), for audits quarter by
quarter and the trend between them:

    npx revaudit audit fixtures/demo-2026-Q2 fixtures/demo --from 2026-Q2 --out /tmp/q2
    npx revaudit audit fixtures/demo-2026-Q2 fixtures/demo --from 2026-Q3 --out /tmp/q3 --previous /tmp/q2/report.json

It is generated by \`scripts/demo/make-demo-q2.mjs\` (deterministic: the same script gives the
same bytes; the organisation, simulation and checker are shared with \`make-demo.mjs\` in
\`scripts/demo/northwind.mjs\`); do not edit the files by hand, change the script and run it.
\`../demo-2026-Q2-expected.json\` holds the findings, coverage rows and quarantine that the
contract in DESIGN.md ("Native record format", "Rule semantics") implies for these files,
computed by an independent checker inside the script and asserted against the stories below.
The script also asserts that auditing both folders leaves 2026-Q3's results exactly as in
\`../demo-expected.json\`, and gives this quarter's results for \`--from 2026-Q2\`. All times here
are UTC. Policy is the default: SLA 15 minutes, clock skew 2 minutes,
\`keep_initiating_session\` true, \`permissions_changed_requires_revocation\` false.

## The company and the files

The same ${PEOPLE.length} people, agents and service account as in 2026-Q3, plus two who leave this quarter
and so are absent from 2026-Q3: \`u-irene\` (Sales, offboarded in June) and \`u-mallory\` (a finance
contractor whose contract ends in April). Devices, addresses and habits are the same; ids carry a
\`q2\` prefix (sessions \`s-q2-…\`, lifecycle events \`lc-q2-…\`, revocations \`rv-q2-…\`) so that
nothing collides with 2026-Q3.

| file | format | holds | records |
| --- | --- | --- | --- |
| \`sessions.jsonl\` | JSON Lines | \`session.created\`, \`session.ended\` (logout / expired) | ${counts['sessions.jsonl']} |
| \`activity.csv\` | CSV with header | \`session.activity\` | ${counts['activity.csv']} |
| \`lifecycle.json\` | JSON array | \`subject.<kind>\` (ids \`${PLAN[0].id}\` …) | ${counts['lifecycle.json']} |
| \`revocations.jsonl\` | JSON Lines | \`session.revoked\` (ids \`${revs[0].rec.event_id}\` …) | ${counts['revocations.jsonl']} |

Of ${input.records} records, ${input.loaded.length} load and ${input.quarantine.length} are quarantined.
Loaded by type: ${Object.entries(loadedByType).map(([k, v]) => `${k} ${v}`).join(', ')}.
Times in \`lifecycle.json\` are mostly written with \`Z\`; \`${ev('peggy-mfa').id}\`, \`${ev('walter-suspend').id}\` and
\`${ev('walter-reactivate').id}\` with a \`+02:00\` offset, \`${ev('chen-perms').id}\` as epoch seconds (${ev('chen-perms').at / 1000}) and
\`${ev('ken-reset').id}\` as epoch milliseconds (${ev('ken-reset').at}).

**The quarter closes with an IdP tenant migration.** On ${T(MIGRATION)} Northwind moves to a
new IdP tenant, and \`system:idp\` revokes every session still live, one by one (reason "IdP
tenant migration", no lifecycle event): ${MIGRATED.length} revocations from ${T(MIGRATION)} to ${T(MIGRATION_END)}.
So every session of the quarter has ended (revoked, signed out or expired) before 2026-07-01,
nothing in these files is later than ${T(MIGRATION_END)} — that is where "the inputs end" — and
2026-Q3 starts afresh: all its sessions are created in 2026-Q3.

**A log-shipping outage.** No activity is recorded ${D(at(`${OUTAGE[0]}T00:00:00Z`))} to ${D(at(`${OUTAGE.at(-1)}T00:00:00Z`))} (${OUTAGE[0]} to ${OUTAGE.at(-1)}): the log
shipper of the activity log was down (the last record before is at ${lastActivityBefore.replace('T', ' ')}, the first after at
${firstActivityAfter.replace('T', ' ')}). Sessions were created, signed out and revoked as usual on those days; only their
use is missing. \`activity.csv\` has records on every other day of the quarter (${activityDays.size} of 91 days),
so revaudit reports the three days as a gap in \`access_events\`; no other record stream has one.

Revocations are slower than in 2026-Q3: apart from the stories below, each required session is
revoked ${mins(Math.min(...normalDelays))} to ${mins(Math.max(...normalDelays))} after its event (2026-Q3: 30 seconds to 9 minutes),
so the time to revoke of the ${ttr.length} revoked required sessions has p50 ${r2(percentile(ttr, 0.5))} s and p95 ${r2(percentile(ttr, 0.95))} s
(max ${Math.max(...ttr)} s). Every revocation records who made it except the one in story 6; every
session creation records ip and user agent except the ${incomplete.length} in story 8.

## The stories

### 1. Irene leaves; her phone does not (\`${IRENE.ev.id}\`, \`${ev('irene-delete').id}\`)
\`u-irene\` is offboarded at ${ts(IRENE.ev)} (${IRENE.ev.reason}). Live at that moment: laptop session
\`${IRENE.laptop.id}\` and phone session \`${IRENE.phone.id}\`. The HR workflow revokes the laptop in time
(${revLine(IRENE.laptop.id)}). Nobody revokes the phone: it reads mail at ${T(IRENE.ev.at + IRENE_USE[0][0])} and
exports the CRM at ${T(IRENE.ev.at + IRENE_USE[1][0])}, both allowed, and goes on being used until it expires at
${T(irenePhoneLast)} — long before the migration, so it is never revoked at all.
- ${covTxt('irene-offboard')}.
- \`session-survived-lifecycle-event\`, **critical** (an allowed access after T + 15 min), \`u-irene\`, \`${IRENE.phone.id}\`, \`${IRENE.ev.id}\`.

From ${T(IRENE.ev.at + IRENE_REPLAY[0])} to ${T(IRENE.ev.at + IRENE_REPLAY.at(-1))} three requests present the revoked laptop session
\`${IRENE.laptop.id}\` from ${IRENE_HOME_IP} (her browser profile, synced to her home PC) — an address never seen
on that session, with the same browser. All are denied (\`session_revoked\`).
- \`revoked-session-reuse-attempt\`, **medium**, \`u-irene\`, \`${IRENE.laptop.id}\`.

Her account is deleted at ${ts(ev('irene-delete'))} (\`${ev('irene-delete').id}\`); by then nothing of hers is live (the phone
expired on ${dayOf(irenePhoneLast)}).
- Coverage **no_sessions** (0 required). She never signs in again, and is not in 2026-Q3.

### 2. Olivia resets her password; her scheduler agent keeps its token (\`${olivia.id}\`)
\`u-olivia\` resets her password at ${ts(olivia)}. Her own sessions are revoked in time: ${revokedBy('olivia-reset')}. The reset hook
does not know about agent tokens: \`agent-olivia-scheduler\`'s session \`${OLIVIA.agent.id}\` (owner \`u-olivia\`)
is never revoked and runs until it expires at ${T(OLIVIA.agent.expires)}.
- ${covTxt('olivia-reset')}.
- \`agent-outlived-owner\`, **critical**, \`agent-olivia-scheduler\`, \`${OLIVIA.agent.id}\`, \`${olivia.id}\`.

### 3. Mallory's contract ends, then she signs in again (\`${ev('mallory-deactivate').id}\`)
\`u-mallory\` is deactivated at ${ts(ev('mallory-deactivate'))} (${ev('mallory-deactivate').reason}). Her laptop session is revoked in time: ${revokedBy('mallory-deactivate')}.
- ${covTxt('mallory-deactivate')}; no finding for the deactivation itself.

On ${T(MALLORY_LOGIN.created)} a password sign-in as \`u-mallory\` succeeds from ${MALLORY_LOGIN.ip} through the legacy
expense portal (session \`${MALLORY_LOGIN.id}\`), views and exports expenses; \`u-femi\` revokes it at
${T(MALLORY_LOGIN.end.at)} (${revLine(MALLORY_LOGIN.id)}). There is no \`subject.reactivated\` for Mallory.
- \`login-after-offboarding\`, **critical**, \`u-mallory\`, \`${MALLORY_LOGIN.id}\`, \`${ev('mallory-deactivate').id}\`.

### 4. Rupert's reset is revoked late (\`${RUPERT.ev.id}\`)
\`u-rupert\` (no phone) resets at ${ts(RUPERT.ev)}. The IdP's reset hook times out and \`u-hana\` revokes his
laptop session \`${RUPERT.laptop.id}\` by hand ${mins(RUPERT.laptop.end.at - RUPERT.ev.at)} later (${revLine(RUPERT.laptop.id)}). The laptop is not
used between the reset and the revocation, so no escalation.
- ${covTxt('rupert-reset')}.
- \`session-survived-lifecycle-event\`, **high**, \`u-rupert\`, \`${RUPERT.laptop.id}\`, \`${RUPERT.ev.id}\`.

### 5. Sybil's stolen cookie is used before it is revoked (\`${SYBIL.ev.id}\`)
\`u-femi\` marks \`u-sybil\`'s credentials compromised at ${ts(SYBIL.ev)} (${SYBIL.ev.reason}). Her phone session
\`${SYBIL.phone.id}\` is revoked in time (${revLine(SYBIL.phone.id)}); her laptop session \`${SYBIL.laptop.id}\` only after an on-call
escalation, ${mins(SYBIL.laptop.end.at - SYBIL.ev.at)} after (${revLine(SYBIL.laptop.id)}). Meanwhile whoever holds the cookie downloads a file at
${T(SYBIL.ev.at + SYBIL_USE[0][0])} and reads mail at ${T(SYBIL.ev.at + SYBIL_USE[1][0])} from ${ATTACKER.ip}, both allowed.
- ${covTxt('sybil-compromised')}.
- \`session-survived-lifecycle-event\`, **critical** (allowed accesses after T + 15 min, before the revocation), \`u-sybil\`, \`${SYBIL.laptop.id}\`, \`${SYBIL.ev.id}\`.

### 6. A sign-out everywhere that nobody signed (\`${ELIF.ev.id}\`)
At ${ts(ELIF.ev)} \`u-elif\` presses "sign out of all devices" on her phone (\`initiating_session_id\`
\`${ELIF.ev.initiatingSession}\`). One scope-all revocation, \`${elifRev.event_id}\` at ${T(Date.parse(elifRev.ts))} (subject \`u-elif\`, no
session_id), ends ${live(elifReq)} — but the IdP's sign-out service records no \`actor_id\`.
- ${covTxt('elif-signout')}.
- \`revocation-audit-incomplete\`, **medium**, \`u-elif\`, no session (a scope-all revocation).

### 7. The other events are covered
- Resets: \`u-bob\` (\`${ev('bob-reset').id}\`), \`u-ken\` (\`${ev('ken-reset').id}\`), \`u-carol\` (\`${ev('carol-reset').id}\`); an MFA reset: \`u-peggy\` (\`${ev('peggy-mfa').id}\`, during the log outage; the lifecycle log was not affected).
- \`u-amir\` changes his password from the desktop client (\`${ev('amir-change').id}\`, no initiating session, so all his sessions).
- \`u-niaj\` changes his password (\`${ev('niaj-change').id}\`) from \`${ev('niaj-change').initiatingSession}\`, which stays signed in; his phone session is revoked (${revokedBy('niaj-change')}).
- \`u-xena\` signs out everywhere (\`${ev('xena-signout').id}\`, from \`${ev('xena-signout').initiatingSession}\`), covered by one revocation per session.
- \`u-dana\` reports her phone \`${dana.device}\` stolen (\`${dana.id}\`): only the session on that device is required, and revoked: ${revokedBy('dana-lost')}; her laptop \`${danaLaptop.id}\` stays signed in.
- \`u-walter\` is suspended at ${ts(ev('walter-suspend'))} (\`${ev('walter-suspend').id}\`) — ${revokedBy('walter-suspend')} — and reactivated at ${ts(ev('walter-reactivate'))} (\`${ev('walter-reactivate').id}\`).
  He signs in again at ${T(walterAfter.created)} (\`${walterAfter.id}\`), after the reactivation: no login after offboarding, in this quarter or the next.

### 8. Sessions with an incomplete inventory
${incomplete.map((s) => `- \`${s.id}\` (\`${s.subject}\`, created ${T(s.created)}) has no \`${s.missing}\` in its creation record → \`session-inventory-incomplete\`, **low**.`).join('\n')}

## Expected findings (${res.findings.length}: critical ${bySev('critical')}, high ${bySev('high')}, medium ${bySev('medium')}, low ${bySev('low')})

| rule | severity | subject | session | lifecycle event | observed at |
| --- | --- | --- | --- | --- | --- |
${findingsTable}

No \`revoked-session-accepted\` finding: no session is used with an allowed outcome
after it was revoked or signed out.

## Expected coverage (${res.coverage.length} rows; ${tally('covered')} of ${counted} counted events covered, ${ratio}: ${tally('late')} late, ${tally('uncovered')} uncovered, ${tally('no_sessions')} with no sessions)

| event | T | kind | subject | required | revoked in time | status |
| --- | --- | --- | --- | --- | --- | --- |
${covTable}

No coverage row for ${other}.

## Malformed records (quarantined; none changes a finding)

Line numbers are physical lines (for \`activity.csv\` the header is line 1).

| file | line | reason | what |
| --- | --- | --- | --- |
${quarantineTable}
`;
}
