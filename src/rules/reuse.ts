import type { DuckDBConnection } from '@duckdb/node-api';
import { rows } from '../db/duck.ts';

/** Attempts on ended sessions grouped by one IP address or one user agent, across sessions. */
export interface ReuseCluster {
  by: 'ip' | 'user_agent';
  value: string;
  sessions: number;
  subjects: number;
  attempts: number;
  accepted: number;
  denied: number;
  first: string;
  last: string;
  session_ids: string[];
}

/**
 * Reuse clustering: every access more than the skew after a session was revoked or logged
 * out (the attempts of revoked-session-accepted and -reuse-attempt), grouped by IP and by
 * user agent. One address trying many ended sessions is a stronger signal than one session
 * retried. Ordered by sessions touched, then attempts.
 */
export async function reuseClusters(con: DuckDBConnection): Promise<ReuseCluster[]> {
  return rows<ReuseCluster>(
    con,
    `WITH attempts AS (
       SELECT a.session_id, st.subject_id, a.ip, a.user_agent, a.outcome, a.ts
       FROM session_times st
       JOIN access_events a ON a.session_id = st.session_id
       CROSS JOIN global_policy g
       WHERE a.ts > st.ended_deliberately_at + ra_seconds(g.skew_seconds)
         AND (g.period_from IS NULL OR a.ts >= g.period_from) AND (g.period_to IS NULL OR a.ts < g.period_to)
     ), clusters AS (
       SELECT 'ip' AS "by", ip AS value, session_id, subject_id, outcome, ts FROM attempts WHERE ip IS NOT NULL
       UNION ALL
       SELECT 'user_agent', user_agent, session_id, subject_id, outcome, ts FROM attempts WHERE user_agent IS NOT NULL
     )
     SELECT "by", value, count(DISTINCT session_id)::INTEGER AS sessions, count(DISTINCT subject_id)::INTEGER AS subjects,
            count(*)::INTEGER AS attempts, count(*) FILTER (WHERE outcome = 'allowed')::INTEGER AS accepted,
            count(*) FILTER (WHERE outcome = 'denied')::INTEGER AS denied,
            ra_iso(min(ts)) AS first, ra_iso(max(ts)) AS last,
            list_sort(list_distinct(list(session_id)))[1:20] AS session_ids
     FROM clusters
     GROUP BY "by", value
     ORDER BY sessions DESC, attempts DESC, "by", value`,
  );
}
