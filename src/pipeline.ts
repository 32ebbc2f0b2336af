import { relative, resolve } from 'node:path';
import { effectivePolicy, loadConfig, type Policy, type Severity } from './config/policy.ts';
import { parsePeriod, type Period } from './config/period.ts';
import { openDb, PACKAGE_ROOT, rows, type Db } from './db/duck.ts';
import { RevauditError } from './errors.ts';
import { adapterByName, ADAPTERS } from './ingest/adapters/index.ts';
import { applyIdentities } from './ingest/identities.ts';
import { createSchema, ingest } from './ingest/ingest.ts';
import { generatedAt, type Io } from './io.ts';
import { buildReport, coverageSummary } from './report/build.ts';
import { buildTrend, currentFigures, firstRecordIn, previousFromReport, previousPeriod, setPeriod, stillLive, type PeriodFigures } from './report/trend.ts';
import { rulesFolderHash, sha256File } from './verify/hash.ts';
import { FORMATS, type FormatName } from './report/formats/index.ts';
import type { Report } from './report/schema.ts';
import { writeAtomic } from './report/write.ts';
import { signReport } from './verify/sign.ts';
import { loadRules, type Rule } from './rules/catalog.ts';
import { coverageRows, timeToRevoke } from './rules/coverage.ts';
import { materializeModel, prepareModel } from './rules/model.ts';
import { runRules } from './rules/run.ts';
import { loadBaseline } from './gate/baseline.ts';
import { review } from './gate/review.ts';
import { loadWaivers, type Waiver } from './gate/waivers.ts';

export interface AuditOptions {
  inputs: string[];
  out?: string | undefined;
  formats?: FormatName[] | undefined;
  config?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  db?: string | undefined;
  rules?: string | undefined;
  failOn?: Severity | undefined;
  source?: string | undefined;
  memoryLimit?: string | undefined;
  threads?: number | undefined;
  tempDir?: string | undefined;
  quiet?: boolean | undefined;
  /** A waivers file (YAML or JSON); see src/gate/waivers.ts. */
  waivers?: string | undefined;
  /** An earlier report.json to classify findings against (new, open, resolved, ...). */
  baseline?: string | undefined;
  /** Whether the baseline is last period's report (`audit --previous`): it then also gives the trend. */
  previousIsBaseline?: boolean | undefined;
  /**
   * What run.arguments records, when it is not `inputs` itself: `verify` rebuilds a --db run
   * by reading the files the database held first, then the arguments of the run.
   */
  recordArguments?: string[] | undefined;
}

/** The demo organisation audited when no inputs are given, as a path relative to cwd. */
export function demoInputs(io: Io): string[] {
  return [relative(io.cwd, `${PACKAGE_ROOT}fixtures/demo`) || '.'];
}

/**
 * The whole audit, phase by phase:
 *   1. ingest  — files -> canonical tables, quarantine, manifest (src/ingest)
 *   2. model   — policy table and shared views (src/model, src/rules/model.ts)
 *   3. rules   — findings and coverage (rules/*.sql, src/rules), then waivers and baseline (src/gate/review.ts)
 *   4. report  — the JSON contract (src/report/build.ts)
 *   5. outputs — json, html, md, csv, junit, sarif, written atomically (src/report/formats)
 * Returns the report and the database (still open, for the caller to use or close).
 */
