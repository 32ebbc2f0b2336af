import { existsSync } from 'node:fs';
import { openDb, rows, type Db } from '../db/duck.ts';
import { RevauditError } from '../errors.ts';
import type { Adapter } from '../ingest/adapter.ts';
import { ingest } from '../ingest/ingest.ts';
import type { Io } from '../io.ts';
import { demoInputs } from '../pipeline.ts';

export interface SourceOptions {
  inputs: string[];
  db?: string | undefined;
  adapter?: Adapter | undefined;
  threads?: number | undefined;
  memoryLimit?: string | undefined;
}

const CANONICAL = ['sessions', 'access_events', 'session_ends', 'lifecycle_events', 'revocations'];

/**
 * The database an investigation reads: inputs ingested into `--db` (or memory); `--db`
 * alone reused as it is (nothing ingested, so analysts ingest once and investigate many
 * times); neither: the demo organisation, in memory.
 */
export async function openSource(options: SourceOptions, io: Io): Promise<Db> {
  if (options.db && options.inputs.length === 0 && !existsSync(options.db)) {
    throw new RevauditError('investigate.no_db', 'no such database (write one with: revaudit audit <inputs..> --db FILE)', {
      file: options.db,
    });
  }
  const db = await openDb({ path: options.db, threads: options.threads, memoryLimit: options.memoryLimit });
  try {
    const inputs = options.inputs.length > 0 ? options.inputs : options.db ? [] : demoInputs(io);
    if (inputs.length > 0) {
      const progress = io.isTTY ? (m: string) => io.stderr(`revaudit: ${m}\n`) : undefined;
      await ingest(db.con, inputs, { adapter: options.adapter, progress });
    } else if (!(await hasCanonicalTables(db))) {
      throw new RevauditError('investigate.empty_db', 'the database holds no revaudit tables (write it with: revaudit audit <inputs..> --db FILE)', {
        file: options.db!,
      });
    }
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

async function hasCanonicalTables(db: Db): Promise<boolean> {
  const found = await rows<{ table_name: string }>(
    db.con,
    `SELECT table_name FROM information_schema.tables
     WHERE table_catalog = current_database() AND table_schema = 'main'`,
  );
  const names = new Set(found.map((r) => r.table_name));
  return CANONICAL.every((t) => names.has(t));
}
