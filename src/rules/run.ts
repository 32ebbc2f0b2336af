import { createHash } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { severityRank, type Policy, type Severity } from '../config/policy.ts';
import { rows } from '../db/duck.ts';
import { RevauditError } from '../errors.ts';
import type { Rule } from './catalog.ts';

/** The columns every rule returns, in this order (DESIGN.md "Rules as content"). */
export const RULE_COLUMNS = [
  'subject_id', 'session_id', 'lifecycle_event_id', 'observed_at', 'message', 'escalated', 'evidence', 'details',
] as const;

export interface Evidence {
  table: string;
  event_id: string;
  source_file: string;
  source_line: number;
}

export interface Finding {
  id: string;
  rule: string;
  severity: Severity;
  subject_id: string | null;
  session_id: string | null;
  lifecycle_event_id: string | null;
  observed_at: string;
  message: string;
  evidence: Evidence[];
  details: Record<string, unknown>;
  /** The id of the waiver that covers this finding (set by the gate). */
  waiver?: string | null;
  /** Against a baseline report: new, open (still there), newly waived or waiver expired. */
  baseline?: 'new' | 'open' | 'newly_waived' | 'waiver_expired';
}

/** A finding's stable id: a hash of rule, subject, session and lifecycle event. */
export function findingId(rule: string, subject: string | null, session: string | null, event: string | null): string {
  const key = JSON.stringify([rule, subject, session, event]);
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

/** The severity of one finding: config override, else the header's, raised to escalates-to when escalated. */
export function severityOf(rule: Rule, policy: Policy, escalated: boolean): Severity {
  const base = policy.severity[rule.id] ?? rule.severity;
  if (!escalated || !rule.escalatesTo) return base;
  return severityRank(rule.escalatesTo) > severityRank(base) ? rule.escalatesTo : base;
}

/** Checks that a rule binds and returns exactly the contract's columns. */
export async function checkRuleShape(con: DuckDBConnection, rule: Rule): Promise<void> {
  let columns: string[];
  try {
    columns = (await rows<{ column_name: string }>(con, `SELECT column_name FROM (DESCRIBE ${rule.sql})`)).map((r) => r.column_name);
  } catch (e) {
    throw new RevauditError('rules.sql', `the rule's SQL does not bind: ${String((e as Error).message).split('\n')[0]}`, { file: rule.file });
  }
  const expected = RULE_COLUMNS.join(', ');
  if (columns.join(', ') !== expected) {
    throw new RevauditError('rules.columns', `the rule returns (${columns.join(', ')}); expected (${expected})`, { file: rule.file });
  }
}

/**
 * Phase 3, rules: runs each enabled rule, keeps the findings whose observed_at falls in the
 * period, and orders them: severity (worst first), observed_at, rule, id.
 */
export async function runRules(con: DuckDBConnection, rules: readonly Rule[], policy: Policy): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const rule of rules) {
    if (policy.disabled_rules.includes(rule.id)) continue;
    await checkRuleShape(con, rule);
    const found = await rows<{
      subject_id: string | null;
      session_id: string | null;
      lifecycle_event_id: string | null;
      observed_at: string;
      message: string;
      escalated: boolean | null;
      evidence: string | null;
      details: string | null;
    }>(
      con,
      `SELECT f.subject_id::VARCHAR AS subject_id, f.session_id::VARCHAR AS session_id,
              f.lifecycle_event_id::VARCHAR AS lifecycle_event_id, ra_iso(f.observed_at) AS observed_at,
              f.message::VARCHAR AS message, coalesce(f.escalated, false) AS escalated,
              to_json(f.evidence)::VARCHAR AS evidence, to_json(f.details)::VARCHAR AS details
       FROM (${rule.sql}) f, global_policy g
       WHERE (g.period_from IS NULL OR f.observed_at >= g.period_from)
         AND (g.period_to IS NULL OR f.observed_at < g.period_to)`,
    );
    for (const f of found) {
      findings.push({
        id: findingId(rule.id, f.subject_id, f.session_id, f.lifecycle_event_id),
        rule: rule.id,
        severity: severityOf(rule, policy, f.escalated === true),
        subject_id: f.subject_id,
        session_id: f.session_id,
        lifecycle_event_id: f.lifecycle_event_id,
        observed_at: f.observed_at,
        message: f.message,
        evidence: f.evidence ? (JSON.parse(f.evidence) as Evidence[]) : [],
        details: f.details ? (JSON.parse(f.details) as Record<string, unknown>) : {},
      });
    }
  }
  return findings.sort(compareFindings);
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    cmp(a.observed_at, b.observed_at) ||
    cmp(a.rule, b.rule) ||
    cmp(a.id, b.id)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
