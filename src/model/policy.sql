-- The effective policy of a run, written from config by revaudit (never spliced into SQL).
-- scope 'global' (name '*'): global skew, keep_initiating_session, require_revocation_reason,
--   and the reporting period; scope 'kind' (name = lifecycle kind): sla, skew and whether the
--   kind requires revocation; scope 'source' (name = adapter): assumed session lifetime.
CREATE OR REPLACE TABLE policy (
  scope                     VARCHAR NOT NULL,
  name                      VARCHAR NOT NULL,
  sla_seconds               DOUBLE,
  skew_seconds              DOUBLE,
  requires_revocation       BOOLEAN,
  keep_initiating_session   BOOLEAN,
  require_revocation_reason BOOLEAN,
  session_lifetime_seconds  DOUBLE,
  period_from               TIMESTAMPTZ,
  period_to                 TIMESTAMPTZ
);
