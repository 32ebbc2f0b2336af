import type { Report } from '../../schema.ts';
import { none, table, where } from '../components.ts';
import { int } from '../format.ts';
import { html, type Html } from '../html.ts';

type Tally = Report['quarantine'];

/** Records that could not be loaded (quarantine) and well-formed records no rule uses (skipped). */
export function quarantine(report: Report): Html {
  return html`<section id="quarantine" aria-labelledby="quarantine-h">
<h2 id="quarantine-h">Quarantine and skipped records</h2>
<p class="lede">Nothing is dropped silently. A quarantined record did not parse or broke the input contract; a skipped record is a well-formed provider event that no rule reads.</p>
<h3>Quarantined: ${int(report.quarantine.total)}</h3>
${tally(report.quarantine, 'quarantine', 'No record was quarantined.')}
<h3>Skipped: ${int(report.skipped.total)}</h3>
${tally(report.skipped, 'skipped', 'No record was skipped.')}
</section>`;
}

function tally(t: Tally, id: string, empty: string): Html {
  if (t.total === 0) return none(empty);
  const shown = t.examples.length < t.total ? html` (the first ${int(t.examples.length)} of ${int(t.total)})` : '';
  return html`<div class="two">
<div>${table({
    id: `${id}-reasons`,
    columns: [{ label: 'Reason' }, { label: 'Records', num: true }],
    rows: t.by_reason.map((r) => html`<tr><td class="wrapall">${r.reason}</td><td class="num">${int(r.count)}</td></tr>`),
  })}</div>
<div></div>
</div>
${table({
  id: `${id}-examples`,
  caption: html`Examples${shown}, in input order.`,
  columns: [{ label: 'Where' }, { label: 'Reason' }, { label: 'Record' }],
  rows: t.examples.map(
    (e) => html`<tr><td class="small">${where(e.source_file, e.source_line)}</td><td class="wrapall">${e.reason}${e.detail ? html`<div class="small muted">${e.detail}</div>` : ''}</td><td>${e.raw === null ? '' : html`<code class="raw">${e.raw}</code>`}</td></tr>`,
  ),
})}`;
}
