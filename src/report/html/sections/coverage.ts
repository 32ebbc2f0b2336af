import type { Report } from '../../schema.ts';
import { filterBar, none, statusBadge, table, waiverBadge, where } from '../components.ts';
import { duration, instant, int, percent, roundDuration, words } from '../format.ts';
import { html, type Html } from '../html.ts';
import { policyView } from '../policy-view.ts';
import { COVERAGE_STATUSES, coverageByKind } from '../shape.ts';

/** Coverage per kind (with time to revoke) and every revocation-requiring lifecycle event. */
export function coverage(report: Report): Html {
  const kinds = coverageByKind(report);
  const overall = report.summary.coverage.overall;
  const ttrAll = report.summary.time_to_revoke.find((t) => t.kind === '*');
  const p = policyView(report);
  return html`<section id="coverage" aria-labelledby="coverage-h">
<h2 id="coverage-h">Coverage</h2>
<p class="lede">A lifecycle event is <strong>covered</strong> when every session it required was revoked between the clock skew before it and the SLA after it (default SLA ${roundDuration(p.sla_seconds)}, skew ${roundDuration(p.skew_seconds)}). <strong>Late</strong>: revoked after the SLA while still live. <strong>Uncovered</strong>: never revoked, or ended only by logout or expiry — expiry is not revocation. <strong>Pending</strong>: the inputs end before the SLA ran out. Coverage = covered ÷ (covered + late + uncovered).</p>
${
    kinds.length === 0
      ? none('No lifecycle event in the inputs required a revocation.')
      : table({
          id: 'kinds-table',
          columns: [
            { label: 'Kind' }, { label: 'SLA', num: true }, { label: 'Events', num: true }, { label: 'Covered', num: true },
            { label: 'Late', num: true }, { label: 'Uncovered', num: true }, { label: 'Pending', num: true },
            { label: 'No sessions', num: true }, { label: 'Waived', num: true }, { label: 'Coverage', num: true },
            { label: 'Time to revoke p50 · p95 · max', num: true },
          ],
          rows: [
            ...kinds.map(
              (k) => html`<tr><td>${words(k.kind)}</td><td class="num">${k.sla_seconds === null ? '—' : roundDuration(k.sla_seconds)}</td><td class="num">${int(k.events)}</td><td class="num">${int(k.covered)}</td><td class="num">${int(k.late)}</td><td class="num">${int(k.uncovered)}</td><td class="num">${int(k.pending)}</td><td class="num">${int(k.no_sessions)}</td><td class="num">${int(k.waived)}</td><td class="num"><strong>${percent(k.ratio)}</strong></td><td class="num">${ttr(k)}</td></tr>`,
            ),
            html`<tr class="total"><td><strong>all kinds</strong></td><td></td><td class="num"><strong>${int(overall.events)}</strong></td><td class="num">${int(overall.covered)}</td><td class="num">${int(overall.late)}</td><td class="num">${int(overall.uncovered)}</td><td class="num">${int(overall.pending)}</td><td class="num">${int(overall.no_sessions)}</td><td class="num">${int(overall.waived)}</td><td class="num"><strong>${percent(overall.ratio)}</strong></td><td class="num">${ttr(ttrAll ?? null)}</td></tr>`,
          ],
          sortable: false,
          caption: 'Time to revoke is measured from the lifecycle event to the revocation, over the required sessions that were revoked.',
        })
  }
${events(report)}
</section>`;
}

function ttr(t: { revoked_sessions: number | null; p50_seconds: number | null; p95_seconds: number | null; max_seconds: number | null } | null): string {
  if (!t || !t.revoked_sessions) return '—';
  return `${duration(t.p50_seconds)} · ${duration(t.p95_seconds)} · ${duration(t.max_seconds)}`;
}

function events(report: Report): Html {
  const rows = report.coverage;
  if (rows.length === 0) return html``;
  return html`<h3 id="events">Lifecycle events that required a revocation</h3>
${filterBar('events-table', 'Filter events', [{ attr: 'status', label: 'Status', options: [...COVERAGE_STATUSES] }])}
${table({
  id: 'events-table',
  columns: [
    { label: 'Time (UTC)' }, { label: 'Kind' }, { label: 'Subject' }, { label: 'Event' }, { label: 'Status' },
    { label: 'Required', num: true }, { label: 'In time', num: true }, { label: 'Slowest', num: true }, { label: 'Source' },
  ],
  rows: rows.map(
    (c) => html`<tr data-status="${c.status}"><td class="nowrap" data-sort="${c.ts}">${instant(c.ts)}</td><td>${words(c.kind)}</td><td class="mono wrapall">${c.subject_id}</td><td class="mono wrapall">${c.event_id}</td><td>${statusBadge(c.status)}${c.waived_status ? html` <span class="small muted">was ${c.waived_status}</span>` : ''}${c.waiver ? html`<br>${waiverBadge(c.waiver)}` : ''}</td><td class="num">${int(c.required_sessions)}</td><td class="num">${int(c.revoked_in_time)}</td><td class="num" data-sort="${c.max_seconds_to_revoke ?? ''}">${c.max_seconds_to_revoke === null && c.required_sessions > 0 ? 'never' : duration(c.max_seconds_to_revoke)}</td><td class="small">${where(c.source_file, c.source_line)}</td></tr>`,
  ),
})}`;
}
