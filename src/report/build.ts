import { createHash } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { SEVERITIES, type Policy, type Severity } from '../config/policy.ts';
import { rows, sqlFile } from '../db/duck.ts';
import type { Rule } from '../rules/catalog.ts';
import { timeToRevoke, type CoverageRow } from '../rules/coverage.ts';
import type { Finding } from '../rules/run.ts';
import { SCHEMA_VERSION, type ManifestRow, type Report } from './schema.ts';
import { TOOL_VERSION } from '../version.ts';
import { reuseClusters } from '../rules/reuse.ts';
import { reuseAttemptsByDay, timeToRevokeBins } from './charts-data.ts';
import { sourceWindows } from './sources.ts';
import { controlMatrix, loadFrameworks } from './control-matrix.ts';

export interface BuildInput {
  con: DuckDBConnection;
  policy: Policy;
  rules: readonly Rule[];
  findings: Finding[];
  coverage: CoverageRow[];
  ignored: string[];
  failOn: Severity | null;
  generatedAt: string;
  /** The inputs as given (files or folders). */
  arguments: string[];
  /** Every waiver of the run with its state and matches (src/gate/apply-waivers.ts). */
  waivers?: Report['waivers'] | undefined;
  /** The comparison with a baseline report, when one was given. */
  baseline?: Report['baseline'] | undefined;
  /** The files besides the inputs the run read. */
  files: Report['run']['files'];
}

const EXAMPLES = 20;

/** Phase 4, report: the JSON report from the database and the rules' results. */
export async function buildReport(input: BuildInput): Promise<Report> {
  const { con, policy, rules, findings, coverage } = input;
  const inputs = await manifest(con);
  const configHash = sha256(JSON.stringify(policy));
  const rulesHash = sha256(rules.map((r) => `${r.id}\n${r.sql}`).join('\n'));
  const inputsEnd = (await rows<{ ts: string | null }>(con, 'SELECT ra_iso(ts) AS ts FROM inputs_end'))[0]?.ts ?? null;
  // DESIGN.md: a hash of tool version, rules, config (the policy, period included) and input hashes.
  const runId = sha256([TOOL_VERSION, rulesHash, configHash, ...inputs.map((i) => i.sha256).sort()].join('\n')).slice(0, 16);

  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const byRule: Record<string, number> = Object.fromEntries(rules.map((r) => [r.id, 0]));
  for (const f of findings) {
    bySeverity[f.severity] += 1;
    byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
  }
  const ruleEntries: Report['rules'] = rules.map((r) => ({
    id: r.id,
    title: r.title,
    severity: policy.severity[r.id] ?? r.severity,
    escalates_to: r.escalatesTo,
    status: r.status,
    enabled: !policy.disabled_rules.includes(r.id),
    summary: r.summary,
    controls: r.controls,
    references: r.references,
    false_positives: r.falsePositives,
    findings: byRule[r.id] ?? 0,
  }));
  const verdictReasons: string[] = [];
  if (input.failOn) {
    const failing = findings.filter((f) => !f.waiver && SEVERITIES.indexOf(f.severity) >= SEVERITIES.indexOf(input.failOn!));
    if (failing.length) verdictReasons.push(`${failing.length} finding(s) at or above ${input.failOn}`);
  }
  return {
    schema_version: SCHEMA_VERSION,
    tool: { name: 'revaudit', version: TOOL_VERSION },
    run: {
      id: runId,
      period: policy.period,
      arguments: input.arguments,
      inputs_end: inputsEnd,
      config_hash: configHash,
      rules_hash: rulesHash,
      generated_at: input.generatedAt,
      files: input.files,
    },
    verdict: {
      fail_on: input.failOn,
      passed: input.failOn ? verdictReasons.length === 0 : null,
      reasons: verdictReasons,
    },
    inputs,
    sources: await sourceWindows(con, policy.period),
    ignored: input.ignored,
    summary: {
      findings: { total: findings.length, by_severity: bySeverity, by_rule: byRule },
      coverage: coverageSummary(coverage),
      population: (await rows<Report['summary']['population']>(con, sqlFile('src/report/population.sql')))[0]!,
      time_to_revoke: await timeToRevoke(con),
      time_to_revoke_bins: await timeToRevokeBins(con),
      reuse_attempts_by_day: await reuseAttemptsByDay(con),
      expiry: await expirySummary(con),
    },
    coverage,
    reuse_clusters: await reuseClusters(con),
    policy: policy as unknown as Record<string, unknown>,
    findings,
    rules: ruleEntries,
    control_matrix: controlMatrix(loadFrameworks(), ruleEntries, findings),
    waivers: input.waivers ?? [],
    ...(input.baseline ? { baseline: input.baseline } : {}),
    quarantine: await reasonCounts(con, 'quarantine'),
    skipped: await reasonCounts(con, 'skipped'),
  };
}

