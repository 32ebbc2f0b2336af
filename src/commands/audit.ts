import type { Argv } from 'yargs';
import { SEVERITIES, type Severity } from '../config/policy.ts';
import { EXIT, type ExitCode } from '../errors.ts';
import type { Io } from '../io.ts';
import type { AuditOptions } from '../pipeline.ts';
import { FORMAT_NAMES, type FormatName } from '../report/formats/names.ts';
import type { Report } from '../report/schema.ts';
import { parseFormats } from './shared.ts';

/** The flags `audit` and `check` share. */
export function auditFlags<T>(y: Argv<T>) {
  return y
    .positional('inputs', { type: 'string', array: true, describe: 'files or folders (recursed, .gz too); none: the demo organisation' })
    .option('out', { type: 'string', default: 'revaudit-report', describe: 'folder the reports are written to' })
    .option('format', { type: 'string', array: true, describe: `outputs, a comma list or repeated: ${FORMAT_NAMES.join(', ')}` })
    .option('config', { type: 'string', describe: 'policy file (YAML or JSON)' })
    .option('from', { type: 'string', describe: 'first day (YYYY-MM-DD, UTC) or a quarter (2026-Q3)' })
    .option('to', { type: 'string', describe: 'last day, inclusive, or a quarter' })
    .option('db', { type: 'string', describe: 'persist and reuse the DuckDB database in this file' })
    .option('rules', { type: 'string', describe: 'a folder of extra rules (*.sql)' })
    .option('source', { type: 'string', describe: 'force one adapter for every input' })
    .option('memory-limit', { type: 'string', describe: "DuckDB memory limit (default 2GB); over it DuckDB spills to --temp-dir" })
    .option('threads', { type: 'number', describe: 'DuckDB threads' })
    .option('temp-dir', { type: 'string', describe: 'where DuckDB spills when over the memory limit' })
    .option('quiet', { type: 'boolean', default: false, describe: 'print nothing but errors' })
    .option('sign-key', { type: 'string', describe: 'PEM private key: sign report.json into report.json.sig (Ed25519, RSA or EC)' })
    .option('waivers', { type: 'string', describe: 'waivers file (YAML or JSON): findings it covers stay in the reports, marked waived' });
}

export interface AuditArgs {
  inputs?: string[] | undefined;
  out: string;
  format?: string[] | undefined;
  config?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  db?: string | undefined;
  rules?: string | undefined;
  source?: string | undefined;
  'memory-limit'?: string | undefined;
  threads?: number | undefined;
  'temp-dir'?: string | undefined;
  quiet: boolean;
  'fail-on'?: string | undefined;
  waivers?: string | undefined;
  'sign-key'?: string | undefined;
  previous?: string | undefined;
}

export function auditOptions(args: AuditArgs): AuditOptions {
  return {
    inputs: args.inputs ?? [],
    out: args.out,
    formats: parseFormats(args.format, ['json', 'html']),
    config: args.config,
    from: args.from,
    to: args.to,
    db: args.db,
    rules: args.rules,
    failOn: args['fail-on'] as Severity | undefined,
    source: args.source,
    memoryLimit: args['memory-limit'],
    threads: args.threads,
    tempDir: args['temp-dir'],
    quiet: args.quiet,
    waivers: args.waivers,
    baseline: args.previous,
    previousIsBaseline: Boolean(args.previous),
  };
}

export const auditCommand = {
  command: 'audit [inputs..]',
  describe: 'audit session revocation and write the reports (no inputs: the demo organisation)',
  builder: (y: Argv) =>
    auditFlags(y)
      .option('fail-on', { type: 'string', choices: SEVERITIES, describe: 'exit 1 when a finding is at or above this severity' })
      .option('previous', { type: 'string', describe: "last period's report.json: the trend, each finding new, still open or resolved since" }),
};

/** `revaudit audit`: runs the pipeline, writes the outputs, prints a short summary. */
export async function runAudit(args: AuditArgs, io: Io): Promise<ExitCode> {
  const options = auditOptions(args);
  // Loaded here, not at the top, so `--help` and other commands start fast.
  const { audit, writeOutputs } = await import('../pipeline.ts');
  const { report, db } = await audit(options, io);
  try {
    const written = await writeOutputs(report, options.out!, options.formats as FormatName[], io.cwd, args['sign-key']);
    if (!options.quiet) io.stdout(summaryLines(report, written));
  } finally {
    db.close();
  }
  return report.verdict.passed === false ? EXIT.failed : EXIT.ok;
}

/** One line of trend: coverage and findings against the previous period. */
function trendLines(report: Report): string[] {
  const t = report.trend;
  if (!t) return [];
  const all = t.coverage.find((c) => c.kind === '*');
  const pct = (r: number | null | undefined) => (r === null || r === undefined ? 'n/a' : `${(r * 100).toFixed(1)}%`);
  const { from, to } = t.previous.period;
  const name = from && to ? `${from.slice(0, 10)}..${new Date(Date.parse(to) - 1).toISOString().slice(0, 10)}` : (t.previous.file ?? 'previous');
  const f = t.findings;
  return [
    `trend vs ${name}: coverage ${pct(all?.previous?.ratio)} -> ${pct(all?.current?.ratio)}; findings ${f.previous.total} -> ${f.current.total} (${f.opened} new, ${f.resolved} no longer found${f.still_live ? `, ${f.still_live} of them with a session still live` : ''})`,
  ];
}

function summaryLines(report: Report, written: string[]): string {
  const inputs = report.inputs;
  const sum = (k: 'records' | 'loaded' | 'quarantined' | 'skipped') => inputs.reduce((n, i) => n + i[k], 0);
  const cov = report.summary.coverage.overall;
  const sev = report.summary.findings.by_severity;
  const lines = [
    `revaudit ${report.tool.version}: ${inputs.length} file(s), ${sum('records')} records: ${sum('loaded')} loaded, ${sum('skipped')} skipped, ${sum('quarantined')} quarantined`,
    `coverage: ${cov.ratio === null ? 'n/a' : `${(cov.ratio * 100).toFixed(1)}%`} of ${cov.covered + cov.late + cov.uncovered} decided lifecycle events (${cov.late} late, ${cov.uncovered} uncovered, ${cov.pending} pending, ${cov.no_sessions} with no sessions)`,
    `findings: ${report.summary.findings.total} (critical ${sev.critical}, high ${sev.high}, medium ${sev.medium}, low ${sev.low}, info ${sev.info})`,
    ...trendLines(report),
    ...report.sources.flatMap((s) =>
      s.gaps.length ? [`warning: no ${s.table.replaceAll('_', ' ')} from ${s.source} on ${s.gaps.map((g) => (g.days === 1 ? g.from : `${g.from}..${g.to}`)).join(', ')} (a source with records on such days otherwise)`] : [],
    ),
    ...(report.verdict.passed === false ? [`gate failed: ${report.verdict.reasons.join('; ')}`] : []),
    ...written.map((w) => `wrote ${w}`),
  ];
  return `${lines.join('\n')}\n`;
}
