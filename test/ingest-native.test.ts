import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/duck.ts';
import { ingested, jsonl, rows, writeFiles } from './helpers.ts';

const T = '2026-07-01T10:00:00Z';
const created = { type: 'session.created', ts: T, session_id: 's1', subject_id: 'u1', ip: '192.0.2.1', user_agent: 'UA/1', device_id: 'd1', auth_method: 'password', expires_at: '2026-07-02T10:00:00Z' };
const activity = { type: 'session.activity', ts: '2026-07-01T10:05:00Z', session_id: 's1', ip: '192.0.2.1', action: 'GET /', outcome: 'denied', reason: 'revoked' };
const ended = { type: 'session.ended', ts: '2026-07-01T11:00:00Z', session_id: 's1', reason: 'logout' };
const revoked = { type: 'session.revoked', ts: '2026-07-01T10:10:00Z', session_id: 's1', actor_id: 'admin', reason: 'reset', trigger_event_id: 'lc-1' };
const reset = { type: 'subject.password_reset', event_id: 'lc-1', ts: '2026-07-01T10:09:00Z', subject_id: 'u1', actor_id: 'helpdesk' };

let db: Db | undefined;
afterEach(() => db?.close());

const one = async <T = Record<string, unknown>>(sql: string) => (await rows<T>(db!.con, sql))[0]!;

