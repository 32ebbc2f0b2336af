import type { z } from 'zod';
import type { CoverageRow } from '../rules/coverage.ts';
import type { Finding } from '../rules/run.ts';
import type { WaiverEntrySchema } from '../report/schema.ts';
import type { Waiver } from './waivers.ts';

export type WaiverEntry = z.infer<typeof WaiverEntrySchema>;
export type WaivedCoverageRow = CoverageRow & { waiver?: string | null; waived_status?: 'late' | 'uncovered' };

/**
 * The rules whose findings are, one for one, the late or uncovered sessions behind a
 * coverage row (DESIGN.md "Findings": survived and agent-outlived-owner).
 */
export const COVERAGE_RULES: readonly string[] = ['session-survived-lifecycle-event', 'agent-outlived-owner'];

export interface Waived {
  findings: Finding[];
  coverage: WaivedCoverageRow[];
  entries: WaiverEntry[];
}

/** Does a waiver select a finding: same rule, and every selector it names equal. */
export function waiverMatches(w: Waiver, f: Finding): boolean {
  return (
    w.rule === f.rule &&
    (w.subject === undefined || w.subject === f.subject_id) &&
    (w.session === undefined || w.session === f.session_id) &&
    (w.lifecycle_event === undefined || w.lifecycle_event === f.lifecycle_event_id) &&
    (w.finding === undefined || w.finding === f.id)
  );
}

/**
 * Applies the waivers that have not expired on `today` (YYYY-MM-DD, the date of the run's
 * generated_at). A waived finding keeps its place and gets `waiver` (the first matching waiver
 * in file order). A late or uncovered coverage row becomes `waived` when every finding of
 * COVERAGE_RULES naming its event is waived; covered, pending and no_sessions rows are never
 * waived. Nothing is removed. Returns every waiver with its state and what it matched.
 */
export function applyWaivers(findings: readonly Finding[], coverage: readonly CoverageRow[], waivers: readonly Waiver[], today: string): Waived {
  const expired = (w: Waiver) => w.expires < today;
  const active = waivers.filter((w) => !expired(w));
  const marked = findings.map((f) => {
    const by = active.find((w) => waiverMatches(w, f));
    return by ? { ...f, waiver: by.id } : { ...f };
  });

  const explaining = (row: CoverageRow) => marked.filter((f) => COVERAGE_RULES.includes(f.rule) && f.lifecycle_event_id === row.event_id);
  const rows: WaivedCoverageRow[] = coverage.map((row) => {
    if (row.status !== 'late' && row.status !== 'uncovered') return { ...row };
    const behind = explaining(row);
    if (behind.length === 0 || behind.some((f) => !f.waiver)) return { ...row };
    const ids = [...new Set(behind.map((f) => f.waiver!))].sort();
    return { ...row, status: 'waived', waived_status: row.status, waiver: ids.join(', ') };
  });

  const entries = waivers.map((w): WaiverEntry => {
    const isExpired = expired(w);
    const hit = marked.filter((f) => waiverMatches(w, f));
    const touched = rows.filter((row) => {
      const wasFailing = row.status === 'late' || row.status === 'uncovered' || row.status === 'waived';
      const mine = hit.some((f) => COVERAGE_RULES.includes(f.rule) && f.lifecycle_event_id === row.event_id);
      return wasFailing && mine && (isExpired || row.status === 'waived');
    });
    return {
      id: w.id,
      rule: w.rule,
      subject: w.subject ?? null,
      session: w.session ?? null,
      lifecycle_event: w.lifecycle_event ?? null,
      finding: w.finding ?? null,
      owner: w.owner,
      reason: w.reason,
      ticket: w.ticket ?? null,
      expires: w.expires,
      state: isExpired ? 'expired' : hit.length === 0 ? 'stale' : 'active',
      matches: { findings: hit.map((f) => f.id), coverage: touched.map((r) => r.event_id) },
      source_file: w.source_file,
      source_line: w.source_line,
    };
  });
  return { findings: marked, coverage: rows, entries };
}
