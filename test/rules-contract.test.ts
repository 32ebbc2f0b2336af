import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { effectivePolicy } from '../src/config/policy.ts';
import { openDb, PACKAGE_ROOT, rows, type Db } from '../src/db/duck.ts';
import { RevauditError } from '../src/errors.ts';
import { createSchema } from '../src/ingest/ingest.ts';
import { caseFolders, isPositive, readCaseFolder } from '../src/rules/cases.ts';
import { BUILTIN_RULES_DIR, loadRules, parseRuleFile } from '../src/rules/catalog.ts';
import { prepareModel } from '../src/rules/model.ts';
import { checkRuleShape, RULE_COLUMNS } from '../src/rules/run.ts';
import { runCli, writeFiles } from './helpers.ts';

const RULE_FILES = readdirSync(BUILTIN_RULES_DIR).filter((n) => n.endsWith('.sql')).sort();
const CONTRACT_RULES = [
  'agent-outlived-owner', 'login-after-offboarding', 'revocation-audit-incomplete', 'revoked-session-accepted',
  'revoked-session-reuse-attempt', 'session-inventory-incomplete', 'session-survived-lifecycle-event',
];

/** A rule file from parts, so each test changes one thing. */
function ruleText(id: string, opts: { header?: string[]; sql?: string } = {}): string {
  const header = opts.header ?? [`-- id: ${id}`, '-- title: A user rule', '-- severity: low', '-- status: test', '-- summary: For the contract test.', '-- control: asvs5 7.5.2'];
  const sql =
    opts.sql ??
    "SELECT subject_id, session_id, NULL AS lifecycle_event_id, created_at AS observed_at, 'm' AS message, false AS escalated, [] AS evidence, {'k': 1} AS details FROM session_base";
  return `${header.join('\n')}\n${sql}\n`;
}

let db: Db;
beforeAll(async () => {
  // An EMPTY canonical schema: no input at all, only the tables, macros, policy and views.
  db = await openDb();
  await createSchema(db.con);
  await prepareModel(db.con, effectivePolicy({}));
});
afterAll(() => db?.close());

describe('the built-in rules', () => {
  it('are exactly the seven rules of the contract, one file each', () => {
    expect(RULE_FILES.map((n) => basename(n, '.sql'))).toEqual(CONTRACT_RULES);
  });

  it.each(RULE_FILES)('%s has a header that parses (zod), and its id is its file name', (name) => {
    const file = join(BUILTIN_RULES_DIR, name);
    const rule = parseRuleFile(file, readFileSync(file, 'utf8'));
    expect(rule.id).toBe(basename(name, '.sql'));
    expect(rule.controls.length).toBeGreaterThan(0);
    expect(rule.falsePositives.length).toBeGreaterThan(0);
  });

  it.each(RULE_FILES)('%s binds against an empty canonical schema and returns exactly the contract columns', async (name) => {
    const rule = loadRules().find((r) => `${r.id}.sql` === name)!;
    await expect(rows(db.con, `EXPLAIN ${rule.sql}`)).resolves.toBeDefined();
    const columns = (await rows<{ column_name: string }>(db.con, `SELECT column_name FROM (DESCRIBE ${rule.sql})`)).map((c) => c.column_name);
    expect(columns).toEqual([...RULE_COLUMNS]);
    await expect(checkRuleShape(db.con, rule)).resolves.toBeUndefined();
    expect(await rows(db.con, rule.sql)).toEqual([]);
  });

  it('have the severities and escalations of the findings table', () => {
    const sev = Object.fromEntries(loadRules().map((r) => [r.id, [r.severity, r.escalatesTo]]));
    expect(sev).toEqual({
      'agent-outlived-owner': ['critical', null],
      'login-after-offboarding': ['critical', null],
      'revocation-audit-incomplete': ['medium', null],
      'revoked-session-accepted': ['critical', null],
      'revoked-session-reuse-attempt': ['low', 'medium'],
      'session-inventory-incomplete': ['low', null],
      'session-survived-lifecycle-event': ['high', 'critical'],
    });
  });

  it.each(CONTRACT_RULES)('%s has at least one positive and one negative case in fixtures/rules', (id) => {
    const rule = loadRules().find((r) => r.id === id)!;
    const cases = caseFolders(rule, join(PACKAGE_ROOT, 'fixtures', 'rules')).flatMap((dir) => readCaseFolder(id, dir));
    expect(cases.filter(isPositive).length).toBeGreaterThan(0);
    expect(cases.filter((c) => !isPositive(c)).length).toBeGreaterThan(0);
  });

  it('the coverage view binds on the empty schema too', async () => {
    const columns = (await rows<{ column_name: string }>(db.con, 'SELECT column_name FROM (DESCRIBE SELECT * FROM coverage)')).map((c) => c.column_name);
    expect(columns).toEqual(expect.arrayContaining(['event_id', 'kind', 'subject_id', 'ts', 'status', 'required_sessions', 'revoked_in_time', 'max_seconds_to_revoke']));
  });
});

