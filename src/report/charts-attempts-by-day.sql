-- Accesses to sessions more than the skew after they were deliberately ended (revoked or
-- logged out: D + skew, as revoked-session-accepted and -reuse-attempt read them), per UTC day
-- and outcome, within the reporting period. The connection's time zone is UTC.
SELECT strftime(date_trunc('day', a.ts), '%Y-%m-%d') AS day, a.outcome, count(*)::INTEGER AS attempts
FROM session_times st
JOIN access_events a ON a.session_id = st.session_id
CROSS JOIN global_policy g
WHERE a.ts > st.ended_deliberately_at + ra_seconds(g.skew_seconds)
  AND (g.period_from IS NULL OR a.ts >= g.period_from) AND (g.period_to IS NULL OR a.ts < g.period_to)
GROUP BY ALL
ORDER BY day, a.outcome
