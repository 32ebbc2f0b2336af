// Measurement (a), run as a child process: the floor. DuckDB alone creates one typed table
// from the same files with explicit columns (times TIMESTAMPTZ), in a fresh file database,
// with DuckDB's default settings. Nothing revaudit does can be cheaper than reading its
// inputs once into a table.
//
//   node --import tsx bench/floor.ts <jsonl|csv|parquet> <data dir> <database file>
//
// Prints one JSON line: seconds of the CREATE TABLE and the rows it holds.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { ALL_COLUMNS, COLUMNS, columnsLiteral } from '../scripts/gen/convert.ts';

const [format, dataDir, dbPath] = process.argv.slice(2);
if (!format || !dataDir || !dbPath || !['jsonl', 'csv', 'parquet'].includes(format)) {
  process.stderr.write('usage: bench/floor.ts <jsonl|csv|parquet> <data dir> <database file>\n');
  process.exit(2);
}

const names = readdirSync(dataDir);
const gz = names.some((n) => n.endsWith('.gz')) ? '.gz' : '';
const glob = (prefix: string, ext: string) => join(dataDir, `${prefix}*${ext}${gz}`);

// The column lists are constants of the generated exports (scripts/gen/convert.ts), not data;
// the file globs are bound.
let sql: string;
const params: Record<string, string> = {};
if (format === 'jsonl') {
  sql = `CREATE TABLE events AS SELECT * FROM read_json($files, format = 'newline_delimited', columns = ${columnsLiteral(ALL_COLUMNS)})`;
  params['files'] = glob('', '.jsonl');
} else if (format === 'csv') {
  // Each export has its own header, so one typed read per export, stacked by column name.
  sql = `CREATE TABLE events AS ${Object.entries(COLUMNS)
    .map(([kind, columns]) => {
      params[kind] = glob(kind, '.csv');
      return `SELECT * FROM read_csv($${kind}, header = true, auto_detect = false, columns = ${columnsLiteral(columns)})`;
    })
    .join(' UNION ALL BY NAME ')}`;
} else {
  const select = Object.entries(ALL_COLUMNS).map(([name, type]) => `${name}::${type} AS ${name}`).join(', ');
  sql = `CREATE TABLE events AS SELECT ${select} FROM read_parquet($files, union_by_name = true)`;
  params['files'] = glob('', '.parquet');
}

const instance = await DuckDBInstance.create(dbPath);
const con = await instance.connect();
const started = process.hrtime.bigint();
await con.run(sql, params);
await con.run('CHECKPOINT');
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const reader = await con.runAndReadAll('SELECT count(*)::DOUBLE AS n, version() AS v FROM events');
const [row] = reader.getRowObjectsJson() as Array<{ n: number; v: string }>;
con.closeSync();
instance.closeSync();
process.stdout.write(`${JSON.stringify({ seconds, rows: row?.n ?? 0, duckdb: row?.v })}\n`);
