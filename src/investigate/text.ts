import { describeRows, findingNames, type Part, type Tone } from './describe.ts';
import { pivots, sessionLine, summaryLines, title } from './describe-summary.ts';
import { duration, when } from './format.ts';
import { flow, label, span, type Span, type Style } from './layout.ts';
import { hasControls } from './sanitize.ts';
import type { Investigation } from './schema.ts';

const STYLE: Record<Tone, Style> = {
  plain: 'plain',
  muted: 'dim',
  strong: 'bold',
  alert: 'boldred',
  warn: 'yellow',
  good: 'green',
  accent: 'magenta',
  info: 'cyan',
};

const TIME = 20; // "2026-08-20 09:39:00Z"
const LABEL = 10;
const INDENT = TIME + 2 + LABEL + 1;
const KEY = 10;

/** The parts as spans; a log value that held escape sequences or controls says so after it. */
const spans = (parts: readonly Part[]): Span[] =>
  parts.flatMap((p) => [
    span(p.text, STYLE[p.tone ?? 'plain']),
    ...(p.log && hasControls(p.text) ? [span('[controls removed]', 'yellow')] : []),
  ]);

/**
 * The terminal view: a summary, the timeline (time, label, what happened, where it was
 * logged, which findings it proves), the coverage and the findings, in at most 100 columns.
 * Every value from a log goes through `span`, which strips escape sequences and controls.
 */
export function renderText(inv: Investigation, colour: boolean): string {
  const out: string[] = [];
  const line = (parts: Span[], indent = 0, firstUsed = 0) => out.push(flow(parts, { indent, firstUsed, colour }));
  const heading = (text: string) => out.push(`\n${label(text, 'bold', 0, colour)}\n`);

  line(spans(title(inv)));
  for (const s of summaryLines(inv)) {
    out.push(label(s.key, 'dim', KEY, colour) + ' ');
    line(spans(s.parts), KEY + 1, KEY + 1);
  }
  const period = inv.period.from || inv.period.to ? ` · period ${when(inv.period.from)} to ${when(inv.period.to)}` : '';
  line([span(`inputs end ${when(inv.inputs_end)} · SLA ${duration(inv.policy.sla_seconds)} · skew ${duration(inv.policy.skew_seconds)}${period}`, 'dim')]);

  if (inv.query.by !== 'session' && inv.sessions.length > 0) {
    heading(`Sessions (${inv.sessions.length})`);
    for (const s of inv.sessions) line(spans(sessionLine(s)), 2);
  }

  heading(`Timeline (UTC, ${inv.timeline.length} rows)`);
  for (const row of describeRows(inv)) {
    out.push(`${colour ? `\u001b[2m${row.ts}\u001b[0m` : row.ts}${' '.repeat(Math.max(2, TIME + 2 - row.ts.length))}`);
    out.push(`${label(row.label, STYLE[row.tone], LABEL, colour)} `);
    // Where it was logged and which findings it proves close the last line (or wrap under it).
    const refs = [span(`· ${row.source}`, 'dim'), ...(row.findings.length > 0 ? [span(`· ${row.findings.join(' ')}`, 'boldred')] : [])];
    row.lines.forEach((parts, i) => {
      if (i > 0) out.push(' '.repeat(INDENT));
      line([...spans(parts), ...(i === row.lines.length - 1 ? refs : [])], INDENT, INDENT);
    });
  }
  if (inv.timeline.length === 0) out.push('  (no rows in the period)\n');

  if (inv.query.by !== 'session' && inv.coverage.length > 0) {
    heading(`Coverage of the lifecycle events (${inv.coverage.length})`);
    for (const c of inv.coverage) {
      const bad = c.status === 'late' || c.status === 'uncovered';
      line(
        [
          span(when(c.ts), 'dim'),
          span(c.event_id, 'bold'),
          span(c.kind),
          span(c.subject_id),
          span(c.status, bad ? 'boldred' : c.status === 'covered' ? 'green' : 'plain'),
          span(`${c.revoked_in_time} of ${c.required_sessions} revoked in time`),
        ],
        2,
      );
    }
  }

  const names = findingNames(inv);
  heading(`Findings (${inv.findings.length})`);
  if (inv.findings.length === 0) out.push('  none\n');
  for (const f of inv.findings) {
    const severe = f.severity === 'critical' || f.severity === 'high';
    line(
      [
        span(names.get(f.id)!, 'bold'),
        span(f.severity, severe ? 'boldred' : 'yellow'),
        span(f.rule, 'bold'),
        span(`${f.subject_id ?? '-'} / ${f.session_id ?? '-'} / ${f.lifecycle_event_id ?? '-'}`),
        span(when(f.observed_at), 'dim'),
      ],
      4,
    );
    out.push('    ');
    line([span(f.message)], 4, 4);
    out.push('    ');
    line([span('evidence', 'dim'), ...f.evidence.map((e, i) => span(`${e.source_file}:${e.source_line}${i < f.evidence.length - 1 ? ',' : ''}`))], 4, 4);
    out.push('    ');
    line([span(`id ${f.id}`, 'dim')], 4, 4);
  }
  const next = pivots(inv);
  if (next.length > 0) {
    out.push('\n');
    line([span('pivot:', 'dim'), ...next.map((p, i) => span(i < next.length - 1 ? `${p},` : p))], 2);
  }
  return out.join('');
}
