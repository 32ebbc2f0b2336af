-- Loaded records per source (adapter), canonical table and UTC day: the raw material of
-- the report's `sources` (the window of data seen, and the days a regular source was silent).
-- Small: one row per stream and day. The connection's time zone is UTC.
WITH ev AS (
  SELECT source, 'sessions' AS tbl, created_at AS ts FROM sessions
  UNION ALL SELECT source, 'session_ends', ts FROM session_ends
  UNION ALL SELECT source, 'access_events', ts FROM access_events
  UNION ALL SELECT source, 'lifecycle_events', ts FROM lifecycle_events
  UNION ALL SELECT source, 'revocations', ts FROM revocations
)
SELECT source, tbl AS "table", strftime(ts::DATE, '%Y-%m-%d') AS day, count(*)::INTEGER AS records,
       ra_iso(min(ts)) AS first, ra_iso(max(ts)) AS last
FROM ev
GROUP BY ALL
ORDER BY source, "table", day
