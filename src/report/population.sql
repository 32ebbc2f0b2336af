-- Who and what the period covers: the sessions live at some time in it (created before its
-- end, not ended or expired before its start), their holders by type, and the lifecycle
-- events, revocations and accesses whose time falls in it. No period: everything loaded.
WITH g AS (
  SELECT coalesce(period_from, '-infinity'::TIMESTAMPTZ) AS p_from, coalesce(period_to, 'infinity'::TIMESTAMPTZ) AS p_to
  FROM global_policy
), live AS (
  SELECT st.session_id, st.subject_id, st.subject_type
  FROM session_times st, g
  WHERE st.created_at < g.p_to
    AND coalesce(least(st.ended_deliberately_at, st.expiry_at), 'infinity'::TIMESTAMPTZ) >= g.p_from
)
SELECT (SELECT count(*) FROM live)::INTEGER AS sessions,
       (SELECT count(DISTINCT subject_id) FROM live)::INTEGER AS subjects,
       (SELECT count(DISTINCT subject_id) FILTER (WHERE subject_type = 'user') FROM live)::INTEGER AS users,
       (SELECT count(DISTINCT subject_id) FILTER (WHERE subject_type = 'agent') FROM live)::INTEGER AS agents,
       (SELECT count(DISTINCT subject_id) FILTER (WHERE subject_type = 'service') FROM live)::INTEGER AS services,
       (SELECT count(*) FROM lifecycle_events l, g WHERE l.ts >= g.p_from AND l.ts < g.p_to)::INTEGER AS lifecycle_events,
       (SELECT count(*) FROM revocations r, g WHERE r.ts >= g.p_from AND r.ts < g.p_to)::INTEGER AS revocations,
       (SELECT count(*) FROM access_events a, g WHERE a.ts >= g.p_from AND a.ts < g.p_to)::INTEGER AS access_events
