import type { DuckDBConnection } from '@duckdb/node-api';
import { exec, rows, sqlFile } from '../db/duck.ts';
import type { Adapter } from './adapter.ts';
import { ADAPTERS, chooseAdapter } from './adapters/index.ts';
import { discover } from './discover.ts';
import { stageFile } from './stage.ts';

export interface IngestResult {
  files: number;
  /** Files under given folders that nothing recognised, listed rather than read. */
  ignored: string[];
  /** Files a persistent database already holds (same content, same adapter): not read again. */
  unchanged: string[];
}

export interface IngestOptions {
  /** Force one adapter for every file (`--source`). */
  adapter?: Adapter | undefined;
  /** Progress lines for long ingests; silent when absent. */
  progress?: ((message: string) => void) | undefined;
}

/** Creates the canonical tables and the SQL helpers (idempotent). */
export async function createSchema(con: DuckDBConnection): Promise<void> {
  await exec(con, sqlFile('src/db/schema.sql'));
  await exec(con, sqlFile('src/db/macros.sql'));
}

/**
 * Phase 1, ingest: find the files, read each with DuckDB, map every adapter's records with
 * its SQL, then load the canonical tables, the quarantine and the manifest in one pass.
 */
export async function ingest(con: DuckDBConnection, inputs: readonly string[], options: IngestOptions = {}): Promise<IngestResult> {
  const { files, ignored } = await discover(inputs);
  await createSchema(con);
  await exec(con, sqlFile('src/ingest/staging.sql'));
  const used = new Set<Adapter>();
  const unchanged: string[] = [];
  // An incremental run on a persistent --db reads only what is new: a file whose content
  // and adapter the manifest already records would add nothing (its records are duplicates).
  const known = new Set(
    (await rows<{ key: string }>(con, `SELECT DISTINCT sha256 || ' ' || adapter AS key FROM manifest`)).map((r) => r.key),
  );
  for (const [index, file] of files.entries()) {
    const adapter = chooseAdapter(file, options.adapter);
    if (known.has(`${file.sha256} ${adapter.name}`)) {
      unchanged.push(file.path);
      options.progress?.(`unchanged since an earlier ingest: ${file.path}`);
      continue;
    }
    used.add(adapter);
    options.progress?.(`reading ${file.path} (${adapter.name}, ${index + 1}/${files.length})`);
    await exec(con, `INSERT INTO ingest_files VALUES ($id, $path, $adapter, $sha256, $bytes)`, {
      id: index,
      path: file.path,
      adapter: adapter.name,
      sha256: file.sha256,
      bytes: file.bytes,
    });
    await stageFile(con, index, file);
  }
  for (const adapter of ADAPTERS.filter((a) => used.has(a))) {
    options.progress?.(`mapping ${adapter.name} records`);
    await exec(con, `INSERT INTO staged BY NAME ${adapter.mappingSql}`);
  }
  options.progress?.('loading canonical tables');
  await exec(con, 'BEGIN TRANSACTION');
  try {
    await exec(con, sqlFile('src/ingest/load.sql'));
    await exec(con, 'COMMIT');
  } catch (e) {
    await exec(con, 'ROLLBACK');
    throw e;
  }
  await exec(con, 'DROP TABLE staged; DROP TABLE raw_records; DROP VIEW keyed; DROP TABLE blocked_records; DROP TABLE duplicate_rows; DROP TABLE record_state; DROP TABLE ingest_files');
  return { files: files.length - unchanged.length, ignored, unchanged };
}
