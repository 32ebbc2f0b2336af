import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync, createGunzip } from 'node:zlib';
import { RevauditError } from '../errors.ts';
import { ADAPTERS } from './adapters/index.ts';

/** How a file's records are laid out, which decides the DuckDB reader. */
export type Layout = 'json-lines' | 'json-array' | 'json-single' | 'csv' | 'parquet';

export interface InputFile {
  /** The path as given, or as found under a given folder. */
  path: string;
  bytes: number;
  sha256: string;
  gzip: boolean;
  layout: Layout;
  /** The first 64 KB of the (decompressed) content, for adapters to recognise. */
  head: string;
}

export interface Discovery {
  files: InputFile[];
  /** Files under a given folder that no reader or adapter recognises (README.md, notes). */
  ignored: string[];
}

const DATA_EXTENSIONS = /\.(jsonl|ndjson|json|csv|parquet)(\.gz)?$/i;
const HEAD_BYTES = 64 * 1024;

/** Expands files and folders (recursively, in name order) into the input files to read. */
export async function discover(inputs: readonly string[]): Promise<Discovery> {
  const files: InputFile[] = [];
  const ignored: string[] = [];
  for (const input of inputs) {
    const info = await stat(input).catch(() => undefined);
    if (!info) throw new RevauditError('input.not_found', 'no such file or folder', { file: input });
    if (info.isDirectory()) {
      for (const path of await walk(input)) {
        const file = await inspect(path, false);
        if (file) files.push(file);
        else ignored.push(path);
      }
    } else {
      const file = await inspect(input, true);
      if (file) files.push(file);
    }
  }
  if (files.length === 0) {
    throw new RevauditError(
      'input.no_data',
      `no data file found (expected .jsonl, .ndjson, .json, .csv or .parquet files, optionally .gz)` +
        (ignored.length ? `; ignored: ${ignored.slice(0, 5).join(', ')}` : ''),
      inputs.length === 1 ? { file: inputs[0]! } : {},
    );
  }
  return { files, ignored };
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(path)));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

/**
 * Reads a file's head and hash and decides its layout. A file that is not recognisable
 * returns undefined when found in a folder, and is an error when named directly.
 */
async function inspect(path: string, named: boolean): Promise<InputFile | undefined> {
  const raw = await readHead(path).catch((e: NodeJS.ErrnoException) => {
    throw new RevauditError('input.unreadable', `cannot open the file (${e.code ?? e.message})`, { file: path });
  });
  const gzip = raw[0] === 0x1f && raw[1] === 0x8b;
  let headBytes = raw;
  if (gzip) {
    try {
      headBytes = await gunzipHead(path);
    } catch (e) {
      throw new RevauditError('input.bad_gzip', `cannot decompress the file: ${(e as Error).message}`, { file: path });
    }
  }
  const head = headBytes.toString('utf8');
  const layout = decideLayout(path, headBytes, head) ?? textLogLayout(path, gzip, head);
  if (!layout) {
    if (!named) return undefined;
    throw new RevauditError(
      'input.unrecognised',
      'not a recognised input: expected JSON lines, a JSON array, CSV or Parquet (by content or by a .jsonl/.ndjson/.json/.csv/.parquet extension)',
      { file: path },
    );
  }
  const { bytes, sha256 } = await hashFile(path);
  return { path, bytes, sha256, gzip, layout, head };
}

function decideLayout(path: string, bytes: Buffer, head: string): Layout | undefined {
  if (bytes.subarray(0, 4).toString('latin1') === 'PAR1') return 'parquet';
  const ext = DATA_EXTENSIONS.exec(path)?.[1]?.toLowerCase();
  if (ext === 'parquet') return 'parquet';
  if (ext === 'csv') return 'csv';
  const first = head.replace(/^\uFEFF/, '').trimStart()[0];
  if (first === '[') return 'json-array';
  // A pretty-printed object in a file without a JSON-lines extension (.json, .txt, .log) is one record.
  if ((ext === 'json' || ext === undefined) && first === '{' && !looksLikeJsonLines(head)) return 'json-single';
  if (ext || first === '{') return 'json-lines';
  return undefined;
}

/**
 * A plain-text log (no data extension, not JSON) is read a line a record when an adapter
 * recognises its head, e.g. Keycloak's org.keycloak.events log lines; else it is not an input.
 */
function textLogLayout(path: string, gzip: boolean, head: string): Layout | undefined {
  const candidate: InputFile = { path, bytes: 0, sha256: '', gzip, layout: 'json-lines', head };
  return ADAPTERS.some((a) => a.detect(candidate)) ? 'json-lines' : undefined;
}

/** True when the head's first non-blank line is a whole JSON value by itself. */
function looksLikeJsonLines(head: string): boolean {
  const line = head.replace(/^\uFEFF/, '').split('\n').find((l) => l.trim() !== '');
  if (line === undefined) return true;
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}

async function readHead(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

async function gunzipHead(path: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  const stream = createReadStream(path).pipe(createGunzip());
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= HEAD_BYTES) break;
    }
  } finally {
    stream.destroy();
  }
  if (size === 0) gunzipSync(await readHead(path)); // throws on a corrupt header
  return Buffer.concat(chunks).subarray(0, HEAD_BYTES);
}

async function hashFile(path: string): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { bytes, sha256: hash.digest('hex') };
}