type Tally = Report['summary']['coverage']['overall'];

/** Coverage = covered / (covered + late + uncovered), per kind and overall; null when none. */
export function coverageSummary(coverage: readonly CoverageRow[]): Report['summary']['coverage'] {
  const tally = (kind: string, list: readonly CoverageRow[]): Tally => {
    const count = (s: CoverageRow['status']) => list.filter((r) => r.status === s).length;
    const [covered, late, uncovered] = [count('covered'), count('late'), count('uncovered')];
    const decided = covered + late + uncovered;
    return {
      kind,
      ratio: decided ? covered / decided : null,
      events: list.length,
      covered,
      late,
      uncovered,
      no_sessions: count('no_sessions'),
      pending: count('pending'),
      waived: count('waived'),
    };
  };
  const kinds = [...new Set(coverage.map((r) => r.kind))].sort();
  return { overall: tally('*', coverage), by_kind: kinds.map((k) => tally(k, coverage.filter((r) => r.kind === k))) };
}

async function manifest(con: DuckDBConnection): Promise<ManifestRow[]> {
  const list = await rows<ManifestRow>(
    con,
    `SELECT path, sha256, bytes::BIGINT AS bytes, adapter, records::INTEGER AS records, loaded::INTEGER AS loaded,
            skipped::INTEGER AS skipped, quarantined::INTEGER AS quarantined, duplicates::INTEGER AS duplicates,
            ra_iso(first_ts) AS first_ts, ra_iso(last_ts) AS last_ts
     FROM manifest ORDER BY rowid`,
  );
  return list.map((m) => ({ ...m, bytes: Number(m.bytes) }));
}

async function expirySummary(con: DuckDBConnection): Promise<Report['summary']['expiry']> {
  return rows(
    con,
    `SELECT s.source, count(*)::INTEGER AS sessions, count(s.expires_at)::INTEGER AS with_expiry,
            any_value(p.session_lifetime_seconds)::DOUBLE AS assumed_lifetime_seconds
     FROM sessions s LEFT JOIN policy p ON p.scope = 'source' AND p.name = s.source
     GROUP BY s.source ORDER BY s.source`,
  );
}

async function reasonCounts(con: DuckDBConnection, table: 'quarantine' | 'skipped'): Promise<Report['quarantine']> {
  const byReason = await rows<{ reason: string; count: number }>(
    con,
    `SELECT reason, count(*)::INTEGER AS count FROM ${table} GROUP BY reason ORDER BY count DESC, reason`,
  );
  const detail = table === 'quarantine' ? 'detail, raw' : 'NULL AS detail, NULL AS raw';
  const examples = await rows<Report['quarantine']['examples'][number]>(
    con,
    `SELECT source_file, source_line::INTEGER AS source_line, reason, ${detail}
     FROM ${table} ORDER BY rowid LIMIT ${EXAMPLES}`,
  );
  return { total: byReason.reduce((n, r) => n + r.count, 0), by_reason: byReason, examples };
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