describe('ingest of the native format', () => {
  it('puts each record type in its canonical table with its provenance', async () => {
    const dir = writeFiles({ 'a.jsonl': jsonl(created, activity, ended, revoked, reset) });
    db = await ingested([dir]);
    const session = await one(`SELECT session_id, subject_id, subject_type, ra_iso(created_at) AS created_at, ra_iso(expires_at) AS expires_at, ip, user_agent, device_id, auth_method, source, source_line FROM sessions`);
    expect(session).toEqual({ session_id: 's1', subject_id: 'u1', subject_type: 'user', created_at: T, expires_at: '2026-07-02T10:00:00Z', ip: '192.0.2.1', user_agent: 'UA/1', device_id: 'd1', auth_method: 'password', source: 'native', source_line: '1' });
    expect(await one(`SELECT session_id, outcome, reason, action, source_line FROM access_events`)).toEqual({ session_id: 's1', outcome: 'denied', reason: 'revoked', action: 'GET /', source_line: '2' });
    expect(await one(`SELECT session_id, reason, source_line FROM session_ends`)).toEqual({ session_id: 's1', reason: 'logout', source_line: '3' });
    expect(await one(`SELECT session_id, actor_id, reason, trigger_event_id, source_line FROM revocations`)).toEqual({ session_id: 's1', actor_id: 'admin', reason: 'reset', trigger_event_id: 'lc-1', source_line: '4' });
    expect(await one(`SELECT event_id, kind, subject_id, actor_id, source_line FROM lifecycle_events`)).toEqual({ event_id: 'lc-1', kind: 'password_reset', subject_id: 'u1', actor_id: 'helpdesk', source_line: '5' });
  });

  it('gives access, revocation and end rows that name only a session the session\'s subject', async () => {
    db = await ingested([writeFiles({ 'a.jsonl': jsonl(created, activity, ended, revoked) })]);
    for (const table of ['access_events', 'session_ends', 'revocations']) {
      expect(await one(`SELECT subject_id FROM ${table}`), table).toEqual({ subject_id: 'u1' });
    }
  });

  it('stores every time form as the same UTC instant', async () => {
    const forms = [T, '2026-07-01T12:00:00+02:00', '2026-07-01T05:00:00-05:00', '2026-07-01 10:00:00+00', 1782900000, 1782900000000];
    const records = forms.map((ts, i) => ({ type: 'subject.password_reset', event_id: `e${i}`, ts, subject_id: 'u1' }));
    db = await ingested([writeFiles({ 'a.jsonl': jsonl(...records), 'b.csv': `type,event_id,ts,subject_id\nsubject.password_reset,c1,1782900000,u1\nsubject.password_reset,c2,${T},u1\n` })]);
    const got = await rows<{ ts: string; n: number }>(db.con, `SELECT ra_iso(ts) AS ts, count(*)::INTEGER AS n FROM lifecycle_events GROUP BY ALL`);
    expect(new Date(T).getTime() / 1000).toBe(1782900000);
    expect(got).toEqual([{ ts: T, n: 8 }]);
  });

  it('keeps unknown extra fields in attributes', async () => {
    db = await ingested([writeFiles({ 'a.jsonl': jsonl({ ...created, tenant: 'acme', geo: { country: 'NL' } }) })]);
    expect(JSON.parse((await one<{ attributes: string }>(`SELECT attributes FROM sessions`)).attributes)).toEqual({ geo: { country: 'NL' }, tenant: 'acme' });
  });

  it('quarantines each kind of bad record with a reason that names it, its file and its line', async () => {
    const lines = [
      '{not json',
      '[1, 2]',
      JSON.stringify({ type: 'session.created', ts: T, subject_id: 'u1' }),
      JSON.stringify({ type: 'session.created', ts: '2026-07-01T10:00:00', session_id: 's9', subject_id: 'u1' }),
      JSON.stringify({ type: 'session.teleported', ts: T }),
      JSON.stringify({ type: 'subject.promoted', ts: T, subject_id: 'u1' }),
      JSON.stringify({ ...activity, outcome: 'maybe' }),
      JSON.stringify({ ...ended, reason: 'crashed' }),
      JSON.stringify({ ...created, session_id: 's8', subject_type: 'robot' }),
      JSON.stringify({ type: 'session.revoked', ts: T }),
      JSON.stringify({ ...created, session_id: 's7', expires_at: 'tomorrow' }),
      '',
      JSON.stringify(created),
    ];
    const dir = writeFiles({ 'bad.jsonl': `${lines.join('\n')}\n` });
    db = await ingested([dir]);
    const q = await rows<{ source_line: string; reason: string; source_file: string }>(db.con, `SELECT source_file, source_line, reason FROM quarantine ORDER BY source_line::INTEGER`);
    expect(q.map((r) => [Number(r.source_line), r.reason])).toEqual([
      [1, 'invalid JSON'],
      [2, 'not an object'],
      [3, 'missing field session_id'],
      [4, 'bad time in ts'],
      [5, 'unknown type'],
      [6, 'unknown type'],
      [7, 'bad value in outcome'],
      [8, 'bad value in reason'],
      [9, 'bad value in subject_type'],
      [10, 'missing field session_id or subject_id'],
      [11, 'bad time in expires_at'],
    ]);
    expect(new Set(q.map((r) => r.source_file))).toEqual(new Set([join(dir, 'bad.jsonl')]));
    const detail = await one<{ detail: string }>(`SELECT detail FROM quarantine WHERE reason = 'bad value in outcome'`);
    expect(detail.detail).toContain("'maybe'");
    const m = await one(`SELECT records::INTEGER AS records, loaded::INTEGER AS loaded, quarantined::INTEGER AS quarantined, skipped::INTEGER AS skipped FROM manifest`);
    expect(m).toEqual({ records: 12, loaded: 1, quarantined: 11, skipped: 0 });
  });

  it('reconciles records = loaded + skipped + quarantined for every file and records first and last event time', async () => {
    const dir = writeFiles({ 'a.jsonl': jsonl(created, activity, { type: 'nope' }), 'b.json': JSON.stringify([ended, revoked, 7]), 'c.csv': 'type,ts,session_id,reason\nsession.ended,2026-07-03T00:00:00Z,s1,logout\n' });
    db = await ingested([dir]);
    const m = await rows<{ path: string; records: number; loaded: number; skipped: number; quarantined: number; first_ts: string; last_ts: string }>(db.con, `SELECT path, records::INTEGER AS records, loaded::INTEGER AS loaded, skipped::INTEGER AS skipped, quarantined::INTEGER AS quarantined, ra_iso(first_ts) AS first_ts, ra_iso(last_ts) AS last_ts FROM manifest ORDER BY path`);
    expect(m.map((r) => [r.records, r.loaded, r.quarantined])).toEqual([[3, 2, 1], [3, 2, 1], [1, 1, 0]]);
    for (const r of m) expect(r.records).toBe(r.loaded + r.skipped + r.quarantined);
    expect(m[0]).toMatchObject({ first_ts: T, last_ts: '2026-07-01T10:05:00Z' });
  });

  it('adds nothing when the same file, or an overlapping export, is ingested again', async () => {
    const dir = writeFiles({ 'a.jsonl': jsonl(created, activity, reset), 'b/overlap.jsonl': jsonl(activity, reset, ended) });
    db = await ingested([join(dir, 'a.jsonl'), join(dir, 'a.jsonl'), join(dir, 'b')]);
    const counts = await one(`SELECT (SELECT count(*) FROM sessions)::INTEGER AS s, (SELECT count(*) FROM access_events)::INTEGER AS a, (SELECT count(*) FROM lifecycle_events)::INTEGER AS l, (SELECT count(*) FROM session_ends)::INTEGER AS e`);
    expect(counts).toEqual({ s: 1, a: 1, l: 1, e: 1 });
    const m = await rows<{ loaded: number; duplicates: number }>(db.con, `SELECT loaded::INTEGER AS loaded, duplicates::INTEGER AS duplicates FROM manifest ORDER BY rowid`);
    expect(m).toEqual([{ loaded: 3, duplicates: 0 }, { loaded: 3, duplicates: 3 }, { loaded: 3, duplicates: 2 }]);
  });

  it('derives the same event_id for a record without one from its canonical JSON, whatever the key order', async () => {
    const a = '{"type":"session.activity","ts":"2026-07-01T10:05:00Z","session_id":"s1"}';
    const b = '{ "session_id": "s1", "ts": "2026-07-01T10:05:00Z", "type": "session.activity" }';
    db = await ingested([writeFiles({ 'a.jsonl': `${a}\n${b}\n` })]);
    const { createHash } = await import('node:crypto');
    const expected = createHash('sha256').update('{"session_id":"s1","ts":"2026-07-01T10:05:00Z","type":"session.activity"}').digest('hex');
    expect(await rows(db.con, `SELECT event_id FROM access_events`)).toEqual([{ event_id: expected }]);
  });

  it('hashes a record the same way whether or not it carries fields beyond the native ones', async () => {
    const base = { type: 'session.activity', ts: 1782900000, session_id: 's"1\u00e9', reason: 'a\\b', action: 'GET /é' };
    const lines = [JSON.stringify(base), JSON.stringify({ ...base, extra: null }), JSON.stringify({ action: base.action, reason: base.reason, session_id: base.session_id, ts: base.ts, type: base.type })];
    db = await ingested([writeFiles({ 'a.jsonl': `${lines.join('\n')}\n` })]);
    const { createHash } = await import('node:crypto');
    const parsed = JSON.parse(lines[0]!) as Record<string, unknown>;
    const canonical = `{${Object.keys(parsed).sort().map((k) => `${JSON.stringify(k)}:${JSON.stringify(parsed[k])}`).join(',')}}`;
    expect(await rows(db.con, `SELECT event_id FROM access_events`)).toEqual([{ event_id: createHash('sha256').update(canonical).digest('hex') }]);
  });

  it('reads JSON lines, a JSON array, CSV and Parquet copies of the same records into the same tables', async () => {
    const records = [created, activity, revoked, reset];
    const csvHeader = 'type,event_id,ts,session_id,subject_id,ip,user_agent,device_id,auth_method,expires_at,action,outcome,reason,actor_id,trigger_event_id';
    const cell = (v: unknown) => (v === undefined ? '' : `"${String(v).replaceAll('"', '""')}"`);
    const csv = [csvHeader, ...records.map((r) => csvHeader.split(',').map((k) => cell((r as Record<string, unknown>)[k])).join(','))].join('\n');
    const dir = writeFiles({ 'x.jsonl': jsonl(...records), 'y.json': JSON.stringify(records, null, 2), 'z.csv': `${csv}\n`, 'w.jsonl.gz': gzipSync(jsonl(...records)) });
    const { openDb } = await import('../src/db/duck.ts');
    const tmp = await openDb();
    await tmp.con.run(`COPY (SELECT * FROM read_json('${join(dir, 'x.jsonl')}', columns = {type: 'VARCHAR', event_id: 'VARCHAR', ts: 'TIMESTAMPTZ', session_id: 'VARCHAR', subject_id: 'VARCHAR', ip: 'VARCHAR', user_agent: 'VARCHAR', device_id: 'VARCHAR', auth_method: 'VARCHAR', expires_at: 'TIMESTAMPTZ', action: 'VARCHAR', outcome: 'VARCHAR', reason: 'VARCHAR', actor_id: 'VARCHAR', trigger_event_id: 'VARCHAR'})) TO '${join(dir, 'v.parquet')}' (FORMAT parquet)`);
    tmp.close();
    const snapshot = async (file: string) => {
      const d = await ingested([join(dir, file)]);
      const out: Record<string, unknown> = {};
      for (const [table, cols] of Object.entries({
        sessions: 'session_id, subject_id, ra_iso(created_at) AS t, ra_iso(expires_at) AS e, ip, user_agent, device_id, auth_method',
        access_events: 'session_id, subject_id, ra_iso(ts) AS t, ip, action, outcome, reason',
        revocations: 'session_id, subject_id, ra_iso(ts) AS t, actor_id, reason, trigger_event_id',
        lifecycle_events: 'event_id, subject_id, ra_iso(ts) AS t, kind, actor_id',
      })) out[table] = await rows(d.con, `SELECT ${cols} FROM ${table} ORDER BY ALL`);
      out['manifest'] = await rows(d.con, `SELECT records::INTEGER AS r, loaded::INTEGER AS l, quarantined::INTEGER AS q FROM manifest`);
      d.close();
      return out;
    };
    const base = await snapshot('x.jsonl');
    expect((base['sessions'] as unknown[]).length).toBe(1);
    for (const file of ['y.json', 'z.csv', 'v.parquet', 'w.jsonl.gz']) expect(await snapshot(file), file).toEqual(base);
  });

  it('treats blank lines as no records and an empty file as a manifest row with 0 records', async () => {
    const dir = writeFiles({ 'empty.jsonl': '', 'blank.jsonl': `\n\n${JSON.stringify(created)}\n\n  \n` });
    db = await ingested([dir]);
    const m = await rows(db.con, `SELECT records::INTEGER AS records, loaded::INTEGER AS loaded FROM manifest ORDER BY path`);
    expect(m).toEqual([{ records: 1, loaded: 1 }, { records: 0, loaded: 0 }]);
    expect(await one(`SELECT source_line::INTEGER AS line FROM sessions`)).toEqual({ line: 3 });
  });

  it('reads only new files when a persistent database already holds the others', async () => {
    const { openDb } = await import('../src/db/duck.ts');
    const { ingest } = await import('../src/ingest/ingest.ts');
    const dir = writeFiles({ 'day1/a.jsonl': jsonl(created, activity), 'day2/b.jsonl': jsonl(ended) });
    const dbFile = join(writeFiles({}), 'audit.duckdb');
    const first = await openDb({ path: dbFile });
    await ingest(first.con, [join(dir, 'day1')]);
    first.close();
    db = await openDb({ path: dbFile });
    const second = await ingest(db.con, [join(dir, 'day1'), join(dir, 'day2')]);
    expect(second).toMatchObject({ files: 1, unchanged: [join(dir, 'day1', 'a.jsonl')] });
    expect(await rows(db.con, `SELECT path, records::INTEGER AS records FROM manifest ORDER BY rowid`)).toEqual([
      { path: join(dir, 'day1', 'a.jsonl'), records: 2 },
      { path: join(dir, 'day2', 'b.jsonl'), records: 1 },
    ]);
    expect(await one(`SELECT (SELECT count(*) FROM sessions)::INTEGER AS s, (SELECT count(*) FROM session_ends)::INTEGER AS e`)).toEqual({ s: 1, e: 1 });
  });
});
