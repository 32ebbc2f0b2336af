-- The SQLite baseline's one flat table, the way SQLite-based log-detection tools (Zircolite)
-- load events: each JSON record flattened into columns of a single table. Times are stored
-- as epoch milliseconds (parsed in JS while loading), which spares SQLite date parsing.
CREATE TABLE events (
  type TEXT,
  event_id TEXT,
  ts INTEGER,
  session_id TEXT,
  subject_id TEXT,
  subject_type TEXT,
  owner_id TEXT,
  expires_at INTEGER,
  ip TEXT,
  user_agent TEXT,
  device_id TEXT,
  auth_method TEXT,
  action TEXT,
  outcome TEXT,
  reason TEXT,
  actor_id TEXT,
  initiating_session_id TEXT,
  trigger_event_id TEXT
);
