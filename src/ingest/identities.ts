import type { DuckDBConnection } from '@duckdb/node-api';
import { exec, sqlFile } from '../db/duck.ts';

/**
 * Makes one subject of a person known by different ids in different sources: rewrites the
 * subject, owner and actor ids that are aliases in the config's `identities` (alias -> subject
 * id). Runs after ingest, before the model; rewriting again changes nothing.
 */
export async function applyIdentities(con: DuckDBConnection, identities: Readonly<Record<string, string>>): Promise<void> {
  if (Object.keys(identities).length === 0) return;
  await exec(con, 'CREATE OR REPLACE TEMP TABLE identity_aliases (alias VARCHAR PRIMARY KEY, subject_id VARCHAR NOT NULL)');
  // The whole map is one bound JSON value, unnested by DuckDB: no value is spliced into SQL.
  await exec(
    con,
    `INSERT INTO identity_aliases
     SELECT e.key, e.value FROM (SELECT unnest(map_entries(json_transform($map, '"MAP(VARCHAR, VARCHAR)"'))) AS e)
     WHERE e.key <> e.value`,
    { map: JSON.stringify(identities) },
  );
  await exec(con, sqlFile('src/ingest/identities.sql'));
}
