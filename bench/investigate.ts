/**
 * Benchmark (not a test): how fast `revaudit investigate` answers against a persistent
 * database of about a million native events.
 *
 *   npm run bench:investigate [-- --sessions 100000] [--keep] [--db FILE]
 *
 * --keep leaves the temporary folder (and its bench.duckdb) in place; --db FILE skips steps
 * 1 and 2 and times a database a previous run kept.
 *
 * 1. generates native records with DuckDB (bench/investigate.sql) into Parquet files;
 * 2. ingests them once with revaudit's own ingest into a temporary --db file;
 * 3. times investigations by session, subject and IP against that file, in-process (open the
 *    database, slice, rules, timeline, render) and as the CLI in a child process (adds Node,
 *    tsx and DuckDB start-up).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, rows } from '../src/db/duck.ts';
import { ingest } from '../src/ingest/ingest.ts';
import { investigate } from '../src/investigate/investigate.ts';
import type { Target } from '../src/investigate/schema.ts';
import { renderText } from '../src/investigate/text.ts';
import { processIo } from '../src/io.ts';

const args = process.argv.slice(2);
const sessions = Number(args[args.indexOf('--sessions') + 1] ?? 100_000) || 100_000;
const keep = args.includes('--keep');
const reuse = args.includes('--db') ? args[args.indexOf('--db') + 1] : undefined;
const root = new URL('../', import.meta.url);
const dir = reuse ? '' : mkdtempSync(join(tmpdir(), 'revaudit-bench-investigate-'));
const dataDir = join(dir, 'data');
const dbPath = reuse ?? join(dir, 'bench.duckdb');
const seconds = (t0: number) => ((performance.now() - t0) / 1000).toFixed(3);

async function generate(): Promise<void> {
  mkdirSync(dataDir);
  const db = await openDb();
  try {
    await db.con.run('SET VARIABLE sessions = $n', { n: sessions });
    await db.con.run(readFileSync(new URL('bench/investigate.sql', root), 'utf8'));
    for (const name of ['sessions', 'activity', 'ends', 'revocations', 'lifecycle']) {
      await db.con.run(`COPY bench_${name} TO $path (FORMAT parquet, COMPRESSION zstd)`, { path: join(dataDir, `${name}.parquet`) });
    }
  } finally {
    db.close();
  }
}

/** Ingests the records (when fresh); returns the canonical row count and the subject with the most sessions. */
async function load(fresh: boolean): Promise<{ events: number; busiest: string }> {
  const db = await openDb({ path: dbPath });
  try {
    if (fresh) await ingest(db.con, [dataDir]);
    const [n] = await rows<{ n: number; busiest: string }>(
      db.con,
      `SELECT ((SELECT count(*) FROM sessions) + (SELECT count(*) FROM access_events) + (SELECT count(*) FROM session_ends)
             + (SELECT count(*) FROM revocations) + (SELECT count(*) FROM lifecycle_events))::INTEGER AS n,
              (SELECT subject_id FROM sessions GROUP BY ALL ORDER BY count(*) DESC, subject_id LIMIT 1) AS busiest`,
    );
    return { events: n?.n ?? 0, busiest: n?.busiest ?? '' };
  } finally {
    db.close();
  }
}

async function main(): Promise<void> {
  console.log(`revaudit investigate benchmark: ${reuse ? `reusing ${reuse}` : `${sessions} sessions, temp folder ${dir}`}`);
  let t0 = performance.now();
  if (!reuse) {
    await generate();
    console.log(`generate  ${seconds(t0)} s`);
  }
  t0 = performance.now();
  const { events, busiest } = await load(!reuse);
  if (!reuse) console.log(`ingest    ${seconds(t0)} s`);
  console.log(`database  ${events} canonical rows in ${dbPath}`);
  const targets: Target[] = [
    { by: 'session', value: 's-bench-target' },
    { by: 'subject', value: busiest },
    { by: 'ip', value: '2001:db8:dead::1' },
  ];
  const io = { ...processIo(), isTTY: false };
  for (const target of targets) {
    const times: string[] = [];
    let rowsShown = 0;
    for (let run = 0; run < 3; run++) {
      // Wall time, and this process's CPU time: on a shared, busy machine the wall time
      // mostly measures waiting for a core (the load average is printed with it).
      t0 = performance.now();
      const cpu0 = process.cpuUsage();
      const inv = await investigate({ target, inputs: [], db: dbPath }, io);
      renderText(inv, false);
      const cpu = process.cpuUsage(cpu0);
      times.push(`${seconds(t0)} (cpu ${((cpu.user + cpu.system) / 1e6).toFixed(3)})`);
      rowsShown = inv.timeline.length;
    }
    t0 = performance.now();
    execFileSync(process.execPath, [new URL('bin/revaudit.js', root).pathname, 'investigate', '--db', dbPath, `--${target.by}`, target.value], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const cli = seconds(t0);
    console.log(`--${target.by} ${target.value}: ${rowsShown} timeline rows`);
    console.log(`  in-process, 3 runs: ${times.join(' / ')} s; CLI in a child process: ${cli} s; load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`);
  }
  if (dir && !keep) rmSync(dir, { recursive: true, force: true });
}

await main();
