import type { DuckDBConnection } from '@duckdb/node-api';
import { rows, sqlFile } from '../db/duck.ts';
import { reuseClusters } from '../rules/reuse.ts';
import type { Investigation, IpSummary, SessionSummary } from './schema.ts';

const SQL = 'src/investigate/sql/';

type SessionRow = Omit<SessionSummary, 'source'> & { event_id: string | null; source_file: string | null; source_line: number | null };

/** One summary per session in view, oldest first (sessions never created last). */
export async function sessionSummaries(con: DuckDBConnection): Promise<SessionSummary[]> {
  const found = await rows<SessionRow>(con, sqlFile(`${SQL}sessions.sql`));
  return found.map(({ event_id, source_file, source_line, ...rest }) => ({
    ...rest,
    source: event_id !== null && source_file !== null && source_line !== null
      ? { table: 'sessions', event_id, file: source_file, line: source_line }
      : null,
  }));
}

/** The subject in view (--subject, or --session's one subject), or null. */
export async function subjectSummary(con: DuckDBConnection): Promise<Investigation['subject']> {
  const [found] = await rows<NonNullable<Investigation['subject']>>(con, sqlFile(`${SQL}subject.sql`));
  return found ?? null;
}

/** --ip: what the address did, with its reuse cluster as the audit report computes it. */
export async function ipSummary(con: DuckDBConnection, address: string): Promise<IpSummary> {
  const [found] = await rows<Omit<IpSummary, 'reuse'>>(con, sqlFile(`${SQL}ip.sql`));
  const clusters = await reuseClusters(con);
  const reuse = clusters.find((c) => c.by === 'ip' && c.value === address) ?? null;
  return { ...found!, reuse };
}
