import type { Argv } from 'yargs';
import { EXIT, RevauditError, type ExitCode } from '../errors.ts';
import type { Io } from '../io.ts';
import { loadRules } from '../rules/catalog.ts';

export const rulesCommand = {
  command: 'rules <action> [id]',
  describe: 'list the rules, show one, or test them against their cases',
  builder: (y: Argv) =>
    y
      .positional('action', { choices: ['list', 'show', 'test'] as const, describe: 'list | show <id> | test [id]' })
      .positional('id', { type: 'string', describe: 'a rule id' })
      .option('rules', { type: 'string', describe: 'a folder of extra rules (*.sql)' })
      .option('cases', { type: 'string', describe: 'the folder of rule test cases (default fixtures/rules)' }),
};

export interface RulesArgs {
  action: 'list' | 'show' | 'test';
  id?: string | undefined;
  rules?: string | undefined;
  cases?: string | undefined;
}

/** `revaudit rules list|show`; `test` lives in rules-test.ts. */
export async function runRulesList(args: RulesArgs, io: Io): Promise<ExitCode> {
  const rules = loadRules(args.rules);
  if (args.action === 'list') {
    const width = Math.max(...rules.map((r) => r.id.length));
    for (const r of rules) {
      const sev = r.escalatesTo ? `${r.severity}->${r.escalatesTo}` : r.severity;
      io.stdout(`${r.id.padEnd(width)}  ${sev.padEnd(15)}  ${r.status.padEnd(8)}  ${r.title}\n`);
    }
    return EXIT.ok;
  }
  const rule = rules.find((r) => r.id === args.id);
  if (!rule) throw new RevauditError('rules.unknown', `no rule '${args.id ?? ''}'; see revaudit rules list`);
  io.stdout(
    [
      `${rule.id}: ${rule.title}`,
      `severity: ${rule.severity}${rule.escalatesTo ? ` (escalates to ${rule.escalatesTo})` : ''}; status: ${rule.status}`,
      '',
      rule.summary,
      '',
      'controls:',
      ...rule.controls.map((c) => `  ${c.framework} ${c.id}`),
      ...(rule.falsePositives.length ? ['', 'known false positives:', ...rule.falsePositives.map((f) => `  - ${f}`)] : []),
      ...(rule.references.length ? ['', 'references:', ...rule.references.map((f) => `  ${f}`)] : []),
      '',
      `file: ${rule.file}`,
      '',
    ].join('\n'),
  );
  return EXIT.ok;
}
