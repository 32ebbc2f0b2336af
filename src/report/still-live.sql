-- Of the sessions named in $ids (a JSON array), those a lifecycle event required to end that
-- are still live when the inputs end: not revoked or logged out by then (D), not expired (E).
SELECT DISTINCT r.session_id
FROM required_sessions r, inputs_end e
WHERE r.session_id IN (SELECT unnest(from_json($ids, '["VARCHAR"]')))
  AND e.ts IS NOT NULL
  AND (r.ended_deliberately_at IS NULL OR r.ended_deliberately_at > e.ts)
  AND (r.expiry_at IS NULL OR r.expiry_at > e.ts)
