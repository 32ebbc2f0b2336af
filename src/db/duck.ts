import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

/** The package root, so `.sql` files are found wherever the bin is run from. */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** DuckDB's memory limit when --memory-limit is not given. */
export const DEFAULT_MEMORY_LIMIT = '2GB';

export interface DbOptions {
  path?: string | undefined;
  memoryLimit?: string | undefined;
  threads?: number | undefined;
  tempDir?: string | undefined;
}

export interface Db {
  readonly instance: DuckDBInstance;
  readonly con: DuckDBConnection;
  close(): void;
}

/** Opens (or creates) a DuckDB database with times in UTC and spilling set up. */
export async function openDb(options: DbOptions = {}): Promise<Db> {
  const config: Record<string, string> = {};
  // A bounded default, so a large run spills to disk instead of taking most of the machine
  // (DuckDB's own default is 80% of RAM); --memory-limit raises or lowers it.
  config['memory_limit'] = options.memoryLimit ?? DEFAULT_MEMORY_LIMIT;
  if (options.threads) config['threads'] = String(options.threads);
  // Spill to a temporary folder rather than DuckDB's default `.tmp` in the working folder.
  config['temp_directory'] = options.tempDir ?? join(tmpdir(), 'revaudit-spill');
  const instance = await DuckDBInstance.create(options.path ?? ':memory:', config);
  const con = await instance.connect();
  await con.run("SET TimeZone = 'UTC'");
  return {
    instance,
    con,
    close() {
      con.closeSync();
      instance.closeSync();
    },
  };
}

const sqlCache = new Map<string, string>();

/** The text of a `.sql` file of the package, by its path from the package root. */
export function sqlFile(relativePath: string): string {
  let text = sqlCache.get(relativePath);
  if (text === undefined) {
    text = readFileSync(new URL(relativePath, `file://${PACKAGE_ROOT}`), 'utf8');
    sqlCache.set(relativePath, text);
  }
  return text;
}

export type SqlParams = Record<string, string | number | boolean | null> | Array<string | number | boolean | null>;

/** Runs a query and returns its rows as JSON-safe objects (BIGINT as string, times as text). */
export async function rows<T = Record<string, unknown>>(
  con: DuckDBConnection,
  sql: string,
  params?: SqlParams,
): Promise<T[]> {
  const reader = params === undefined ? await con.runAndReadAll(sql) : await con.runAndReadAll(sql, params as never);
  return reader.getRowObjectsJson() as T[];
}

/** Runs statements that return nothing of interest. */
export async function exec(con: DuckDBConnection, sql: string, params?: SqlParams): Promise<void> {
  if (params === undefined) await con.run(sql);
  else await con.run(sql, params as never);
}
