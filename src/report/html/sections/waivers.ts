import type { Report } from '../../schema.ts';
import { none, table, where } from '../components.ts';
import { int } from '../format.ts';
import { html, type Html } from '../html.ts';

type Waiver = Report['waivers'][number];

/**
 * The waivers of the run and what they matched. A waiver hides nothing: waived findings and
 * events stay in their tables, marked, and leave the coverage ratio and the gate.
 */
export function waivers(report: Report): Html {
  const list = report.waivers;
  const findings = report.findings.filter((f) => f.waiver).length;
  const events = report.coverage.filter((c) => c.status === 'waived').length;
  return html`<section id="waivers" aria-labelledby="waivers-h">
<h2 id="waivers-h">Waivers</h2>
${
    list.length === 0
      ? none('No waivers were given for this run.')
      : html`<p class="lede">${int(list.length)} waiver(s); ${int(findings)} finding(s) and ${int(events)} lifecycle event(s) waived. Waived items stay in the report, marked, and count neither in the coverage ratio nor against the gate. An expired waiver waives nothing; a stale one matched nothing.</p>
${table({
  id: 'waivers-table',
  columns: [{ label: 'Waiver' }, { label: 'State' }, { label: 'Scope' }, { label: 'Owner · reason' }, { label: 'Expires' }, { label: 'Matched', num: true }, { label: 'Source' }],
  rows: list.map(row),
})}`
  }
</section>`;
}

function row(w: Waiver): Html {
  const scope: [string, string | null][] = [
    ['rule', w.rule],
    ['subject', w.subject],
    ['session', w.session],
    ['event', w.lifecycle_event],
    ['finding', w.finding],
  ];
  const stateClass = w.state === 'active' ? 'st-covered' : w.state === 'expired' ? 'st-uncovered' : 'st-pending';
  return html`<tr><td class="mono wrapall">${w.id}</td><td><span class="badge ${stateClass}">${w.state}</span></td><td><dl class="ids">${scope
    .filter(([, v]) => v !== null)
    .map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl></td><td>${w.owner}<div class="small muted wrapall">${w.reason}${w.ticket ? html` · ${w.ticket}` : ''}</div></td><td class="nowrap">${w.expires}</td><td class="num">${int(w.matches.findings.length)} finding(s)<br>${int(w.matches.coverage.length)} event(s)</td><td class="small">${where(w.source_file, w.source_line)}</td></tr>`;
}
