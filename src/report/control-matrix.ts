import { join } from 'node:path';
import { z } from 'zod';
import { readDocument } from '../config/read-document.ts';
import { PACKAGE_ROOT } from '../db/duck.ts';

/** The topics of research/compliance.md (R01 password reset … R11 timeouts) a requirement is mapped under. */
export const TOPICS = ['R01', 'R02', 'R03', 'R04', 'R05', 'R06', 'R07', 'R08', 'R09', 'R10', 'R11'] as const;

export const BUILTIN_FRAMEWORKS_FILE = join(PACKAGE_ROOT, 'rules', 'frameworks.yaml');

// Unquoted, YAML reads `8.5` as a number: say so rather than "expected string".
const Id = z.string({ error: "expected a quoted id, e.g. '8.5'" }).trim().min(1, 'must not be empty');
const Text = z.string({ error: 'expected text' }).trim().min(1, 'must not be empty');

const RequirementSchema = z.strictObject({
  id: Id.describe('spelt as rule headers cite it: 7.4.2, AC-2(3), A.5.18, 164.312(b)'),
  title: Text.describe('a short title or paraphrase, not a quotation'),
  topics: z.array(z.enum(TOPICS)).min(1, 'at least one topic, R01 to R11'),
});

const FrameworkSchema = z
  .strictObject({
    key: z.string({ error: 'expected a framework key' }).regex(/^[a-z0-9-]+$/, "expected the key rule headers use, e.g. 'asvs5'"),
    name: Text.describe('with its version'),
    requirements: z.array(RequirementSchema),
  })
  .superRefine((f, ctx) => {
    const seen = new Set<string>();
    f.requirements.forEach((r, i) => {
      if (seen.has(r.id)) ctx.addIssue({ code: 'custom', path: ['requirements', i, 'id'], message: `requirement '${r.id}' appears twice` });
      seen.add(r.id);
    });
  });

/** rules/frameworks.yaml: `frameworks:` and a list, in the order the report shows them. */
export const FrameworksFileSchema = z
  .strictObject({ frameworks: z.array(FrameworkSchema, { error: "required: 'frameworks:' and a list" }) })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.frameworks.forEach((f, i) => {
      if (seen.has(f.key)) ctx.addIssue({ code: 'custom', path: ['frameworks', i, 'key'], message: `framework '${f.key}' appears twice` });
      seen.add(f.key);
    });
  });

export type Framework = z.infer<typeof FrameworkSchema>;

/** Reads and validates a frameworks catalogue; any problem is a RevauditError naming file and line. */
export function loadFrameworks(path: string = BUILTIN_FRAMEWORKS_FILE): Framework[] {
  return readDocument(path, FrameworksFileSchema, 'frameworks').frameworks;
}

const Count = z.number().int().nonnegative();

export const ControlResultSchema = z
  .enum(['pass', 'fail', 'waived', 'not_tested'])
  .describe('fail: an unwaived finding; waived: findings, all waived; pass: enabled and no finding; not_tested: no enabled rule');

export const ControlMatrixSchema = z.strictObject({
  frameworks: z.array(
    z.strictObject({
      key: z.string().describe('as in rule headers'),
      name: z.string().describe('the key itself when a rule cites a framework the catalogue lacks'),
      requirements: z.array(
        z.strictObject({
          id: z.string(),
          title: z.string().nullable().describe('null: cited by a rule but not in the catalogue'),
          topics: z.array(z.enum(TOPICS)).describe('research topics R01–R11 it is mapped under; empty when not catalogued'),
          rules: z.array(z.strictObject({ id: z.string(), result: ControlResultSchema })).describe('the rules citing it, by id'),
          findings: Count.describe('findings of the enabled citing rules in the period, waived included'),
          waived: Count.describe('of those, the waived ones'),
          result: ControlResultSchema,
        }),
      ),
      counts: z.strictObject({ pass: Count, fail: Count, waived: Count, not_tested: Count }).describe('requirements per result'),
    }),
  ),
});

export type ControlMatrix = z.infer<typeof ControlMatrixSchema>;
export type ControlResult = z.infer<typeof ControlResultSchema>;

