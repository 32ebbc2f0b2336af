import type { Report } from '../schema.ts';

/** The header of findings.csv; columns are only ever added at the end (the header is a contract). */
export const CSV_COLUMNS = [
  'id', 'severity', 'rule', 'rule_title', 'subject_id', 'session_id', 'lifecycle_event_id', 'observed_at',
  'message', 'evidence', 'controls', 'waiver', 'details',
] as const;

/**
 * Neutralises spreadsheet formula injection (OWASP "CSV Injection"): a cell starting with
 * =, +, -, @, tab or carriage return gets a leading single quote, so Excel, LibreOffice and
 * Sheets show it as text instead of evaluating it. Values from logs are attacker-controlled.
 */
export function neutralise(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** One RFC 4180 field: always quoted (a separator inside cannot start a new cell), quotes doubled. */
function field(value: string | null | undefined): string {
  return `"${neutralise(value ?? '').replaceAll('"', '""')}"`;
}

/** findings.csv: the report's findings flattened, one row each, in the report's order. */
export function renderCsv(report: Report): string {
  const rules = new Map(report.rules.map((r) => [r.id, r]));
  const lines = [CSV_COLUMNS.map(field).join(',')];
  for (const f of report.findings) {
    const rule = rules.get(f.rule);
    const cells: Record<(typeof CSV_COLUMNS)[number], string | null | undefined> = {
      id: f.id,
      severity: f.severity,
      rule: f.rule,
      rule_title: rule?.title,
      subject_id: f.subject_id,
      session_id: f.session_id,
      lifecycle_event_id: f.lifecycle_event_id,
      observed_at: f.observed_at,
      message: f.message,
      evidence: f.evidence.map((e) => `${e.table} ${e.event_id} ${e.source_file}:${e.source_line}`).join('; '),
      controls: rule?.controls.map((c) => `${c.framework} ${c.id}`).join('; '),
      waiver: f.waiver,
      details: JSON.stringify(f.details),
    };
    lines.push(CSV_COLUMNS.map((c) => field(cells[c])).join(','));
  }
  // RFC 4180 ends records with CRLF.
  return `${lines.join('\r\n')}\r\n`;
}
