-- The earliest loaded record whose time falls in [$from, $to): whether the data holds a
-- period at all (the trend's previous period), and from when.
SELECT ra_iso(min(ts)) AS first
FROM (
  SELECT created_at AS ts FROM sessions
  UNION ALL SELECT ts FROM access_events
  UNION ALL SELECT ts FROM session_ends
  UNION ALL SELECT ts FROM lifecycle_events
  UNION ALL SELECT ts FROM revocations
)
WHERE ts >= $from::TIMESTAMPTZ AND ts < $to::TIMESTAMPTZ
