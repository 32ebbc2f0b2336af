// The measured steps of the benchmark, each a child process so its peak RSS is its own.
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { checkReport, compareCounts, readPlanted, type Expected } from './check.ts';
import { measure, type Measured } from './measure.ts';

export const ROOT = new URL('../', import.meta.url).pathname;
const NODE = process.execPath;
const TSX = ['--import', 'tsx'];

export interface Step {
  wall_s: number;
  peak_rss_mb: number | null;
  events_per_s: number;
  mb_per_s: number;
}

/** Throughput figures of a measured child against the input it read. */
function step(m: Measured, events: number, bytes: number): Step {
  return { wall_s: m.wall_s, peak_rss_mb: m.peak_rss_mb, events_per_s: events / m.wall_s, mb_per_s: bytes / 1e6 / m.wall_s };
}

function fail(what: string, m: Measured): never {
  throw new Error(`${what} failed (exit ${m.exit}):\n${m.stderr.slice(-2000)}`);
}

/** Total size in bytes of the files directly in a folder. */
export function folderBytes(dir: string): number {
  return readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
}

/** Generates a data set unless one with the same size, seed and format is already there. */
export async function ensureData(dir: string, events: number, seed: string, format: string) {
  if (existsSync(join(dir, 'planted.json'))) {
    const p = readPlanted(dir) as unknown as { events: number; seed: string; format: string };
    if (p.events === events && p.seed === seed && p.format === format) return { reused: true as const };
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const m = await measure(NODE, [...TSX, 'scripts/gen.ts', '--events', String(events), '--out', dir, '--seed', seed, '--format', format, '--quiet'], ROOT);
  if (m.exit !== 0) fail('generator', m);
  return { reused: false as const, wall_s: m.wall_s, peak_rss_mb: m.peak_rss_mb, events_per_s: events / m.wall_s };
}

/** (a) the floor: DuckDB alone, one typed table from the files, fresh file database. */
export async function floor(format: string, dataDir: string, tmp: string, events: number, bytes: number) {
  const db = join(tmp, 'floor.duckdb');
  rmSync(db, { force: true });
  const m = await measure(NODE, [...TSX, 'bench/floor.ts', format, dataDir, db], ROOT);
  rmSync(db, { force: true });
  if (m.exit !== 0) fail('floor', m);
  const inner = JSON.parse(m.stdout) as { seconds: number; rows: number; duckdb: string };
  if (inner.rows !== events) throw new Error(`floor loaded ${inner.rows} rows, expected ${events}`);
  return { ...step(m, events, bytes), sql_s: inner.seconds, duckdb: inner.duckdb };
}

export interface AuditRun extends Step {
  mode: string;
  outputs: string[];
  exit: number;
  planted: 'ok' | string[];
  /** Set when the run did not complete: its exit code and last message. */
  error?: string;
}

let reportFormats = 'json,html';

/**
 * (b) `revaudit audit` end to end through the real CLI. `inputs` are folders; extra flags
 * (--db, --memory-limit ...) are passed through. Falls back to JSON alone (and says so)
 * while this version cannot write HTML.
 */
export async function audit(inputs: string[], flags: string[], out: string, expected: Expected, events: number, bytes: number, mode: string): Promise<AuditRun> {
  const run = () => measure(NODE, ['bin/revaudit.js', 'audit', ...inputs, '--out', out, '--format', reportFormats, '--quiet', ...flags], ROOT);
  let m = await run();
  if (m.exit === 2 && reportFormats.includes('html') && /html output is not available/.test(m.stderr)) {
    reportFormats = 'json';
    m = await run();
  }
  const outputs = reportFormats.split(',');
  if (m.exit !== 0 && m.exit !== 1) {
    // Recorded, not thrown: a run that fails (out of memory, say) is itself a result.
    const error = `exit ${m.exit}: ${m.stderr.trim().split('\n').slice(-3).join(' ').slice(0, 600)}`;
    return { mode, ...step(m, events, bytes), outputs, exit: m.exit, planted: [`did not complete (${error})`], error };
  }
  const problems = checkReport(join(out, 'report.json'), expected);
  return { mode, ...step(m, events, bytes), outputs, exit: m.exit, planted: problems.length ? problems : 'ok' };
}

/** (c) the SQLite baseline on the JSON-lines files. */
export async function sqlite(dataDir: string, tmp: string, expected: Expected, events: number, bytes: number) {
  const db = join(tmp, 'baseline.sqlite');
  for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
  const m = await measure(NODE, [...TSX, 'bench/sqlite.ts', dataDir, db], ROOT);
  for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
  if (m.exit !== 0) fail('SQLite baseline', m);
  const inner = JSON.parse(m.stdout) as {
    records: number; load_s: number; index_s: number; model_s: number; rules_s: number; sqlite: string;
    rules: Record<string, { findings: number }>;
  };
  const counts = Object.fromEntries(Object.entries(inner.rules).map(([rule, r]) => [rule, r.findings]));
  const problems = compareCounts(counts, expected);
  return {
    ...step(m, events, bytes),
    load_s: inner.load_s, index_s: inner.index_s, model_s: inner.model_s, rules_s: inner.rules_s,
    sqlite: inner.sqlite, planted: problems.length ? problems : ('ok' as const),
  };
}