describe("a user's rules folder (--rules DIR)", () => {
  it('loads a well-formed rule next to the built-in ones', async () => {
    const dir = writeFiles({ 'my-rule.sql': ruleText('my-rule') });
    const rule = loadRules(dir).find((r) => r.id === 'my-rule')!;
    await expect(checkRuleShape(db.con, rule)).resolves.toBeUndefined();
  });

  it('refuses a header with an unknown key, naming the file and line', async () => {
    const dir = writeFiles({
      'my-rule.sql': ruleText('my-rule', {
        header: ['-- id: my-rule', '-- title: t', '-- severity: low', '-- owner: me', '-- status: test', '-- summary: s', '-- control: asvs5 7.5.2'],
      }),
    });
    expect(() => loadRules(dir)).toThrow(RevauditError);
    const { code, stderr } = await runCli(['rules', 'list', '--rules', dir]);
    expect(stderr).toContain(`${join(dir, 'my-rule.sql')}:4: unknown header key 'owner'`);
    expect(code).toBe(2);
  });

  it('refuses a header with a severity that is not one of the five, naming the file and line', () => {
    const dir = writeFiles({
      'my-rule.sql': ruleText('my-rule', { header: ['-- id: my-rule', '-- title: t', '-- severity: severe', '-- status: test', '-- summary: s', '-- control: asvs5 7.5.2'] }),
    });
    const error = (() => {
      try {
        loadRules(dir);
      } catch (e) {
        return e as RevauditError;
      }
    })();
    expect(error?.render()).toMatch(new RegExp(`^${join(dir, 'my-rule.sql')}:3: header 'severity': `));
  });

  it('refuses a header whose id is not the file name', () => {
    const dir = writeFiles({ 'my-rule.sql': ruleText('other-rule') });
    expect(() => loadRules(dir)).toThrow(/header id 'other-rule' must equal the file name 'my-rule'/);
  });

  it('refuses a rule whose SQL does not bind, naming the file', async () => {
    const dir = writeFiles({ 'my-rule.sql': ruleText('my-rule', { sql: 'SELECT subject_id FROM no_such_table' }) });
    const rule = loadRules(dir).find((r) => r.id === 'my-rule')!;
    const error = await checkRuleShape(db.con, rule).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RevauditError);
    expect((error as RevauditError).render()).toMatch(new RegExp(`^${join(dir, 'my-rule.sql')}: the rule's SQL does not bind: .*no_such_table`));
  });

  it('refuses a rule that returns other columns than the contract, naming the file', async () => {
    const dir = writeFiles({ 'my-rule.sql': ruleText('my-rule', { sql: 'SELECT subject_id, session_id FROM session_base' }) });
    const rule = loadRules(dir).find((r) => r.id === 'my-rule')!;
    await expect(checkRuleShape(db.con, rule)).rejects.toThrow(/returns \(subject_id, session_id\); expected \(subject_id, session_id, lifecycle_event_id/);
  });

  it('makes audit exit 2 naming the file of a rule with bad SQL', async () => {
    const dir = writeFiles({
      'my-rule.sql': ruleText('my-rule', { sql: 'SELECT * FROM sessions WHERE' }),
      'in/sessions.jsonl': '{"type": "session.created", "ts": "2026-07-01T09:00:00Z", "session_id": "s1", "subject_id": "u-ann"}\n',
    });
    const { code, stderr } = await runCli(['audit', join(dir, 'in'), '--rules', dir, '--out', join(dir, 'out'), '--format', 'json', '--quiet']);
    expect(stderr).toContain(join(dir, 'my-rule.sql'));
    expect(code).toBe(2);
  });
});
