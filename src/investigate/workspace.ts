import type { DuckDBConnection } from '@duckdb/node-api';
import type { Policy } from '../config/policy.ts';
import { exec, rows, sqlFile, type Db } from '../db/duck.ts';
import { RevauditError } from '../errors.ts';
import { createSchema } from '../ingest/ingest.ts';
import { prepareModel } from '../rules/model.ts';
import { terminalSafe } from './sanitize.ts';
import type { Target } from './schema.ts';

const SQL = 'src/investigate/sql/';

const SEED: Record<Target['by'], string> = {
  session: 'seed-session.sql',
  subject: 'seed-subject.sql',
  ip: 'seed-ip.sql',
};

/** A connection whose default database is the investigation's slice, with the model's views. */
export interface Workspace {
  readonly con: DuckDBConnection;
  close(): void;
}

/**
 * Copies the slice of the database that a target needs into an in-memory database attached
 * as `revaudit_slice` (a name unlikely to be a user's database file), then builds the policy
 * table and the model's views there, computed once as tables. The rules and the timeline
 * then read thousands of rows, whatever the size of the source: every read of the source
 * filters on session_id, subject_id or ip. Throws exit 2 for an unknown id.
 */
export async function openWorkspace(db: Db, target: Target, policy: Policy): Promise<Workspace> {
  await exec(db.con, `ATTACH ':memory:' AS revaudit_slice`);
  // A second connection keeps `revaudit_slice` as its default database, while db.con keeps
  // the source as its own: each side's SQL names the other's tables with no spliced names.
  const con = await db.instance.connect();
  const close = () => con.closeSync();
  try {
    await exec(con, `USE revaudit_slice; SET TimeZone = 'UTC'`);
    await createSchema(con);
    await exec(con, sqlFile(`${SQL}workspace.sql`));
    await exec(con, 'INSERT INTO target VALUES ($by, $value)', { by: target.by, value: target.value });
    await exec(db.con, sqlFile(`${SQL}${SEED[target.by]}`), { value: target.value });
    const [seeded] = await rows<{ n: number }>(con, 'SELECT count(*)::INTEGER AS n FROM seeds');
    if (!seeded?.n) throw await unknownTarget(db, target);
    await exec(db.con, sqlFile(`${SQL}closure.sql`));
    await exec(db.con, sqlFile(`${SQL}copy.sql`));
    await prepareModel(con, policy);
    await exec(con, sqlFile(`${SQL}inputs-end.sql`));
    await exec(con, sqlFile(`${SQL}materialize.sql`));
    return { con, close };
  } catch (e) {
    close();
    throw e;
  }
}

const NOUN: Record<Target['by'], string> = { session: 'session', subject: 'subject', ip: 'IP address' };

async function unknownTarget(db: Db, target: Target): Promise<RevauditError> {
  const near = await rows<{ id: string }>(db.con, sqlFile(`${SQL}suggest.sql`), { by: target.by, value: target.value });
  // Both the value and the suggestions may hold escape sequences; the message goes to a terminal.
  const hint = near.length > 0 ? `; did you mean ${near.map((r) => `'${terminalSafe(r.id)}'`).join(', ')}?` : '';
  return new RevauditError(`investigate.unknown_${target.by}`, `no ${NOUN[target.by]} '${terminalSafe(target.value)}' in the data${hint}`);
}
