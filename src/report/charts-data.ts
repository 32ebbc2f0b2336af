import type { DuckDBConnection } from '@duckdb/node-api';
import { rows, sqlFile } from '../db/duck.ts';
import type { Report } from './schema.ts';

type Summary = Report['summary'];

/** Binned time to revoke per kind, and never-revoked required sessions (summary.time_to_revoke_bins). */
export async function timeToRevokeBins(con: DuckDBConnection): Promise<Summary['time_to_revoke_bins']> {
  return rows(con, sqlFile('src/report/charts-ttr-bins.sql'));
}

/** Attempts on ended sessions per UTC day and outcome (summary.reuse_attempts_by_day). */
export async function reuseAttemptsByDay(con: DuckDBConnection): Promise<Summary['reuse_attempts_by_day']> {
  return rows(con, sqlFile('src/report/charts-attempts-by-day.sql'));
}
