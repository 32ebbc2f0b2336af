import { availableParallelism } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { PACKAGE_ROOT } from '../db/duck.ts';
import { EXIT, RevauditError, type ExitCode } from '../errors.ts';
import type { Io } from '../io.ts';
import { loadRules } from '../rules/catalog.ts';
import { caseFolders, caseLabel, isPositive, readCaseFolder, runCase, unknownCaseFolders, type CaseResult, type RuleCase } from '../rules/cases.ts';
import type { RulesArgs } from './rules.ts';

/**
 * `revaudit rules test [id]`: runs every case of every rule (or of one rule), one line per
 * case, a diff under each failure. Exit 0 when all pass, 1 when any fails or a rule lacks a
 * positive or a negative case, 2 for a malformed case or rule file.
 */
export async function runRulesTest(args: RulesArgs, io: Io): Promise<ExitCode> {
  const at = (p: string) => (isAbsolute(p) ? p : join(io.cwd, p));
  const rules = loadRules(args.rules === undefined ? undefined : at(args.rules));
  const casesDir = args.cases === undefined ? join(PACKAGE_ROOT, 'fixtures', 'rules') : at(args.cases);
  const strays = unknownCaseFolders(casesDir, rules);
  if (strays.length) {
    throw new RevauditError('case.unknown_rule', 'this cases folder names no known rule (a typo, or a rule folder missing --rules?)', { file: strays[0]! });
  }
  let chosen = rules;
  if (args.id !== undefined) {
    chosen = rules.filter((r) => r.id === args.id);
    if (!chosen.length) throw new RevauditError('rules.unknown', `no rule '${args.id}'; see revaudit rules list`);
  } else if (args.cases !== undefined) {
    // A folder of someone's own cases tests the rules it has cases for.
    chosen = rules.filter((r) => caseFolders(r, casesDir).length > 0);
  }
  // Read every case first, so a malformed file stops the run before anything is printed.
  const byRule = chosen.map((rule) => ({ rule, cases: caseFolders(rule, casesDir).flatMap((dir) => readCaseFolder(rule.id, dir)) }));
  const results = await runAll(byRule.flatMap((r) => r.cases), (c) => runCase(c, rules));
  let failed = 0;
  for (const { rule, cases } of byRule) {
    for (const ruleCase of cases) {
      const { diffs } = results.get(ruleCase)!;
      if (diffs.length) failed += 1;
      io.stdout(`${diffs.length ? 'FAIL' : 'pass'}  ${caseLabel(ruleCase)}\n${diffs.map((d) => `        ${d}\n`).join('')}`);
    }
    const positive = cases.filter(isPositive).length;
    if (positive === 0 || positive === cases.length) {
      failed += 1;
      io.stdout(`FAIL  ${rule.id}: needs at least one positive and one negative case (has ${positive} positive, ${cases.length - positive} negative)\n`);
    }
  }
  io.stdout(`${results.size} case(s) of ${chosen.length} rule(s): ${failed === 0 ? 'all passed' : `${failed} failed`}\n`);
  return failed === 0 ? EXIT.ok : EXIT.failed;
}

/** Runs the cases a few at a time (each on its own database); results keyed by case. */
async function runAll(cases: RuleCase[], run: (c: RuleCase) => Promise<CaseResult>): Promise<Map<RuleCase, CaseResult>> {
  const results = new Map<RuleCase, CaseResult>();
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const c = cases[next++]!;
      results.set(c, await run(c));
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, availableParallelism(), cases.length) }, worker));
  return results;
}
