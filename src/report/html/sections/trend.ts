import { SEVERITIES } from '../../../config/policy.ts';
import { trendChart } from '../../charts.ts';
import type { Report } from '../../schema.ts';
import { none, severityBadge, table } from '../components.ts';
import { duration, int, percent, words } from '../format.ts';
import { html, type Html } from '../html.ts';
import { dateRange, partialPrevious } from '../shape.ts';
import { figure } from './charts.ts';

/** This period against the previous one: coverage and time to revoke per kind, findings opened and resolved. */
export async function trend(report: Report): Promise<Html> {
  const t = report.trend;
  if (!t) {
    return html`<section id="trend" aria-labelledby="trend-h">
<h2 id="trend-h">Since the previous period</h2>
${none('No previous period: give last period’s report with --previous report.json, or audit a --from/--to period of data (or a --db) that also holds the period before.')}
</section>`;
  }
  const prevName = t.previous.period.from || t.previous.period.to ? dateRange(t.previous.period.from, t.previous.period.to) : 'previous report';
  const nowName = report.run.period.from || report.run.period.to ? dateRange(report.run.period.from, report.run.period.to) : 'this report';
  const periods: [string, string] = [`previous (${prevName})`, `this period (${nowName})`];
  const bars = t.coverage.flatMap((c) => [
    ...(c.previous?.ratio != null ? [{ kind: c.kind === '*' ? 'all kinds' : words(c.kind), period: periods[0], ratio: c.previous.ratio }] : []),
    ...(c.current?.ratio != null ? [{ kind: c.kind === '*' ? 'all kinds' : words(c.kind), period: periods[1], ratio: c.current.ratio }] : []),
  ]);
  const ttr = new Map(t.time_to_revoke.map((x) => [x.kind, x]));
  const f = t.findings;
  const source =
    t.previous.source === 'report'
      ? html`the report <code>${t.previous.file ?? ''}</code>${t.previous.report_id ? html` (id <code>${t.previous.report_id}</code>)` : ''}`
      : html`the same data, audited for the previous period`;
  return html`<section id="trend" class="page" aria-labelledby="trend-h">
<h2 id="trend-h">Since the previous period</h2>
<p class="lede">This period (${nowName}) against the previous one (${prevName}), taken from ${source}. A finding is matched by its stable id; one no longer found is resolved unless its session, which a lifecycle event required to end, is still live when this period’s data ends.</p>
${partialPrevious(t) ? html`<p class="warn-box">The data holds the previous period only from ${partialPrevious(t)!}: its figures cover part of it.</p>` : ''}
<div class="charts">
${await figure(
    'chart-trend',
    'Coverage per kind, then and now',
    bars.length ? trendChart(bars, periods) : null,
    html`Covered ÷ decided lifecycle events per kind; a kind without a bar had no decided event in that period.`,
    'No decided lifecycle event in either period.',
  )}
<div class="card">
<h3>Findings</h3>
<div class="big">${int(f.previous.total)} → ${int(f.current.total)}</div>
<p>${int(f.opened)} new · ${int(f.recurring)} still reported · ${int(f.resolved)} no longer found${f.still_live ? html` · <span class="bad">${int(f.still_live)} of those still live</span>` : ''}</p>
<div class="sev-list">${[...SEVERITIES].reverse().map((s) => html`<span>${severityBadge(s)} ${int(f.previous.by_severity[s] ?? 0)} → ${int(f.current.by_severity[s] ?? 0)}</span>`)}</div>
</div>
</div>
${table({
  id: 'trend-table',
  columns: [
    { label: 'Lifecycle kind' }, { label: 'Coverage then', num: true }, { label: 'Coverage now', num: true },
    { label: 'Events then / now', num: true }, { label: 'Median time to revoke then → now', num: true }, { label: 'p95 then → now', num: true },
  ],
  rows: t.coverage.map((c) => {
    const r = ttr.get(c.kind);
    return html`<tr><td>${c.kind === '*' ? html`<strong>all kinds</strong>` : words(c.kind)}</td><td class="num">${percent(c.previous?.ratio ?? null)}</td><td class="num ${arrow(c.previous?.ratio, c.current?.ratio, true)}">${percent(c.current?.ratio ?? null)}</td><td class="num">${int(c.previous?.events ?? 0)} / ${int(c.current?.events ?? 0)}</td><td class="num">${duration(r?.previous?.p50_seconds ?? null)} → <span class="${arrow(r?.previous?.p50_seconds, r?.current?.p50_seconds, false)}">${duration(r?.current?.p50_seconds ?? null)}</span></td><td class="num">${duration(r?.previous?.p95_seconds ?? null)} → <span class="${arrow(r?.previous?.p95_seconds, r?.current?.p95_seconds, false)}">${duration(r?.current?.p95_seconds ?? null)}</span></td></tr>`;
  }),
})}
<h3>Findings of the previous period no longer found</h3>
${
    f.resolved_list.length === 0
      ? none('None: every finding of the previous period is still reported, or it had none.')
      : table({
          id: 'resolved-table',
          columns: [{ label: 'Severity' }, { label: 'Rule' }, { label: 'Subject' }, { label: 'Session' }, { label: 'Lifecycle event' }, { label: 'Now' }],
          rows: f.resolved_list.map(
            (r) => html`<tr><td>${severityBadge(r.severity)}</td><td><code>${r.rule}</code></td><td class="mono">${r.subject_id ?? '—'}</td><td class="mono">${r.session_id ?? '—'}</td><td class="mono">${r.lifecycle_event_id ?? '—'}</td><td>${r.still_live ? html`<span class="bad">session still live</span>` : 'resolved'}</td></tr>`,
          ),
        })
  }
</section>`;
}

/** A class for a change: up-good for coverage (higherIsBetter), down-good for times. */
function arrow(before: number | null | undefined, after: number | null | undefined, higherIsBetter: boolean): string {
  if (before == null || after == null || before === after) return '';
  return (after > before) === higherIsBetter ? 'up' : 'down';
}
