// Measurement (c), run as a child process: the SQLite approach of log-detection tools such
// as Zircolite. Flatten each JSON record into one table (inserts of 20k rows per
// transaction), index it, then run one SQL query per rule (bench/sqlite/rules/*.sql).
//
//   node --import tsx bench/sqlite.ts <data dir> <database file>
//
// Prints one JSON line: seconds per phase and the number of findings per rule.
import { createReadStream, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import Database from 'better-sqlite3';

const BATCH = 20_000;
const COLUMNS = [
  'type', 'event_id', 'ts', 'session_id', 'subject_id', 'subject_type', 'owner_id', 'expires_at', 'ip',
  'user_agent', 'device_id', 'auth_method', 'action', 'outcome', 'reason', 'actor_id',
  'initiating_session_id', 'trigger_event_id',
] as const;
const TIME_COLUMNS = new Set(['ts', 'expires_at']);
const here = new URL('./sqlite/', import.meta.url);
const sql = (name: string) => readFileSync(new URL(name, here), 'utf8');

const [dataDir, dbPath] = process.argv.slice(2);
if (!dataDir || !dbPath) {
  process.stderr.write('usage: bench/sqlite.ts <data dir> <database file>\n');
  process.exit(2);
}

const seconds = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e9;
const db = new Database(dbPath);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = OFF');
db.exec(sql('schema.sql'));

// 1. load: every line parsed and flattened in JS, inserted in batches.
let t = process.hrtime.bigint();
const insert = db.prepare(`INSERT INTO events VALUES (${COLUMNS.map(() => '?').join(', ')})`);
const insertBatch = db.transaction((rows: unknown[][]) => {
  for (const row of rows) insert.run(...row);
});
let records = 0;
let batch: unknown[][] = [];
const files = readdirSync(dataDir).filter((n) => /\.(jsonl|ndjson)(\.gz)?$/.test(n)).sort();
for (const name of files) {
  const path = join(dataDir, name);
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  const lines = createInterface({ input: name.endsWith('.gz') ? raw.pipe(createGunzip()) : raw, crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    const rec = JSON.parse(line) as Record<string, unknown>;
    batch.push(COLUMNS.map((c) => flatten(c, rec[c])));
    records++;
    if (batch.length === BATCH) {
      insertBatch(batch);
      batch = [];
    }
  }
}
if (batch.length) insertBatch(batch);
const load = seconds(t);

// 2. indexes.
t = process.hrtime.bigint();
db.exec(sql('indexes.sql'));
const index = seconds(t);

// 3. the shared model, then one query per rule.
t = process.hrtime.bigint();
db.exec(sql('model.sql'));
const model = seconds(t);
const rules: Record<string, { findings: number; escalated: number; seconds: number }> = {};
for (const file of readdirSync(new URL('rules/', here)).filter((n) => n.endsWith('.sql')).sort()) {
  const r0 = process.hrtime.bigint();
  const rows = db.prepare(sql(`rules/${file}`)).all() as Array<{ escalated: number }>;
  rules[file.replace(/\.sql$/, '')] = { findings: rows.length, escalated: rows.filter((r) => r.escalated).length, seconds: seconds(r0) };
}
const rulesSeconds = seconds(t) - model;
db.close();

process.stdout.write(
  `${JSON.stringify({ records, files: files.length, load_s: load, index_s: index, model_s: model, rules_s: rulesSeconds, rules, sqlite: sqliteVersion() })}\n`,
);

/** A field as SQLite stores it: text, or epoch ms for the two time fields. */
function flatten(column: string, value: unknown): string | number | null {
  if (value === undefined || value === null) return null;
  if (TIME_COLUMNS.has(column)) {
    if (typeof value === 'number') return value >= 1e11 ? value : value * 1000;
    const ms = Date.parse(String(value));
    return Number.isNaN(ms) ? null : ms;
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function sqliteVersion(): string {
  const probe = new Database(':memory:');
  const row = probe.prepare('SELECT sqlite_version() AS v').get() as { v: string };
  probe.close();
  return row.v;
}
