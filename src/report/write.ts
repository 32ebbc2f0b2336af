import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes a file whole or not at all: a temporary file in the same folder, then a rename. */
export function writeAtomic(dir: string, name: string, content: string): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  const temp = join(dir, `.${name}.${process.pid}.tmp`);
  writeFileSync(temp, content);
  renameSync(temp, path);
  return path;
}

/** JSON with sorted-by-construction objects, two-space indent and a final newline. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
