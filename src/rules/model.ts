import type { DuckDBConnection } from '@duckdb/node-api';
import type { Policy } from '../config/policy.ts';
import { exec, sqlFile } from '../db/duck.ts';

/**
 * Phase 2, model: writes the effective policy into the `policy` table (values bound, never
 * spliced) and (re)creates the shared views the rules read.
 */
export async function prepareModel(con: DuckDBConnection, policy: Policy): Promise<void> {
  await exec(con, sqlFile('src/model/policy.sql'));
  const insert = `INSERT INTO policy VALUES ($scope, $name, $sla, $skew, $requires, $keep, $reason, $lifetime, $from::TIMESTAMPTZ, $to::TIMESTAMPTZ)`;
  const none = { sla: null, skew: null, requires: null, keep: null, reason: null, lifetime: null, from: null, to: null };
  await exec(con, insert, {
    ...none,
    scope: 'global',
    name: '*',
    sla: policy.sla_seconds,
    skew: policy.skew_seconds,
    keep: policy.keep_initiating_session,
    reason: policy.require_revocation_reason,
    from: policy.period.from,
    to: policy.period.to,
  });
  for (const [kind, rule] of Object.entries(policy.kinds)) {
    await exec(con, insert, {
      ...none,
      scope: 'kind',
      name: kind,
      sla: rule.sla_seconds,
      skew: rule.skew_seconds,
      requires: rule.requires_revocation,
    });
  }
  for (const [source, seconds] of Object.entries(policy.session_lifetime)) {
    await exec(con, insert, { ...none, scope: 'source', name: source, lifetime: seconds });
  }
  await exec(con, sqlFile('src/model/views.sql'));
}

/**
 * Evaluates the heavy shared views once into temporary tables of the same names (they
 * shadow the views for this connection), for a run whose data no longer changes.
 */
export async function materializeModel(con: DuckDBConnection): Promise<void> {
  await exec(con, sqlFile('src/model/materialize.sql'));
}
