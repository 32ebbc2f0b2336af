import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import type { DuckDBConnection } from '@duckdb/node-api';
import { RevauditError } from '../errors.ts';
import { exec, rows } from '../db/duck.ts';
import type { InputFile } from './discover.ts';

/**
 * Reads one file's records into `raw_records` with DuckDB's own readers, each record with
 * its 1-based line (JSON lines; CSV: record number + 1 for the header) or its index
 * (JSON array elements, Parquet rows). Blank lines are not records.
 */
export async function stageFile(con: DuckDBConnection, fileId: number, file: InputFile): Promise<void> {
  try {
    await READERS[file.layout](con, fileId, file);
  } catch (e) {
    if (e instanceof RevauditError) throw e;
    throw new RevauditError('input.unreadable', `DuckDB could not read the file as ${file.layout}: ${firstLine(e)}`, {
      file: file.path,
    });
  }
}

/**
 * The longest line (record) read: 16 MB. DuckDB's CSV reader allocates buffers of 16 times
 * this, so a larger value breaks runs under a small --memory-limit.
 */
const MAX_LINE_BYTES = 16 * 1024 * 1024;

type Reader = (con: DuckDBConnection, fileId: number, file: InputFile) => Promise<void>;

const READERS: Record<InputFile['layout'], Reader> = {
  // Each physical line as one VARCHAR: a delimiter that valid JSON never holds unescaped,
  // no quoting, so the CSV reader only splits lines (it also strips \r and reads .gz).
  'json-lines': (con, fileId, file) =>
    exec(
      con,
      `INSERT INTO raw_records
       SELECT $id, n, CASE WHEN n = 1 THEN ltrim(rec, chr(65279)) ELSE rec END
       FROM (SELECT row_number() OVER () AS n, rec
             FROM read_csv($path, columns = {'rec': 'VARCHAR'}, delim = chr(31), quote = '', escape = '',
                           header = false, auto_detect = false, strict_mode = false, null_padding = true,
                           max_line_size = ${MAX_LINE_BYTES}, compression = 'auto'))
       -- Blank lines are not records; strlen first spares trimming the long lines.
       WHERE rec IS NOT NULL AND (strlen(rec) > 8 OR trim(rec, ' ' || chr(9) || chr(65279)) <> '')`,
      { id: fileId, path: file.path },
    ),

  'json-array': async (con, fileId, file) => {
    try {
      await exec(
        con,
        `INSERT INTO raw_records
         SELECT $id, row_number() OVER (), json::VARCHAR
         FROM read_json_objects($path, format = 'array', maximum_object_size = ${MAX_LINE_BYTES})`,
        { id: fileId, path: file.path },
      );
    } catch (e) {
      // The array itself does not parse: the file is one record that is not valid JSON.
      await insertWhole(con, fileId, file, firstLine(e));
    }
  },

  // A .json file holding one (pretty-printed) object is one record.
  'json-single': async (con, fileId, file) => insertWhole(con, fileId, file),

  csv: (con, fileId, file) =>
    exec(
      con,
      `INSERT INTO raw_records
       SELECT $id, n, rec FROM (
         SELECT row_number() OVER () + 1 AS n, to_json(c)::VARCHAR AS rec
         FROM read_csv($path, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"',
                       strict_mode = false, null_padding = true, max_line_size = ${MAX_LINE_BYTES},
                       compression = 'auto') c)
       WHERE len(list_filter(json_extract_string(rec, '$.*'), lambda v: v IS NOT NULL)) > 0`,
      { id: fileId, path: file.path },
    ),

  parquet: async (con, fileId, file) => {
    // Typed times are written as RFC 3339 text so the mapping sees what a JSON line would
    // hold; a zone-less Parquet TIMESTAMP is taken as UTC (Parquet stores instants).
    const columns = await rows<{ column_name: string; column_type: string }>(
      con,
      `SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet($path))`,
      { path: file.path },
    );
    const fields = columns
      .map(({ column_name, column_type }) => {
        const id = `"${column_name.replaceAll('"', '""')}"`;
        const value = column_type.startsWith('TIMESTAMP') ? `strftime(${id}, '%Y-%m-%dT%H:%M:%S.%fZ')` : id;
        return `${id} := ${value}`;
      })
      .join(', ');
    await exec(
      con,
      `INSERT INTO raw_records
       SELECT $id, file_row_number + 1, to_json(struct_pack(${fields}))::VARCHAR
       FROM read_parquet($path, file_row_number = true)`,
      { id: fileId, path: file.path },
    );
  },
};

async function insertWhole(con: DuckDBConnection, fileId: number, file: InputFile, _why?: string): Promise<void> {
  const bytes = await readFile(file.path);
  const text = (file.gzip ? gunzipSync(bytes) : bytes).toString('utf8').replace(/^\uFEFF/, '');
  if (text.trim() === '') return;
  await exec(con, `INSERT INTO raw_records VALUES ($id, 1, $rec)`, { id: fileId, rec: text });
}

function firstLine(e: unknown): string {
  return String((e as Error).message ?? e).split('\n')[0] ?? '';
}
