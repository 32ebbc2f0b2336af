import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Argv } from 'yargs';
import { EXIT, RevauditError, type ExitCode } from '../errors.ts';
import type { Io } from '../io.ts';
import type { Report } from '../report/schema.ts';
import { differences, shown } from '../verify/diff.ts';
import { rulesFolderHash } from '../verify/hash.ts';
import { signatureFile, signatureMatches } from '../verify/sign.ts';

export const verifyCommand = {
  command: 'verify <report> [inputs..]',
  describe: 'check a report: its signature, its input files, and that the same inputs reproduce it',
  builder: (y: Argv) =>
    y
      .positional('report', { type: 'string', demandOption: true, describe: 'a report.json written by revaudit' })
      .positional('inputs', { type: 'string', array: true, describe: "files or folders; default: the report's own run.arguments" })
      .option('public-key', { type: 'string', describe: 'PEM public key: check report.json.sig against it' })
      .option('config', { type: 'string', describe: 'the policy file to use; default: the one the report records' })
      .option('rules', { type: 'string', describe: 'the extra rules folder; default: the one the report records' })
      .option('waivers', { type: 'string', describe: 'the waivers file; default: the one the report records' })
      .option('baseline', { type: 'string', describe: 'the baseline or previous report; default: the one the report records' })
      .option('source', { type: 'string', describe: 'the adapter the report was forced to use' }),
};

export interface VerifyArgs {
  report: string;
  inputs?: string[] | undefined;
  'public-key'?: string | undefined;
  config?: string | undefined;
  rules?: string | undefined;
  waivers?: string | undefined;
  baseline?: string | undefined;
  source?: string | undefined;
}

/**
 * `revaudit verify`: 1. the signature, when a public key is given; 2. every input file, and
 * the config, rules, waivers and baseline files the report records, still has its sha256;
 * 3. the audit rerun on them, with the report's period and generated_at, renders the same
 * report.json byte for byte. The gate's verdict is carried over, not re-decided (its
 * thresholds are not all in the report); the signature covers it.
 */
