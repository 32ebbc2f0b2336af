import { SEVERITIES } from '../../../config/policy.ts';
import type { Report } from '../../schema.ts';
import { detailsList, filterBar, none, severityBadge, table, waiverBadge, where } from '../components.ts';
import { instant, int } from '../format.ts';
import { html, type Html } from '../html.ts';
import { findingsWorstFirst } from '../shape.ts';

type Finding = Report['findings'][number];

/** The findings table, worst first, each with its evidence (file:line) and the controls its rule maps to. */
export function findings(report: Report): Html {
  const controls = new Map(report.rules.map((r) => [r.id, r.controls.map((c) => `${c.framework} ${c.id}`).join(', ')]));
  const titles = new Map(report.rules.map((r) => [r.id, r.title]));
  const list = findingsWorstFirst(report.findings);
  const waived = list.filter((f) => f.waiver).length;
  return html`<section id="findings" aria-labelledby="findings-h">
<h2 id="findings-h">Findings</h2>
<p class="lede">${int(list.length)} finding(s)${waived ? html`, ${int(waived)} of them waived` : ''}, worst first. Evidence names the record that proves each one: its table, id and the input file and line it came from.</p>
${baseline(report)}
${
    list.length === 0
      ? none('No rule found anything in these inputs.')
      : html`${filterBar('findings-table', 'Filter findings', [{ attr: 'severity', label: 'Severity', options: [...SEVERITIES].reverse() }])}
${table({
  id: 'findings-table',
  columns: [{ label: 'Severity · rule' }, { label: 'Subject · session · event' }, { label: 'Observed (UTC)' }, { label: 'What happened' }, { label: 'Evidence' }, { label: 'Controls' }],
  rows: list.map((f) => row(f, titles.get(f.rule) ?? '', controls.get(f.rule) ?? '')),
})}`
  }
</section>`;
}

function row(f: Finding, title: string, controls: string): Html {
  const rank = SEVERITIES.indexOf(f.severity);
  return html`<tr data-severity="${f.severity}" id="finding-${f.id}">
<td class="rule" data-sort="${rank}">${severityBadge(f.severity)}${f.waiver ? html` ${waiverBadge(f.waiver)}` : ''}${f.baseline === 'new' ? html` <span class="badge st-pending">new</span>` : ''}<div class="title">${title}</div><code class="small muted">${f.rule}</code></td>
<td><dl class="ids">${ids(f)}</dl></td>
<td class="nowrap" data-sort="${f.observed_at}">${instant(f.observed_at)}</td>
<td class="what">${f.message}${detailsList(f.details)}</td>
<td class="ev"><ul class="evidence">${f.evidence.map((e) => html`<li>${e.table} <code title="${e.event_id}">${shortId(e.event_id)}</code><br>${where(e.source_file, e.source_line)}</li>`)}</ul></td>
<td class="controls">${controls}</td>
</tr>`;
}

function ids(f: Finding): Html[] {
  const parts: [string, string | null][] = [['subject', f.subject_id], ['session', f.session_id], ['event', f.lifecycle_event_id]];
  return parts.filter(([, v]) => v !== null).map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`);
}

/** Content hashes (64 hex digits) are shortened for reading; the full id stays in the title. */
function shortId(id: string): string {
  return /^[0-9a-f]{64}$/.test(id) ? `${id.slice(0, 12)}…` : id;
}

/** Against a baseline report: what is new, still open, newly waived, no longer waived or resolved. */
function baseline(report: Report): Html {
  const b = report.baseline;
  if (!b) return html``;
  const c = b.counts;
  return html`<p>Against the baseline <code>${b.file}</code>${b.report_id ? html` (report <code>${b.report_id}</code>)` : ''}: ${int(c.new)} new, ${int(c.open)} still open, ${int(c.newly_waived)} newly waived, ${int(c.waiver_expired)} whose waiver expired, ${int(c.resolved)} resolved.</p>`;
}
