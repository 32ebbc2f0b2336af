import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RevauditError } from '../errors.ts';

/** The sha256 of a file's bytes, hex. */
export function sha256File(path: string): string {
  try {
    return createHash('sha256').update(readFileSync(path)).digest('hex');
  } catch (e) {
    throw new RevauditError('input.unreadable', `cannot read the file (${(e as NodeJS.ErrnoException).code})`, { file: path });
  }
}

/** A rules folder's hash: sha256 of its sorted `name sha256` lines, one per *.sql file. */
export function rulesFolderHash(dir: string): string {
  const names = readdirSync(dir).filter((n) => n.endsWith('.sql')).sort();
  const lines = names.map((n) => `${n} ${sha256File(join(dir, n))}\n`).join('');
  return createHash('sha256').update(lines).digest('hex');
}
