import type { Argv } from 'yargs';
import type { DuckDBInstance } from '@duckdb/node-api';
import { EXIT, RevauditError, type ExitCode } from '../errors.ts';
import type { Io } from '../io.ts';

export const queryCommand = {
  command: 'query <sql>',
  describe: 'run read-only SQL against a database written with --db',
  builder: (y: Argv) =>
    y
      .positional('sql', { type: 'string', demandOption: true })
      .option('db', { type: 'string', demandOption: true, describe: 'the DuckDB file' })
      .option('json', { type: 'boolean', default: false, describe: 'JSON lines instead of a table' }),
};

export async function runQuery(args: { sql: string; db: string; json: boolean }, io: Io): Promise<ExitCode> {
  const { DuckDBInstance: Instance } = await import('@duckdb/node-api');
  let instance: DuckDBInstance;
  try {
    instance = await Instance.create(args.db, { access_mode: 'READ_ONLY' });
  } catch (e) {
    throw new RevauditError('query.db', `cannot open the database read-only: ${(e as Error).message.split('\n')[0]}`, { file: args.db });
  }
  const con = await instance.connect();
  try {
    await con.run("SET TimeZone = 'UTC'");
    const reader = await con.runAndReadAll(args.sql).catch((e: Error) => {
      throw new RevauditError('query.sql', e.message.split('\n')[0] ?? 'query failed');
    });
    const list = reader.getRowObjectsJson();
    if (args.json) for (const row of list) io.stdout(`${JSON.stringify(row)}\n`);
    else {
      const names = reader.columnNames();
      io.stdout(`${names.join('\t')}\n`);
      for (const row of list) io.stdout(`${names.map((n) => String(row[n] ?? '')).join('\t')}\n`);
    }
  } finally {
    con.closeSync();
    instance.closeSync();
  }
  return EXIT.ok;
}