export async function runVerify(args: VerifyArgs, io: Io): Promise<ExitCode> {
  const path = resolve(io.cwd, args.report);
  const bytes = readReport(path, args.report);
  const { ReportSchema } = await import('../report/schema.ts');
  const parsed = ReportSchema.safeParse(JSON.parse(bytes));
  if (!parsed.success) {
    throw new RevauditError('verify.not_a_report', `not a revaudit report: ${parsed.error.issues[0]?.message ?? ''}`, { file: args.report });
  }
  const report = parsed.data;
  const fail = (why: string[]): ExitCode => {
    io.stdout(`revaudit verify: NOT REPRODUCED (report ${report.run.id})\n${why.map((w) => `  - ${w}\n`).join('')}`);
    return EXIT.failed;
  };

  if (args['public-key']) {
    const sig = signatureFile(path);
    if (!existsSync(sig)) return fail([`no signature ${signatureFile(args.report)} beside the report`]);
    if (!signatureMatches(bytes, readFileSync(sig, 'utf8'), resolve(io.cwd, args['public-key']))) {
      return fail([`the signature in ${signatureFile(args.report)} does not match the report under that public key`]);
    }
  }

  const changed = report.inputs.filter((i) => !existsSync(resolve(io.cwd, i.path)) || sha256(resolve(io.cwd, i.path)) !== i.sha256);
  if (changed.length) return fail(changed.map((i) => `input ${i.path} is missing or no longer has sha256 ${i.sha256.slice(0, 16)}…`));

  // The other files the run read: named again on the command line, or those the report records.
  const files = report.run.files;
  const given = { config: args.config, rules: args.rules, waivers: args.waivers, baseline: args.baseline };
  const used: Record<keyof typeof given, string | undefined> = { config: undefined, rules: undefined, waivers: undefined, baseline: undefined };
  const stale: string[] = [];
  for (const key of Object.keys(given) as (keyof typeof given)[]) {
    used[key] = given[key] ?? files[key]?.path;
    const recorded = files[key];
    if (given[key] || !recorded) continue;
    const path = resolve(io.cwd, recorded.path);
    const now = !existsSync(path) ? null : key === 'rules' ? rulesFolderHash(path) : sha256(path);
    if (now !== recorded.sha256) stale.push(`the ${key} ${recorded.path} is missing or no longer has sha256 ${recorded.sha256.slice(0, 16)}…`);
  }
  if (stale.length) return fail(stale);

  // A run on a --db also read the files the database held from earlier runs: read those
  // first, as that run found them, then its own arguments.
  const earlier = args.inputs?.length ? [] : report.inputs.map((i) => i.path).filter((p) => !report.run.arguments.some((a) => within(p, a)));
  const inputs = args.inputs?.length ? args.inputs : [...earlier, ...report.run.arguments];
  if (inputs.length === 0) {
    throw new RevauditError('verify.no_inputs', 'the report was made from a --db without naming inputs: name the input files or folders', { file: args.report });
  }
  const { audit } = await import('../pipeline.ts');
  const { FORMATS } = await import('../report/formats/index.ts');
  const { report: again, db } = await audit(
    {
      inputs,
      config: used.config,
      rules: used.rules,
      waivers: used.waivers,
      baseline: used.baseline,
      // A trend taken from a report means the baseline was audit's --previous.
      previousIsBaseline: report.trend?.previous.source === 'report',
      source: args.source,
      from: report.run.period.from?.slice(0, 10),
      to: lastDay(report.run.period.to),
      failOn: report.verdict.fail_on ?? undefined,
      quiet: true,
      recordArguments: args.inputs?.length ? undefined : report.run.arguments,
    },
    { ...io, env: { ...io.env, SOURCE_DATE_EPOCH: String(Date.parse(report.run.generated_at) / 1000) } },
  );
  db.close();

  // The gate's verdict is carried over (its thresholds are not all in the report); everything
  // else must come out the same, byte for byte.
  const rendered = await FORMATS.json!.render({ ...again, verdict: report.verdict });
  if (rendered !== bytes) {
    const reasons: string[] = [];
    if (again.run.config_hash !== report.run.config_hash) reasons.push("the policy differs from the report's (give the same --config)");
    if (again.run.rules_hash !== report.run.rules_hash) reasons.push("the rules differ from the report's (same revaudit version and --rules?)");
    const found = differences(JSON.parse(bytes), JSON.parse(rendered));
    if (found.length === 0) reasons.push(`the rerun has the same content but not the same bytes (first difference at byte ${firstByteDifference(rendered, bytes)})`);
    for (const d of found) reasons.push(`the rerun differs at ${d.path}: the report has ${shown(d.expected)}, the rerun ${shown(d.actual)}`);
    return fail(reasons);
  }
  // The renderings beside the report (the HTML an assessor reads) must be this report's, so
  // the signature of report.json vouches for them too.
  const edited: string[] = [];
  const checked: string[] = [];
  for (const [name, format] of Object.entries(FORMATS)) {
    const beside = join(dirname(path), format.file);
    if (name === 'json' || !existsSync(beside)) continue;
    checked.push(format.file);
    if ((await format.render({ ...again, verdict: report.verdict })) !== readFileSync(beside, 'utf8')) {
      edited.push(`${format.file} beside the report is not its rendering (edited, or written by another run)`);
    }
  }
  if (edited.length) return fail(edited);
  io.stdout(
    `revaudit verify: reproduced report ${report.run.id} byte for byte: ${report.inputs.length} input file(s) unchanged, ` +
      `${report.findings.length} finding(s), ${report.coverage.length} coverage row(s)` +
      `${args['public-key'] ? ', signature valid' : ''}${checked.length ? `; ${checked.join(', ')} beside it render${checked.length === 1 ? 's' : ''} it` : ''}\n`,
  );
  return EXIT.ok;
}

/** Whether a file path is the argument itself or lies under it (a folder). */
function within(path: string, argument: string): boolean {
  const folder = argument.replace(/\/+$/, '');
  return path === argument || path.startsWith(`${folder}/`);
}

/** The offset of the first differing character. */
function firstByteDifference(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

function readReport(path: string, shown: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new RevauditError('verify.unreadable', `cannot read the report (${(e as NodeJS.ErrnoException).code})`, { file: shown });
  }
}

/** The inclusive last day of an exclusive period end (`--to` takes the last day). */
function lastDay(to: string | null): string | undefined {
  if (!to) return undefined;
  return new Date(Date.parse(to) - 86_400_000).toISOString().slice(0, 10);
}

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

