import type { DuckDBConnection } from '@duckdb/node-api';
import { rows } from '../db/duck.ts';

export type CoverageStatus = 'covered' | 'late' | 'uncovered' | 'no_sessions' | 'pending' | 'waived';

export interface CoverageRow {
  event_id: string;
  kind: string;
  subject_id: string;
  ts: string;
  status: CoverageStatus;
  required_sessions: number;
  revoked_in_time: number;
  max_seconds_to_revoke: number | null;
  source_file: string;
  source_line: number;
}

export interface TimeToRevoke {
  kind: string;
  revoked_sessions: number;
  p50_seconds: number | null;
  p95_seconds: number | null;
  max_seconds: number | null;
}

const IN_PERIOD = `(g.period_from IS NULL OR c.ts >= g.period_from) AND (g.period_to IS NULL OR c.ts < g.period_to)`;

/** The coverage rows of the events whose T falls in the period, in time order. */
export async function coverageRows(con: DuckDBConnection): Promise<CoverageRow[]> {
  return rows<CoverageRow>(
    con,
    `SELECT c.event_id, c.kind, c.subject_id, ra_iso(c.ts) AS ts, c.status,
            c.required_sessions::INTEGER AS required_sessions, c.revoked_in_time::INTEGER AS revoked_in_time,
            c.max_seconds_to_revoke::DOUBLE AS max_seconds_to_revoke,
            c.source_file, c.source_line::INTEGER AS source_line
     FROM coverage c, global_policy g
     WHERE ${IN_PERIOD}
     ORDER BY c.ts, c.event_id, c.source`,
  );
}

/**
 * Time from T to revocation over the revoked required sessions of the events in the period,
 * per kind and overall (kind '*'): p50, p95 (continuous quantiles) and max, in seconds.
 */
export async function timeToRevoke(con: DuckDBConnection): Promise<TimeToRevoke[]> {
  return rows<TimeToRevoke>(
    con,
    `SELECT coalesce(r.kind, '*') AS kind, count(*)::INTEGER AS revoked_sessions,
            round(quantile_cont(r.seconds_to_revoke, 0.5), 3)::DOUBLE AS p50_seconds,
            round(quantile_cont(r.seconds_to_revoke, 0.95), 3)::DOUBLE AS p95_seconds,
            round(max(r.seconds_to_revoke), 3)::DOUBLE AS max_seconds
     FROM required_session_status r, global_policy g
     WHERE r.revoked_at IS NOT NULL
       AND (g.period_from IS NULL OR r.t >= g.period_from) AND (g.period_to IS NULL OR r.t < g.period_to)
     GROUP BY GROUPING SETS ((r.kind), ())
     ORDER BY r.kind NULLS FIRST`,
  );
}
