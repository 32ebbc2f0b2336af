import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { ConfigSchema, effectivePolicy, SEVERITIES } from '../config/policy.ts';
import { readDocument } from '../config/read-document.ts';
import { openDb, rows } from '../db/duck.ts';
import { RevauditError } from '../errors.ts';
import { ingest } from '../ingest/ingest.ts';
import { BUILTIN_RULES_DIR, type Rule } from './catalog.ts';
import { coverageRows } from './coverage.ts';
import { prepareModel } from './model.ts';
import { runRules } from './run.ts';

/**
 * A rule test case (DESIGN.md "Rules as content"): `<case>.jsonl`, native records, next to
 * `<case>.expected.json`, what the rules must find in them. Findings are compared as a
 * multiset on (rule, severity, subject, session, lifecycle event); coverage, when given,
 * row by row on the fields each row lists.
 */
export const CaseSchema = z.strictObject({
  description: z.string().optional(),
  /** The rules this case runs and whose findings it checks (default: the folder's rule). */
  rules: z.array(z.string()).min(1).optional(),
  /** Policy for this case, as in a `--config` file. */
  config: ConfigSchema.optional(),
  findings: z.array(
    z.strictObject({
      rule: z.string().optional(),
      severity: z.enum(SEVERITIES),
      subject_id: z.string().nullable(),
      session_id: z.string().nullable(),
      lifecycle_event_id: z.string().nullable(),
    }),
  ),
  coverage: z
    .array(
      z.strictObject({
        event_id: z.string(),
        kind: z.string().optional(),
        subject_id: z.string().optional(),
        status: z.enum(['covered', 'late', 'uncovered', 'no_sessions', 'pending']),
        required_sessions: z.number().int().nonnegative(),
        revoked_in_time: z.number().int().nonnegative(),
        max_seconds_to_revoke: z.number().nullable().optional(),
      }),
    )
    .optional(),
});
export type CaseExpectation = z.infer<typeof CaseSchema>;

export interface RuleCase {
  /** The rule whose folder holds the case. */
  rule: string;
  name: string;
  data: string;
  expectedFile: string;
  expected: CaseExpectation;
}

export interface CaseResult {
  ruleCase: RuleCase;
  /** What differs, one line each; empty when the case passes. */
  diffs: string[];
}

const DATA = '.jsonl';
const EXPECTED = '.expected.json';

/** The cases in one rule's folder, in name order; an unpaired or invalid file is an error naming it. */
export function readCaseFolder(rule: string, dir: string): RuleCase[] {
  const names = readdirSync(dir).filter((n) => !n.startsWith('.')).sort();
  const cases: RuleCase[] = [];
  for (const name of names) {
    const file = join(dir, name);
    if (name.endsWith(EXPECTED)) {
      if (!names.includes(name.slice(0, -EXPECTED.length) + DATA)) {
        throw new RevauditError('case.unpaired', `no ${name.slice(0, -EXPECTED.length)}${DATA} next to this expected file`, { file });
      }
      continue;
    }
    if (!name.endsWith(DATA)) {
      if (statSync(file).isFile() && /\.(json|csv|parquet|ndjson)$/.test(name)) {
        throw new RevauditError('case.unknown_file', `a case is <name>${DATA} with <name>${EXPECTED}; this file is neither`, { file });
      }
      continue; // README.md and notes are allowed
    }
    const caseName = name.slice(0, -DATA.length);
    const expectedFile = join(dir, caseName + EXPECTED);
    if (!existsSync(expectedFile)) {
      throw new RevauditError('case.unpaired', `no ${caseName}${EXPECTED} next to this case`, { file });
    }
    const expected = readDocument(expectedFile, CaseSchema, 'case');
    const checked = expected.rules ?? [rule];
    if (!checked.includes(rule)) {
      throw new RevauditError('case.invalid', `a case in the folder of '${rule}' must run that rule (rules: ${checked.join(', ')})`, { file: expectedFile });
    }
    for (const [i, f] of expected.findings.entries()) {
      if (f.rule !== undefined && !checked.includes(f.rule)) {
        throw new RevauditError('case.invalid', `finding ${i + 1} names rule '${f.rule}', which this case does not run (${checked.join(', ')})`, { file: expectedFile });
      }
    }
    cases.push({ rule, name: caseName, data: file, expectedFile, expected });
  }
  return cases;
}

/**
 * The folders that hold a rule's cases: `<cases>/<id>/`, and for a user's rule (`--rules
 * DIR`) also `<DIR>/<id>/`, next to the rule file.
 */
