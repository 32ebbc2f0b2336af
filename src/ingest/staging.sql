-- Temporary tables of one ingest run: the files, their raw records, and the rows the
-- adapters' mapping SQL makes of them before they are checked for duplicates and loaded.

CREATE OR REPLACE TEMP TABLE ingest_files (
  file_id   INTEGER PRIMARY KEY,
  path      VARCHAR NOT NULL,
  adapter   VARCHAR NOT NULL,
  sha256    VARCHAR NOT NULL,
  bytes     BIGINT  NOT NULL
);

-- One row per input record: a JSONL line, a JSON array element, a CSV or Parquet row
-- (as a JSON object). Blank lines are not records and never get here.
CREATE OR REPLACE TEMP TABLE raw_records (
  file_id     INTEGER NOT NULL,
  source_line BIGINT  NOT NULL,
  rec         VARCHAR
);

-- What an adapter's mapping SQL produces: one or more rows per record, each aimed at a
-- canonical table (target), or at 'skipped' / 'quarantine' with a reason.
CREATE OR REPLACE TEMP SEQUENCE staged_row;
CREATE OR REPLACE TEMP TABLE staged (
  row_id      BIGINT NOT NULL DEFAULT nextval('staged_row'), -- tells apart equal rows of one record
  file_id     INTEGER NOT NULL,
  source_line BIGINT  NOT NULL,
  target      VARCHAR NOT NULL, -- sessions | access_events | session_ends | lifecycle_events | revocations | skipped | quarantine
  event_id    VARCHAR,
  ts          TIMESTAMPTZ,
  session_id  VARCHAR,
  subject_id  VARCHAR,
  subject_type VARCHAR,
  owner_id    VARCHAR,
  expires_at  TIMESTAMPTZ,
  ip          VARCHAR,
  user_agent  VARCHAR,
  device_id   VARCHAR,
  auth_method VARCHAR,
  action      VARCHAR,
  outcome     VARCHAR,
  reason      VARCHAR,           -- end reason, revocation reason, access reason, or the skip/quarantine reason
  kind        VARCHAR,
  actor_id    VARCHAR,
  initiating_session_id VARCHAR,
  trigger_event_id VARCHAR,
  attributes  JSON,
  detail      VARCHAR,           -- quarantine: what exactly was wrong
  raw         VARCHAR            -- quarantine: the record
);
