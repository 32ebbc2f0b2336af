import { sqlFile } from '../../../db/duck.ts';
import type { Adapter } from '../../adapter.ts';
import type { InputFile } from '../../discover.ts';

const NATIVE_TYPE = /"type"\s*:\s*"(session\.(created|activity|ended|revoked)|subject\.[a-z_]+)"/;

/** revaudit's own record format; also the reader of every file no provider claims. */
export const native: Adapter = {
  name: 'native',
  title: "revaudit's native record format (JSON lines, JSON array, CSV, Parquet)",
  maps: [
    'session.created -> sessions',
    'session.activity -> access_events',
    'session.ended (logout, expired) -> session_ends',
    'session.revoked -> revocations (no session_id: every session of the subject)',
    'subject.<kind> -> lifecycle_events',
  ],
  gaps: [],
  detect(file: InputFile): boolean {
    if (file.layout === 'csv') return /^\uFEFF?[^\n]*\btype\b/.test(file.head) && /\bts\b/.test(file.head.split('\n')[0] ?? '');
    return NATIVE_TYPE.test(file.head);
  },
  mappingSql: sqlFile('src/ingest/adapters/native/map.sql'),
};
