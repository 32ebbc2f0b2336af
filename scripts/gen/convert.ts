// Converts generated JSON-lines files to CSV or Parquet with DuckDB, each export keeping its
// own columns (as identity providers' CSV exports do). Parquet times are typed TIMESTAMPTZ;
// CSV keeps the RFC 3339 text. The JSON-lines file is removed after conversion.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { FileKind } from './records.ts';

export type Format = 'jsonl' | 'csv' | 'parquet';

/** The columns of each export, in order, with the types the floor and Parquet use. */
export const COLUMNS: Record<FileKind, Record<string, 'VARCHAR' | 'TIMESTAMPTZ'>> = {
  sessions: {
    type: 'VARCHAR', event_id: 'VARCHAR', ts: 'TIMESTAMPTZ', session_id: 'VARCHAR', subject_id: 'VARCHAR',
    subject_type: 'VARCHAR', owner_id: 'VARCHAR', expires_at: 'TIMESTAMPTZ', ip: 'VARCHAR', user_agent: 'VARCHAR',
    device_id: 'VARCHAR', auth_method: 'VARCHAR', reason: 'VARCHAR',
  },
  activity: {
    type: 'VARCHAR', event_id: 'VARCHAR', ts: 'TIMESTAMPTZ', session_id: 'VARCHAR', subject_id: 'VARCHAR',
    ip: 'VARCHAR', user_agent: 'VARCHAR', action: 'VARCHAR', outcome: 'VARCHAR', reason: 'VARCHAR',
  },
  lifecycle: {
    type: 'VARCHAR', event_id: 'VARCHAR', ts: 'TIMESTAMPTZ', subject_id: 'VARCHAR', actor_id: 'VARCHAR',
    initiating_session_id: 'VARCHAR', device_id: 'VARCHAR', reason: 'VARCHAR',
  },
  revocations: {
    type: 'VARCHAR', event_id: 'VARCHAR', ts: 'TIMESTAMPTZ', session_id: 'VARCHAR', subject_id: 'VARCHAR',
    actor_id: 'VARCHAR', reason: 'VARCHAR', trigger_event_id: 'VARCHAR',
  },
};

/** Every column of every export with its type: the one table the floor creates. */
export const ALL_COLUMNS: Record<string, 'VARCHAR' | 'TIMESTAMPTZ'> = Object.assign({}, ...Object.values(COLUMNS));

/** Which export a generated file is, from its name (sessions.jsonl, activity-2026-04.jsonl ...). */
export function fileKind(name: string): FileKind {
  const kind = (['sessions', 'activity', 'lifecycle', 'revocations'] as const).find((k) => name.startsWith(k));
  if (!kind) throw new Error(`not a generated file: ${name}`);
  return kind;
}

/** DuckDB's struct literal for read_json/read_csv `columns`, optionally with every type VARCHAR. */
export function columnsLiteral(columns: Record<string, string>, allText = false): string {
  return `{${Object.entries(columns).map(([name, type]) => `'${name}': '${allText ? 'VARCHAR' : type}'`).join(', ')}}`;
}

/** Converts every .jsonl(.gz) file under the folders to the format; returns the new paths. */
export async function convertFolders(folders: readonly string[], format: Exclude<Format, 'jsonl'>, gzip: boolean): Promise<string[]> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const con = await instance.connect();
  await con.run("SET TimeZone = 'UTC'");
  const written: string[] = [];
  try {
    for (const folder of folders) {
      for (const name of readdirSync(folder).filter((n) => /\.jsonl(\.gz)?$/.test(n)).sort()) {
        const columns = COLUMNS[fileKind(name)];
        const input = join(folder, name);
        const base = join(folder, name.replace(/\.jsonl(\.gz)?$/, ''));
        const output = format === 'csv' ? `${base}.csv${gzip ? '.gz' : ''}` : `${base}.parquet`;
        // The column list is a constant of this file, not data; paths are bound.
        const select = `SELECT ${Object.keys(columns).join(', ')} FROM read_json($input, format = 'newline_delimited', columns = ${columnsLiteral(columns, format === 'csv')})`;
        const options = format === 'csv' ? `FORMAT csv, HEADER true${gzip ? ", COMPRESSION 'gzip'" : ''}` : "FORMAT parquet, COMPRESSION 'zstd'";
        await con.run(`COPY (${select}) TO $output (${options})`, { input, output });
        rmSync(input);
        written.push(output);
      }
    }
  } finally {
    con.closeSync();
    instance.closeSync();
  }
  return written;
}