export function caseFolders(rule: Rule, casesDir: string): string[] {
  const places = [join(casesDir, rule.id)];
  const ruleDir = dirname(rule.file);
  if (resolve(ruleDir) !== resolve(BUILTIN_RULES_DIR)) places.push(join(ruleDir, rule.id));
  const unique = places.filter((p, i) => places.findIndex((q) => resolve(q) === resolve(p)) === i);
  return unique.filter((p) => existsSync(p) && statSync(p).isDirectory());
}

/** Rule folders in the cases folder that name no known rule (a typo, or a missing --rules). */
export function unknownCaseFolders(casesDir: string, rules: readonly Rule[]): string[] {
  if (!existsSync(casesDir)) return [];
  return readdirSync(casesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('.') && !rules.some((r) => r.id === d.name))
    .map((d) => join(casesDir, d.name));
}

/** A case is positive when it expects at least one finding of its folder's rule. */
export const isPositive = (c: RuleCase): boolean => c.expected.findings.some((f) => (f.rule ?? c.rule) === c.rule);

/**
 * Runs one case in-process on a fresh in-memory DuckDB: ingest its records (a quarantined
 * record is an error in the case, not a result), write its policy, run its rules, and
 * compare findings and coverage with what it expects.
 */
export async function runCase(ruleCase: RuleCase, allRules: readonly Rule[]): Promise<CaseResult> {
  const { expected } = ruleCase;
  const ids = expected.rules ?? [ruleCase.rule];
  const rules = ids.map((id) => {
    const rule = allRules.find((r) => r.id === id);
    if (!rule) throw new RevauditError('case.invalid', `the case runs rule '${id}', which does not exist`, { file: ruleCase.expectedFile });
    return rule;
  });
  const db = await openDb();
  try {
    await ingest(db.con, [ruleCase.data]);
    const [bad] = await rows<{ source_line: number; detail: string }>(
      db.con,
      'SELECT source_line::INTEGER AS source_line, detail FROM quarantine ORDER BY source_line LIMIT 1',
    );
    if (bad) {
      throw new RevauditError('case.quarantined', `the case holds a record the native format rejects: ${bad.detail}`, { file: ruleCase.data, line: bad.source_line });
    }
    const policy = effectivePolicy(expected.config ?? {});
    await prepareModel(db.con, policy);
    const found = await runRules(db.con, rules, policy);
    const diffs = compareFindings(
      expected.findings.map((f) => findingKey(f.rule ?? ruleCase.rule, f)),
      found.map((f) => findingKey(f.rule, f)),
    );
    if (expected.coverage) diffs.push(...compareCoverage(expected.coverage, await coverageRows(db.con)));
    return { ruleCase, diffs };
  } finally {
    db.close();
  }
}

interface Keyed {
  severity: string;
  subject_id: string | null;
  session_id: string | null;
  lifecycle_event_id: string | null;
}

function findingKey(rule: string, f: Keyed): string {
  return JSON.stringify({ rule, severity: f.severity, subject_id: f.subject_id, session_id: f.session_id, lifecycle_event_id: f.lifecycle_event_id });
}

/** Multiset difference both ways, as `missing finding` / `unexpected finding` lines. */
function compareFindings(expected: string[], actual: string[]): string[] {
  const left = [...actual];
  const missing: string[] = [];
  for (const e of expected) {
    const i = left.indexOf(e);
    if (i >= 0) left.splice(i, 1);
    else missing.push(e);
  }
  return [...missing.map((m) => `missing finding    ${m}`), ...left.sort().map((u) => `unexpected finding ${u}`)];
}

type ExpectedCoverage = NonNullable<CaseExpectation['coverage']>[number];

/** Coverage rows matched by event_id; each expected row compares only the fields it lists. */
function compareCoverage(expected: ExpectedCoverage[], actual: Awaited<ReturnType<typeof coverageRows>>): string[] {
  const diffs: string[] = [];
  for (const e of expected) {
    const a = actual.find((r) => r.event_id === e.event_id);
    if (!a) {
      diffs.push(`missing coverage row for ${e.event_id}`);
      continue;
    }
    for (const [field, want] of Object.entries(e)) {
      const got = (a as unknown as Record<string, unknown>)[field];
      if (got !== want) diffs.push(`coverage ${e.event_id}: ${field} expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
    }
  }
  for (const a of actual) {
    if (!expected.some((e) => e.event_id === a.event_id)) {
      diffs.push(`unexpected coverage row ${a.event_id} (${a.kind}, ${a.status}, ${a.revoked_in_time}/${a.required_sessions})`);
    }
  }
  return diffs;
}

/** `<rule>/<case>`, how a case is named in output. */
export const caseLabel = (c: RuleCase): string => `${c.rule}/${c.name}`;

