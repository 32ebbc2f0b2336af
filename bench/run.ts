// The benchmark (bench/README.md says what each figure means and the targets):
//
//   npm run bench -- [--events 1000000,10000000] [--formats jsonl,parquet] [--seed 1] [--keep]
//                    [--skip-sqlite] [--skip-incremental] [--skip-memory-check] [--memory-limit 1GB]
//                    [--memory-check-only]
//
// For each size: generate data (bench/data/, git-ignored), then per format (a) the floor,
// (b) revaudit audit in memory and with --db; once per size (c) the SQLite baseline on the
// JSON lines, and the incremental run (the same --db plus one more day). Finally a run of
// the largest input under --memory-limit. Prints a table; writes bench/results/<date>-<n>.json.
import { cpus, loadavg, totalmem } from 'node:os';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readPlanted } from './check.ts';
import { RSS_METHOD } from './measure.ts';
import { header, planted, ratio, row } from './print.ts';
import { audit, ensureData, floor, folderBytes, ROOT, sqlite } from './steps.ts';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000,10000000' },
    formats: { type: 'string', default: 'jsonl,parquet' },
    seed: { type: 'string', default: '1' },
    keep: { type: 'boolean', default: false },
    'skip-sqlite': { type: 'boolean', default: false },
    'skip-incremental': { type: 'boolean', default: false },
    'skip-memory-check': { type: 'boolean', default: false },
    'memory-limit': { type: 'string', default: '1GB' },
    'memory-check-only': { type: 'boolean', default: false },
  },
});
const sizes = values.events.split(',').map((s) => Number(s.replaceAll('_', '')));
const formats = values.formats.split(',').map((f) => f.trim());
if (sizes.some((n) => !Number.isInteger(n) || n < 5000) || formats.some((f) => !['jsonl', 'csv', 'parquet'].includes(f))) {
  process.stderr.write('bench: --events takes whole numbers >= 5000, --formats a list of jsonl, csv, parquet\n');
  process.exit(2);
}

const DATA = join(ROOT, 'bench', 'data');
const tmp = join(DATA, `tmp-${process.pid}`);
mkdirSync(tmp, { recursive: true });
const used = new Set<string>();
const out = (s: string) => process.stdout.write(s);
const dataDir = (n: number, format: string) => join(DATA, `${n}-s${values.seed}-${format}`);

const results = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? '?', memory_gib: totalmem() / 2 ** 30, node: process.version, load_average_at_start: loadavg() },
  revaudit: (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version,
  options: { ...values, events: sizes, formats },
  rss_method: RSS_METHOD,
  sizes: [] as unknown[],
  memory_limit: undefined as unknown,
};