/** What the matrix needs of a rule and of a finding; the catalogue's and the report's types both fit. */
export interface MatrixRule {
  id: string;
  enabled: boolean;
  controls: ReadonlyArray<{ framework: string; id: string }>;
}
export interface MatrixFinding {
  rule: string;
  waiver?: string | null | undefined;
}

/**
 * Each catalogued requirement with the rules citing it and its result in the period. Frameworks
 * and requirements cited by rules but missing from the catalogue are added (custom rules may cite
 * anything): frameworks after the catalogued ones by key, requirements with a null title.
 */
export function controlMatrix(frameworks: readonly Framework[], rules: readonly MatrixRule[], findings: readonly MatrixFinding[]): ControlMatrix {
  const tally = new Map<string, { findings: number; waived: number }>();
  for (const f of findings) {
    const t = tally.get(f.rule) ?? { findings: 0, waived: 0 };
    t.findings++;
    if (f.waiver) t.waived++;
    tally.set(f.rule, t);
  }
  const ruleResult = (r: MatrixRule): ControlResult => {
    const t = tally.get(r.id);
    if (!r.enabled) return 'not_tested';
    if (!t) return 'pass';
    return t.waived < t.findings ? 'fail' : 'waived';
  };

  // framework key -> requirement id -> ids of the rules citing it
  const citing = new Map<string, Map<string, Set<string>>>();
  for (const rule of rules) {
    for (const c of rule.controls) {
      const byId = citing.get(c.framework) ?? new Map<string, Set<string>>();
      citing.set(c.framework, byId);
      byId.set(c.id, (byId.get(c.id) ?? new Set()).add(rule.id));
    }
  }
  const byRuleId = new Map(rules.map((r) => [r.id, r]));

  const uncatalogued = [...citing.keys()].filter((k) => !frameworks.some((f) => f.key === k)).sort();
  const all = [...frameworks, ...uncatalogued.map((key): Framework => ({ key, name: key, requirements: [] }))];
  return {
    frameworks: all.map((framework) => {
      const cited = citing.get(framework.key) ?? new Map<string, Set<string>>();
      const extra = [...cited.keys()].filter((id) => !framework.requirements.some((r) => r.id === id));
      const entries = [
        ...framework.requirements.map((r) => ({ id: r.id, title: r.title as string | null, topics: r.topics })),
        ...extra.map((id) => ({ id, title: null, topics: [] })),
      ].sort((a, b) => compareRequirementIds(a.id, b.id));
      const requirements = entries.map((req) => {
        const cites = [...(cited.get(req.id) ?? [])].sort().map((id) => byRuleId.get(id)!);
        const enabled = cites.filter((r) => r.enabled);
        const results = cites.map(ruleResult);
        return {
          ...req,
          rules: cites.map((r, i) => ({ id: r.id, result: results[i]! })),
          findings: sum(enabled.map((r) => tally.get(r.id)?.findings ?? 0)),
          waived: sum(enabled.map((r) => tally.get(r.id)?.waived ?? 0)),
          result: worst(results),
        };
      });
      const counts = { pass: 0, fail: 0, waived: 0, not_tested: 0 };
      for (const r of requirements) counts[r.result]++;
      return { key: framework.key, name: framework.name, requirements, counts };
    }),
  };
}

/** A requirement fails if any citing rule fails, else is waived if any is, else passes if any rule ran. */
function worst(results: readonly ControlResult[]): ControlResult {
  for (const r of ['fail', 'waived', 'pass'] as const) if (results.includes(r)) return r;
  return 'not_tested';
}

function sum(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}

/**
 * Natural order of requirement ids, digit runs compared by value and independent of locale:
 * 7.4.2 before 16.2.1, AC-2 before AC-2(3) before AC-12, A.5.16 before A.8.5.
 */
export function compareRequirementIds(a: string, b: string): number {
  const x = a.match(/\d+|\D+/g) ?? [];
  const y = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i]!;
    const q = y[i]!;
    const diff = /^\d/.test(p) && /^\d/.test(q) ? Number(p) - Number(q) : cmp(p, q);
    if (diff !== 0) return diff;
  }
  return x.length - y.length || cmp(a, b);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
