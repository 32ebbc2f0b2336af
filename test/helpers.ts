import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { main } from '../src/cli.ts';
import type { Io } from '../src/io.ts';
import { openDb, rows, type Db } from '../src/db/duck.ts';
import { ingest } from '../src/ingest/ingest.ts';

export const FROZEN_NOW = new Date('2026-10-01T00:00:00Z');

/** Runs the CLI in-process with captured output and a frozen clock. */
export async function runCli(argv: string[], env: Record<string, string> = {}, cwd = process.cwd()) {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    now: () => FROZEN_NOW,
    env,
    cwd,
    isTTY: false,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** A fresh temporary folder. */
export function tempDir(prefix = 'revaudit-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes files (path -> content) under a new temporary folder; returns the folder. */
export function writeFiles(files: Record<string, string | Buffer>): string {
  const dir = tempDir();
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  return dir;
}

/** JSON lines from records. */
export const jsonl = (...records: unknown[]): string => `${records.map((r) => JSON.stringify(r)).join('\n')}\n`;

/** Ingests inputs into a fresh in-memory database. */
export async function ingested(inputs: string[]): Promise<Db> {
  const db = await openDb();
  await ingest(db.con, inputs);
  return db;
}

export { rows };