out(`load average at start: ${loadavg().map((l) => l.toFixed(2)).join(', ')} on ${cpus().length} cores (figures are noisy when others share the machine)\n`);
out(`peak RSS: ${RSS_METHOD === 'gnu-time' ? 'GNU time (ru_maxrss of each child process)' : 'VmHWM of each child process, polled every 50 ms'}\n`);
try {
  for (const n of sizes) {
    const size: Record<string, unknown> = { events: n, formats: [] as unknown[] };
    const byFormat: Record<string, { b: number; dir: string; bytes: number }> = {};
    for (const format of formats) {
      const dir = dataDir(n, format);
      used.add(dir);
      const gen = await ensureData(dir, n, values.seed, format);
      const p = readPlanted(dir);
      const bytes = folderBytes(join(dir, 'data'));
      out(header(`${n.toLocaleString('en')} events, ${format}, ${(bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0)} MB in ${readdirSync(join(dir, 'data')).length} files (${p.population.people} people, ${p.population.agents} agents, ${p.population.sessions} sessions)`));
      if (!gen.reused) out(`  generated in ${gen.wall_s.toFixed(1)} s (${Math.round(gen.events_per_s).toLocaleString('en')} records/s)\n`);
      if (values['memory-check-only']) continue;
      const a = await floor(format, join(dir, 'data'), tmp, n, bytes);
      out(row('(a) floor: DuckDB CREATE TABLE AS, file DB', a, `SQL ${a.sql_s.toFixed(2)} s`));
      const b = await audit([join(dir, 'data')], [], join(tmp, 'out-mem'), p.expected, n, bytes, 'in-memory');
      out(row('(b) revaudit audit (in memory)', b, planted(b.planted)));
      const dbFile = join(tmp, `${format}.duckdb`);
      rmSync(dbFile, { force: true });
      const bDb = await audit([join(dir, 'data')], ['--db', dbFile], join(tmp, 'out-db'), p.expected, n, bytes, '--db');
      out(row('(b) revaudit audit --db FILE', bDb, planted(bDb.planted)));
      if (!b.error) out(ratio('b/a (in memory)', b.wall_s / a.wall_s, '<= 2', b.wall_s / a.wall_s <= 2));
      if (!bDb.error) out(ratio('b/a (--db)', bDb.wall_s / a.wall_s, '<= 2', bDb.wall_s / a.wall_s <= 2));
      const entry: Record<string, unknown> = { format, input_bytes: bytes, generated: gen, floor: a, revaudit: b, revaudit_db: bDb };
      entry['ratios'] = { b_over_a: b.error ? null : b.wall_s / a.wall_s, b_db_over_a: bDb.error ? null : bDb.wall_s / a.wall_s };

      if (format === formats[0] && !values['skip-incremental'] && !bDb.error) {
        const nd = p.next_day.records;
        const inc = await audit([join(dir, 'data'), join(dir, 'next-day')], ['--db', dbFile], join(tmp, 'out-inc'), p.expected_with_next_day, nd, folderBytes(join(dir, 'next-day')), 'incremental');
        out(row('incremental: same --db + next day', inc, `${nd.toLocaleString('en')} new records; ${(inc.wall_s / bDb.wall_s).toFixed(2)}x the full --db run; ${planted(inc.planted)}`));
        entry['incremental'] = { full: bDb, next_day: inc, next_day_records: nd, ratio_to_full: inc.wall_s / bDb.wall_s };
      }
      rmSync(dbFile, { force: true });
      (size['formats'] as unknown[]).push(entry);
      if (!b.error) byFormat[format] = { b: b.wall_s, dir, bytes };
    }

    if (!values['skip-sqlite'] && !values['memory-check-only']) {
      const dir = dataDir(n, 'jsonl');
      used.add(dir);
      await ensureData(dir, n, values.seed, 'jsonl');
      const bytes = folderBytes(join(dir, 'data'));
      const c = await sqlite(join(dir, 'data'), tmp, readPlanted(dir).expected, n, bytes);
      out(header(`${n.toLocaleString('en')} events, SQLite baseline on the JSON lines`));
      out(row('(c) SQLite: load, index, 7 rule queries', c, `load ${c.load_s.toFixed(1)} + index ${c.index_s.toFixed(1)} + rules ${(c.model_s + c.rules_s).toFixed(1)} s; ${planted(c.planted)}`));
      const ratios: Record<string, number> = {};
      for (const [format, { b }] of Object.entries(byFormat)) {
        ratios[format] = c.wall_s / b;
        out(ratio(`c/b (${format})`, c.wall_s / b, '>= 4', c.wall_s / b >= 4));
      }
      size['sqlite'] = { ...c, c_over_b: ratios };
    }
    results.sizes.push(size);
  }

  if (!values['skip-memory-check']) {
    const n = Math.max(...sizes);
    const format = formats.includes('parquet') ? 'parquet' : formats[0]!;
    const dir = dataDir(n, format);
    const bytes = folderBytes(join(dir, 'data'));
    const spill = join(tmp, 'spill');
    const limit = values['memory-limit'];
    const m = await audit([join(dir, 'data')], ['--memory-limit', limit, '--temp-dir', spill], join(tmp, 'out-limit'), readPlanted(dir).expected, n, bytes, `--memory-limit ${limit}`);
    out(header(`${n.toLocaleString('en')} events, ${format}, --memory-limit ${limit} --temp-dir`));
    out(row(`revaudit audit --memory-limit ${limit}`, m, planted(m.planted)));
    results.memory_limit = { events: n, format, limit, ...m };
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
  if (!values.keep) for (const dir of used) rmSync(dir, { recursive: true, force: true });
}

const resultsDir = join(ROOT, 'bench', 'results');
mkdirSync(resultsDir, { recursive: true });
const day = results.date.slice(0, 10);
const nth = readdirSync(resultsDir).filter((f) => f.startsWith(day)).length + 1;
const file = join(resultsDir, `${day}-${nth}.json`);
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
out(`\nwrote ${file}\n`);
