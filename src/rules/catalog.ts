import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { SEVERITIES } from '../config/policy.ts';
import { PACKAGE_ROOT } from '../db/duck.ts';
import { RevauditError } from '../errors.ts';

/** Keys that may appear more than once in a rule header; each becomes a list. */
const REPEATABLE = new Set(['control', 'reference', 'false-positive']);

/** A rule file's `-- key: value` header, as a person writes it. */
export const RuleHeaderSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a lowercase id with dashes'),
  title: z.string().min(1),
  severity: z.enum(SEVERITIES),
  'escalates-to': z.enum(SEVERITIES).optional(),
  status: z.enum(['stable', 'test', 'experimental', 'deprecated']),
  summary: z.string().min(1),
  control: z.array(z.string().regex(/^[a-z0-9-]+ \S.*$/, "expected '<framework> <requirement>', e.g. 'asvs5 7.4.2'")).min(1),
  reference: z.array(z.string()).default([]),
  'false-positive': z.array(z.string()).default([]),
});

export interface Rule {
  id: string;
  title: string;
  severity: z.infer<typeof RuleHeaderSchema>['severity'];
  escalatesTo: z.infer<typeof RuleHeaderSchema>['severity'] | null;
  status: z.infer<typeof RuleHeaderSchema>['status'];
  summary: string;
  controls: Array<{ framework: string; id: string }>;
  references: string[];
  falsePositives: string[];
  /** The SELECT, without its header and trailing semicolon. */
  sql: string;
  file: string;
}

export const BUILTIN_RULES_DIR = join(PACKAGE_ROOT, 'rules');

/** The built-in rules plus those of `--rules DIR`, sorted by id; a user's rule may not reuse an id. */
export function loadRules(extraDir?: string): Rule[] {
  const rules = readRuleDir(BUILTIN_RULES_DIR);
  if (extraDir) {
    for (const rule of readRuleDir(extraDir)) {
      if (rules.some((r) => r.id === rule.id)) {
        throw new RevauditError('rules.duplicate_id', `rule id '${rule.id}' is already a built-in rule`, { file: rule.file, line: 1 });
      }
      rules.push(rule);
    }
  }
  return rules.sort((a, b) => (a.id < b.id ? -1 : 1));
}

function readRuleDir(dir: string): Rule[] {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a folder');
    names = readdirSync(dir).filter((n) => n.endsWith('.sql')).sort();
  } catch {
    throw new RevauditError('rules.no_dir', 'no such rules folder', { file: dir });
  }
  return names.map((name) => parseRuleFile(join(dir, name), readFileSync(join(dir, name), 'utf8')));
}

/** Splits a rule file into its validated header and its SELECT. */
export function parseRuleFile(file: string, text: string): Rule {
  const lines = text.split('\n');
  const raw: Record<string, string | string[]> = {};
  const lineOf: Record<string, number> = {};
  let body = 0;
  for (; body < lines.length; body++) {
    const line = lines[body]!;
    if (!line.startsWith('--')) break;
    const m = /^--\s*([a-z-]+):\s*(.*?)\s*$/.exec(line);
    if (!m) continue; // a plain comment inside the header
    const [, key, value] = m as unknown as [string, string, string];
    lineOf[key] ??= body + 1;
    if (REPEATABLE.has(key)) ((raw[key] ??= []) as string[]).push(value);
    else if (key in raw) throw new RevauditError('rules.header', `header key '${key}' appears twice`, { file, line: body + 1 });
    else raw[key] = value;
  }
  const parsed = RuleHeaderSchema.safeParse(raw);
  if (!parsed.success) {
    // A misspelt key is reported as the unknown key it is, not as the required one it lacks.
    const issue = parsed.error.issues.find((i) => i.code === 'unrecognized_keys') ?? parsed.error.issues[0]!;
    const key = issue.code === 'unrecognized_keys' ? issue.keys[0]! : String(issue.path[0] ?? '');
    const message = issue.code === 'unrecognized_keys' ? `unknown header key '${key}'` : `header '${key}': ${issue.message}`;
    throw new RevauditError('rules.header', message, { file, line: lineOf[key] ?? 1 });
  }
  const header = parsed.data;
  const expectedId = basename(file, '.sql');
  if (header.id !== expectedId) {
    throw new RevauditError('rules.header', `header id '${header.id}' must equal the file name '${expectedId}'`, { file, line: lineOf['id'] ?? 1 });
  }
  const sql = lines.slice(body).join('\n').trim().replace(/;\s*$/, '');
  if (!/^(WITH|SELECT)\b/i.test(sql)) {
    throw new RevauditError('rules.sql', 'after the header a rule holds one SELECT (or WITH ... SELECT)', { file, line: body + 1 });
  }
  return {
    id: header.id,
    title: header.title,
    severity: header.severity,
    escalatesTo: header['escalates-to'] ?? null,
    status: header.status,
    summary: header.summary,
    controls: header.control.map((c) => {
      const [framework, ...rest] = c.split(' ');
      return { framework: framework!, id: rest.join(' ') };
    }),
    references: header.reference,
    falsePositives: header['false-positive'],
    sql,
    file,
  };
}
