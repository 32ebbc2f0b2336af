-- Once the data no longer changes in a run, the heavy shared views are evaluated once into
-- temporary tables of the same names, which shadow the views for the rest of the session:
-- every rule and the coverage then read small tables instead of planning the whole stack
-- of views again. The definitions stay those of views.sql; the database file keeps the
-- views, so a rule still runs as it is in the DuckDB CLI.
-- A second materialisation (another period) first drops the first: while a temporary table
-- shadows a view, `main.<name>` names the temporary table itself.
DROP TABLE IF EXISTS temp.main.session_base;
DROP TABLE IF EXISTS temp.main.session_times;
DROP TABLE IF EXISTS temp.main.inputs_end;
DROP TABLE IF EXISTS temp.main.revocation_required_events;
DROP TABLE IF EXISTS temp.main.required_sessions;
DROP TABLE IF EXISTS temp.main.required_session_status;
DROP TABLE IF EXISTS temp.main.coverage;
DROP TABLE IF EXISTS temp.main.surviving_sessions;
CREATE OR REPLACE TEMP TABLE session_base AS FROM main.session_base;
CREATE OR REPLACE TEMP TABLE session_times AS FROM main.session_times;
CREATE OR REPLACE TEMP TABLE inputs_end AS FROM main.inputs_end;
CREATE OR REPLACE TEMP TABLE revocation_required_events AS FROM main.revocation_required_events;
CREATE OR REPLACE TEMP TABLE required_sessions AS FROM main.required_sessions;
CREATE OR REPLACE TEMP TABLE required_session_status AS FROM main.required_session_status;
CREATE OR REPLACE TEMP TABLE coverage AS FROM main.coverage;
CREATE OR REPLACE TEMP TABLE surviving_sessions AS FROM main.surviving_sessions;
