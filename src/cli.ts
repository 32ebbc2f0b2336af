import yargs from 'yargs';
import { EXIT, RevauditError, type ExitCode } from './errors.ts';
import { processIo, type Io } from './io.ts';
import { auditCommand, runAudit, type AuditArgs } from './commands/audit.ts';
import { checkCommand, runCheck, type CheckArgs } from './commands/check.ts';
import { formatsCommand, runFormats } from './commands/formats.ts';
import { investigateCommand, runInvestigate, type InvestigateArgs } from './commands/investigate.ts';
import { queryCommand, runQuery } from './commands/query.ts';
import { rulesCommand, runRulesList, type RulesArgs } from './commands/rules.ts';
import { runRulesTest } from './commands/rules-test.ts';
import { runVerify, verifyCommand, type VerifyArgs } from './commands/verify.ts';
import { TOOL_VERSION } from './version.ts';

/**
 * The command line. Every command returns its exit code; every expected failure is a
 * RevauditError mapped here to its message and code (usage errors exit 2).
 */
export async function main(argv: readonly string[], io: Io = processIo()): Promise<ExitCode> {
  let code: ExitCode = EXIT.ok;
  const run = (job: () => Promise<ExitCode>) => async () => {
    code = await job();
  };
  let pending: Promise<void> | undefined;
  const parser = yargs()
    .scriptName('revaudit')
    .version(TOOL_VERSION)
    .strict()
    .exitProcess(false)
    .wrap(Math.min(100, process.stdout.columns || 100))
    .command(auditCommand.command, auditCommand.describe, auditCommand.builder, (a) => {
      pending = run(() => runAudit(a as unknown as AuditArgs, io))();
    })
    .command(checkCommand.command, checkCommand.describe, checkCommand.builder, (a) => {
      pending = run(() => runCheck(a as unknown as CheckArgs, io))();
    })
    .command(rulesCommand.command, rulesCommand.describe, rulesCommand.builder, (a) => {
      const args = a as unknown as RulesArgs;
      pending = run(() => (args.action === 'test' ? runRulesTest(args, io) : runRulesList(args, io)))();
    })
    .command(formatsCommand.command, formatsCommand.describe, {}, () => {
      pending = run(() => runFormats(io))();
    })
    .command(investigateCommand.command, investigateCommand.describe, investigateCommand.builder, (a) => {
      pending = run(() => runInvestigate(a as unknown as InvestigateArgs, io))();
    })
    .command(queryCommand.command, queryCommand.describe, queryCommand.builder, (a) => {
      pending = run(() => runQuery(a as unknown as { sql: string; db: string; json: boolean }, io))();
    })
    .command(verifyCommand.command, verifyCommand.describe, verifyCommand.builder, (a) => {
      pending = run(() => runVerify(a as unknown as VerifyArgs, io))();
    })
    .demandCommand(1, 'name a command: audit, check, investigate, verify, rules, formats or query')
    .help()
    .fail((message, error) => {
      throw error ?? new RevauditError('usage', message ?? 'invalid usage');
    });
  try {
    let helpShown = false;
    parser.showHelpOnFail(false);
    await parser.parseAsync([...argv], {}, (err, _argv, output) => {
      if (output) {
        helpShown = true;
        (err ? io.stderr : io.stdout)(`${output}\n`);
      }
      if (err) throw err;
    });
    if (pending) await pending;
    else if (!helpShown) return EXIT.ok;
    return code;
  } catch (e) {
    if (e instanceof RevauditError) {
      io.stderr(`revaudit: ${e.render()}\n`);
      return e.exitCode;
    }
    if (e instanceof Error && e.name === 'YError') {
      io.stderr(`revaudit: ${e.message}\nRun 'revaudit --help' for usage.\n`);
      return EXIT.usage;
    }
    io.stderr(`revaudit: internal error: ${(e as Error).stack ?? String(e)}\n`);
    return EXIT.usage;
  }
}
