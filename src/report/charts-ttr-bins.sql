-- Time to revoke of the revoked required sessions, binned per lifecycle kind: the distribution
-- behind summary.time_to_revoke (same sessions, same period filter on T), plus one row per kind
-- with the required sessions that were never revoked (revoked = false, no edges).
-- Edges in seconds: fixed steps plus every kind's SLA, so no bin straddles an SLA. The first bin
-- starts at minus the largest skew: a required session is live at T, so R >= D >= T - skew.
WITH edge_list AS (
  SELECT e::DOUBLE AS edge
  FROM (VALUES (0), (60), (120), (300), (600), (900), (1800), (3600), (7200), (14400), (43200),
               (86400), (259200), (604800)) v(e)
  UNION
  SELECT sla_seconds FROM policy WHERE scope = 'kind' AND requires_revocation
  UNION
  SELECT -max(skew_seconds) FROM policy WHERE scope IN ('global', 'kind')
), edges AS (
  SELECT edge AS from_seconds, lead(edge) OVER (ORDER BY edge) AS to_seconds,
         edge = min(edge) OVER () AS first_bin
  FROM edge_list
), required AS (
  SELECT r.kind, r.revoked_at, r.seconds_to_revoke
  FROM required_session_status r, global_policy g
  WHERE (g.period_from IS NULL OR r.t >= g.period_from) AND (g.period_to IS NULL OR r.t < g.period_to)
)
SELECT r.kind, true AS revoked, e.from_seconds::DOUBLE AS from_seconds, e.to_seconds::DOUBLE AS to_seconds,
       count(*)::INTEGER AS sessions
FROM required r
JOIN edges e
  ON (r.seconds_to_revoke >= e.from_seconds OR e.first_bin)
 AND (e.to_seconds IS NULL OR r.seconds_to_revoke < e.to_seconds)
WHERE r.revoked_at IS NOT NULL
GROUP BY r.kind, e.from_seconds, e.to_seconds
UNION ALL
SELECT kind, false, NULL, NULL, count(*)::INTEGER
FROM required
WHERE revoked_at IS NULL
GROUP BY kind
ORDER BY kind, revoked DESC, from_seconds
