import type { Finding } from '../rules/run.ts';
import type { TimelineRow } from './schema.ts';

/**
 * The rules that count accesses after a session's end, and the outcome each counts. Their
 * evidence lists only the first few accesses, so every counted access (phase after_end on
 * the finding's session, with that outcome) is linked to the finding as well.
 */
const COUNTS_ATTEMPTS: Record<string, 'allowed' | 'denied'> = {
  'revoked-session-accepted': 'allowed',
  'revoked-session-reuse-attempt': 'denied',
};

const key = (table: string, file: string, line: number) => `${table}\u0000${file}\u0000${line}`;

/**
 * Links findings to timeline rows (a row lists a finding when it is one of its evidence
 * rows, an access after the end that the finding counts, or a use past the deadline of the
 * finding's lifecycle event) and keeps the findings the investigation shows:
 * those naming a session in view, or linked to a row. Rows are updated in place. This runs
 * over one investigation's rows, already in memory to be rendered, never over the database.
 */
export function linkFindings(findings: readonly Finding[], rows: TimelineRow[], sessions: ReadonlySet<string>): Finding[] {
  const byEvidence = new Map<string, Set<string>>();
  const countingBySession = new Map<string, Finding[]>();
  const bySessionEvent = new Map<string, string[]>();
  for (const f of findings) {
    if (f.session_id !== null && f.lifecycle_event_id !== null) {
      const k = `${f.session_id}\u0000${f.lifecycle_event_id}`;
      bySessionEvent.set(k, [...(bySessionEvent.get(k) ?? []), f.id]);
    }
    for (const e of f.evidence) {
      const k = key(e.table, e.source_file, e.source_line);
      byEvidence.set(k, (byEvidence.get(k) ?? new Set()).add(f.id));
    }
    if (COUNTS_ATTEMPTS[f.rule] && f.session_id !== null) {
      countingBySession.set(f.session_id, [...(countingBySession.get(f.session_id) ?? []), f]);
    }
  }
  const order = new Map(findings.map((f, i) => [f.id, i]));
  const linked = new Set<string>();
  for (const row of rows) {
    // A derived expiry points at its creation record, whose evidence belongs to the creation row.
    const derived = row.kind === 'expired' && row.derived;
    const ids = new Set(derived ? [] : (byEvidence.get(key(row.source.table, row.source.file, row.source.line)) ?? []));
    if (row.kind === 'access' && row.phase === 'after_end' && row.session_id !== null) {
      for (const f of countingBySession.get(row.session_id) ?? []) if (COUNTS_ATTEMPTS[f.rule] === row.outcome) ids.add(f.id);
    }
    // A use past the deadline of an event that required the session to end belongs to the
    // finding about that session and that event (the survived and agent rules).
    if (row.kind === 'access' && row.overdue && row.session_id !== null) {
      for (const f of bySessionEvent.get(`${row.session_id}\u0000${row.overdue.lifecycle_event_id}`) ?? []) ids.add(f);
    }
    row.findings = [...ids].sort((a, b) => order.get(a)! - order.get(b)!);
    for (const id of ids) linked.add(id);
  }
  return findings.filter((f) => linked.has(f.id) || (f.session_id !== null && sessions.has(f.session_id)));
}
