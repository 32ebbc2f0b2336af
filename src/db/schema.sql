-- The canonical model (DESIGN.md "Canonical model"). Every time is TIMESTAMPTZ in UTC.
-- Every row keeps its provenance: source (adapter), source_file, source_line and
-- event_id (the source's id, else sha256 of the record's canonical JSON).
-- Duplicates are rows with equal (source, event_id); ingest never inserts them twice.

CREATE TABLE IF NOT EXISTS sessions (
  event_id      VARCHAR NOT NULL,
  source        VARCHAR NOT NULL,
  source_file   VARCHAR NOT NULL,
  source_line   BIGINT  NOT NULL,
  session_id    VARCHAR NOT NULL,
  subject_id    VARCHAR,
  subject_type  VARCHAR NOT NULL DEFAULT 'user',  -- user | agent | service
  owner_id      VARCHAR,                          -- for agents and services: who they act for
  created_at    TIMESTAMPTZ NOT NULL,
  expires_at    TIMESTAMPTZ,
  ended_at      TIMESTAMPTZ,                      -- derived after ingest: earliest revocation, logout or expiry
  end_reason    VARCHAR,                          -- derived: logout | revoked | expired
  ip            VARCHAR,
  user_agent    VARCHAR,
  device_id     VARCHAR,
  auth_method   VARCHAR,
  attributes    JSON
);

CREATE TABLE IF NOT EXISTS access_events (
  event_id      VARCHAR NOT NULL,
  source        VARCHAR NOT NULL,
  source_file   VARCHAR NOT NULL,
  source_line   BIGINT  NOT NULL,
  ts            TIMESTAMPTZ NOT NULL,
  session_id    VARCHAR NOT NULL,
  subject_id    VARCHAR,
  ip            VARCHAR,
  user_agent    VARCHAR,
  action        VARCHAR,
  outcome       VARCHAR NOT NULL DEFAULT 'allowed', -- allowed | denied
  reason        VARCHAR,
  attributes    JSON
);

-- `session.ended` records (logout or expiry). DESIGN.md folds them into sessions.ended_at;
-- they are kept as rows of their own because a session may have several, and the rule
-- semantics need the earliest logout at or after creation (docs/decisions/0001).
CREATE TABLE IF NOT EXISTS session_ends (
  event_id      VARCHAR NOT NULL,
  source        VARCHAR NOT NULL,
  source_file   VARCHAR NOT NULL,
  source_line   BIGINT  NOT NULL,
  ts            TIMESTAMPTZ NOT NULL,
  session_id    VARCHAR NOT NULL,
  subject_id    VARCHAR,
  reason        VARCHAR NOT NULL,                 -- logout | expired
  attributes    JSON
);

CREATE TABLE IF NOT EXISTS lifecycle_events (
  event_id      VARCHAR NOT NULL,
  source        VARCHAR NOT NULL,
  source_file   VARCHAR NOT NULL,
  source_line   BIGINT  NOT NULL,
  ts            TIMESTAMPTZ NOT NULL,
  subject_id    VARCHAR NOT NULL,
  kind          VARCHAR NOT NULL,
  actor_id      VARCHAR,
  initiating_session_id VARCHAR,
  device_id     VARCHAR,
  reason        VARCHAR,
  attributes    JSON
);

CREATE TABLE IF NOT EXISTS revocations (
  event_id      VARCHAR NOT NULL,
  source        VARCHAR NOT NULL,
  source_file   VARCHAR NOT NULL,
  source_line   BIGINT  NOT NULL,
  ts            TIMESTAMPTZ NOT NULL,
  session_id    VARCHAR,                          -- null: every session of subject_id (scope all)
  subject_id    VARCHAR,
  actor_id      VARCHAR,
  reason        VARCHAR,
  trigger_event_id VARCHAR,
  attributes    JSON
);

CREATE TABLE IF NOT EXISTS quarantine (
  source        VARCHAR NOT NULL,
  source_file   VARCHAR NOT NULL,
  source_line   BIGINT  NOT NULL,
  reason        VARCHAR NOT NULL,                 -- stable phrase, e.g. 'missing field session_id'
  detail        VARCHAR,                          -- what exactly was wrong, with the value
  raw           VARCHAR                           -- the record, cut to 4 KB
);

-- Well-formed provider records that no rule uses (DESIGN.md: counted, never silently dropped).
CREATE TABLE IF NOT EXISTS skipped (
  source        VARCHAR NOT NULL,
  source_file   VARCHAR NOT NULL,
  source_line   BIGINT  NOT NULL,
  reason        VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS manifest (
  path          VARCHAR NOT NULL,                 -- as given on the command line (or found under a given folder)
  sha256        VARCHAR NOT NULL,
  bytes         BIGINT  NOT NULL,
  adapter       VARCHAR NOT NULL,
  records       BIGINT  NOT NULL,                 -- = loaded + skipped + quarantined, always
  loaded        BIGINT  NOT NULL,                 -- includes duplicates
  skipped       BIGINT  NOT NULL,
  quarantined   BIGINT  NOT NULL,
  duplicates    BIGINT  NOT NULL,
  first_ts      TIMESTAMPTZ,
  last_ts       TIMESTAMPTZ,
  CHECK (records = loaded + skipped + quarantined)
);