export async function audit(options: AuditOptions, io: Io): Promise<{ report: Report; db: Db }> {
  const config = loadConfig(options.config);
  const policy = effectivePolicy(config, parsePeriod(options.from, options.to));
  const rules = loadRules(options.rules);
  const waivers = options.waivers ? loadWaivers(options.waivers, rules.map((r) => r.id)) : [];
  const baseline = options.baseline ? loadBaseline(options.baseline) : undefined;
  const previousReport = options.previousIsBaseline ? baseline : undefined;
  const forced = options.source ? adapterByName(options.source) : undefined;
  if (options.source && !forced) {
    throw new RevauditError('usage.source', `unknown --source '${options.source}'; one of ${ADAPTERS.map((a) => a.name).join(', ')}`);
  }
  const db = await openDb({ path: options.db, memoryLimit: options.memoryLimit, threads: options.threads, tempDir: options.tempDir });
  try {
    const progress = !options.quiet && io.isTTY ? (m: string) => io.stderr(`revaudit: ${m}\n`) : undefined;
    let ignored: string[] = [];
    let inputs = options.inputs;
    if (inputs.length === 0 && !(options.db && (await hasData(db)))) inputs = demoInputs(io);
    if (inputs.length > 0) ignored = (await ingest(db.con, inputs, { adapter: forced, progress })).ignored;
    else await createSchema(db.con);
    await applyIdentities(db.con, policy.identities);
    await prepareModel(db.con, policy);
    // Waivers expire by the date of generated_at (SOURCE_DATE_EPOCH when set), so a rerun is reproducible.
    const today = generatedAt(io).slice(0, 10);
    // Without --previous, the period before this one is computed from the same data when it holds any.
    const before = previousReport ? undefined : previousPeriod(policy.period);
    const firstBefore = before ? await firstRecordIn(db.con, before) : null;
    const previous = previousReport
      ? previousFromReport(previousReport)
      : before && firstBefore
        ? await periodFromDatabase(db.con, before, firstBefore, rules, policy, waivers, today)
        : undefined;
    await materializeModel(db.con);
    const findings = await runRules(db.con, rules, policy);
    const coverage = await coverageRows(db.con);
    const reviewed = review(findings, coverage, { waivers, baseline, today });
    const report = await buildReport({
      con: db.con,
      policy,
      rules,
      findings: reviewed.findings,
      coverage: reviewed.coverage,
      waivers: reviewed.waivers,
      baseline: reviewed.baseline,
      ignored,
      failOn: options.failOn ?? null,
      generatedAt: generatedAt(io),
      arguments: options.recordArguments ?? inputs,
      files: runFiles(options),
    });
    // Findings no longer found whose session is still live: "not found again" is not "fixed".
    const now = new Set(report.findings.map((f) => f.id));
    const resolvedSessions = [...(previous?.findings.filter((f) => !now.has(f.id)) ?? []), ...(report.baseline?.resolved ?? [])]
      .map((f) => f.session_id)
      .filter((id): id is string => id !== null);
    const live = await stillLive(db.con, resolvedSessions);
    for (const r of report.baseline?.resolved ?? []) r.still_live = r.session_id !== null && live.has(r.session_id);
    if (previous) report.trend = buildTrend(previous, currentFigures(report), live);
    return { report, db };
  } catch (e) {
    db.close();
    throw e;
  }
}

/** Writes the chosen outputs of a report into a folder; returns the paths written. */
export async function writeOutputs(
  report: Report,
  out: string,
  formats: readonly FormatName[],
  cwd = process.cwd(),
  signKey?: string,
): Promise<string[]> {
  const dir = resolve(cwd, out);
  if (signKey && !formats.includes('json')) {
    throw new RevauditError('usage.sign', '--sign-key signs report.json: add json to --format');
  }
  const written: string[] = [];
  for (const name of formats) {
    const format = FORMATS[name];
    if (!format) throw new RevauditError('usage.format', `the ${name} output is not available in this version`);
    const content = await format.render(report);
    written.push(writeAtomic(dir, format.file, content));
    if (name === 'json' && signKey) written.push(writeAtomic(dir, `${format.file}.sig`, signReport(content, resolve(cwd, signKey))));
  }
  return written;
}

/**
 * The previous period's figures computed from the loaded data: the model pointed at that
 * period, rules and coverage run, the same waivers applied. The caller points it back.
 */
async function periodFromDatabase(
  con: Db['con'],
  period: Period,
  firstRecord: string,
  rules: readonly Rule[],
  policy: Policy,
  waivers: readonly Waiver[],
  today: string,
): Promise<PeriodFigures> {
  await setPeriod(con, period);
  await materializeModel(con);
  const reviewed = review(await runRules(con, rules, { ...policy, period }), await coverageRows(con), { waivers, baseline: undefined, today });
  const figures: PeriodFigures = {
    period,
    reportId: null,
    file: null,
    source: 'database',
    firstRecord,
    coverage: coverageSummary(reviewed.coverage),
    timeToRevoke: await timeToRevoke(con),
    findings: reviewed.findings,
  };
  await setPeriod(con, policy.period);
  return figures;
}

/** The files besides the inputs that the run read, with their hashes, for `revaudit verify`. */
function runFiles(options: AuditOptions): Report['run']['files'] {
  const file = (path: string | undefined) => (path ? { path, sha256: sha256File(path) } : null);
  return {
    config: file(options.config),
    rules: options.rules ? { path: options.rules, sha256: rulesFolderHash(options.rules) } : null,
    waivers: file(options.waivers),
    baseline: file(options.baseline),
  };
}

async function hasData(db: Db): Promise<boolean> {
  const [row] = await rows<{ n: number }>(
    db.con,
    `SELECT count(*)::INTEGER AS n FROM information_schema.tables WHERE table_name = 'manifest'`,
  );
  if (!row?.n) return false;
  const [m] = await rows<{ n: number }>(db.con, 'SELECT count(*)::INTEGER AS n FROM manifest');
  return (m?.n ?? 0) > 0;
}
