import type { Report } from '../../schema.ts';
import { link, none, severityBadge, table } from '../components.ts';
import { int } from '../format.ts';
import { html, type Html } from '../html.ts';

/** The rule catalogue: what each rule checks, its severity, findings and the controls it cites. */
export function rules(report: Report): Html {
  return html`<section id="rules" class="page" aria-labelledby="rules-h">
<h2 id="rules-h">Rules</h2>
<p class="lede">Each rule is one SQL file with its metadata; the controls it cites are those of the control matrix. A disabled rule tested nothing.</p>
${table({
  id: 'rules-table',
  columns: [{ label: 'Rule' }, { label: 'Severity' }, { label: 'Status' }, { label: 'Findings', num: true }, { label: 'What it checks' }, { label: 'Controls' }],
  rows: report.rules.map(
    (r) => html`<tr><td class="rule"><div class="title">${r.title}</div><code class="small muted">${r.id}</code></td><td>${severityBadge(r.severity)}${r.escalates_to ? html`<div class="small muted">escalates to ${r.escalates_to}</div>` : ''}</td><td>${r.status}${r.enabled ? '' : html`<div class="small bad">disabled</div>`}</td><td class="num">${int(r.findings)}</td><td>${r.summary}${r.false_positives.length ? html`<div class="small muted">Known false positives: ${r.false_positives.join(' ')}</div>` : ''}${r.references.length ? html`<div class="small">${r.references.map((u) => html`${link(u)} `)}</div>` : ''}</td><td class="controls wide">${r.controls.map((c) => `${c.framework} ${c.id}`).join(', ')}</td></tr>`,
  ),
})}
</section>`;
}
