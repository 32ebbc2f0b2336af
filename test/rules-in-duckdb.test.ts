import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './helpers.ts';

describe('a rule file', () => {
  it('runs as it is against a database revaudit wrote, in a session set to another time zone', async () => {
    const dir = tempDir();
    const dbFile = join(dir, 'audit.duckdb');
    const { code } = await runCli(['audit', '--db', dbFile, '--out', dir, '--format', 'json']);
    expect(code).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    const expected = report.findings
      .filter((f: { rule: string }) => f.rule === 'revoked-session-reuse-attempt')
      .map((f: { session_id: string; observed_at: string }) => ({ session_id: f.session_id, observed_at: f.observed_at }));
    expect(expected.length).toBeGreaterThan(0);

    const instance = await DuckDBInstance.create(dbFile, { access_mode: 'READ_ONLY' });
    const con = await instance.connect();
    await con.run("SET TimeZone = 'America/Los_Angeles'");
    const sql = readFileSync(new URL('../rules/revoked-session-reuse-attempt.sql', import.meta.url), 'utf8');
    const got = (await con.runAndReadAll(`SELECT session_id, ra_iso(observed_at) AS observed_at FROM (${sql.replace(/;\s*$/, '')}) ORDER BY ALL`)).getRowObjectsJson();
    con.closeSync();
    instance.closeSync();
    expect(got).toEqual([...expected].sort((a, b) => (a.session_id < b.session_id ? -1 : 1)));
  });
});
