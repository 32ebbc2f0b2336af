import type { Argv } from 'yargs';
import { SEVERITIES } from '../config/policy.ts';
import { EXIT, RevauditError, type ExitCode } from '../errors.ts';
import { evaluate, verdictOf } from '../gate/evaluate.ts';
import { verdictText } from '../gate/summary.ts';
import { parseFailOn, parseMaxFindings, parseMinCoverage, type Thresholds } from '../gate/thresholds.ts';
import type { Io } from '../io.ts';
import { auditFlags, auditOptions, type AuditArgs } from './audit.ts';
import { parseFormats } from './shared.ts';

export interface CheckArgs extends Omit<AuditArgs, 'out'> {
  out?: string | undefined;
  'min-coverage'?: string[] | undefined;
  'max-findings'?: number | undefined;
  baseline?: string | undefined;
  'new-only': boolean;
}

export const checkCommand = {
  command: 'check [inputs..]',
  describe: 'the CI gate: audit, then exit 0 (passed), 1 (a threshold failed) or 2 (usage, config or input error)',
  builder: (y: Argv) =>
    auditFlags(y)
      .option('out', {
        type: 'string',
        default: undefined,
        describe: 'write reports into this folder (check writes no file unless --out or --format is given; --format alone writes to revaudit-report)',
      })
      .option('fail-on', {
        type: 'string',
        choices: [...SEVERITIES, 'none'],
        default: 'high',
        describe: "fail when an unwaived finding is at or above this severity ('none': do not gate on severity)",
      })
      .option('min-coverage', {
        type: 'string',
        array: true,
        describe: 'fail when coverage is below RATIO (0.99), or a kind\'s below KIND=RATIO (offboarded=1); repeatable; no decided event of a kind never fails',
      })
      .option('max-findings', { type: 'number', describe: 'fail when more than N unwaived findings remain' })
      .option('baseline', { type: 'string', describe: 'an earlier report.json: findings are classified new, open, newly waived, waiver expired or resolved' })
      .option('new-only', { type: 'boolean', default: false, describe: 'with --baseline: only new findings count against --fail-on and --max-findings' }),
};

/** `revaudit check`: runs the audit, checks the thresholds, prints the verdict, writes what was asked. */
export async function runCheck(args: CheckArgs, io: Io): Promise<ExitCode> {
  const thresholds: Thresholds = {
    fail_on: parseFailOn(args['fail-on'], 'high'),
    min_coverage: parseMinCoverage(args['min-coverage']),
    max_findings: parseMaxFindings(args['max-findings']),
    new_only: args['new-only'],
  };
  if (thresholds.new_only && !args.baseline) {
    throw new RevauditError('usage.new_only', '--new-only needs --baseline report.json (a finding is new against a baseline)');
  }
  // A gate in CI usually wants its exit code and nothing else on disk; files are opt-in.
  const writes = args.out !== undefined || (args.format?.length ?? 0) > 0;
  const formats = writes ? parseFormats(args.format, ['json', 'html']) : [];

  const out = args.out ?? 'revaudit-report';
  const options = { ...auditOptions({ ...args, out }), formats, failOn: thresholds.fail_on ?? undefined, baseline: args.baseline };
  // Loaded here, not at the top, so `--help` and other commands start fast.
  const { audit, writeOutputs } = await import('../pipeline.ts');
  const { report: audited, db } = await audit(options, io);
  try {
    const results = evaluate(audited, thresholds);
    const report = { ...audited, verdict: verdictOf(thresholds, results) };
    const written = formats.length ? await writeOutputs(report, out, formats, io.cwd, args['sign-key']) : [];
    if (!args.quiet) io.stdout(verdictText(report, results, written));
    return report.verdict.passed ? EXIT.ok : EXIT.failed;
  } finally {
    db.close();
  }
}
