import { renderSvg } from '../../charts-svg.ts';
import { attemptsChart, coverageChart, findingsChart, timeToRevokeChart } from '../../charts.ts';
import type { Report } from '../../schema.ts';
import { int, roundDuration } from '../format.ts';
import { html, type Html } from '../html.ts';
import { policyView } from '../policy-view.ts';
import { attemptsPerDay, coverageByKind, coverageLong, findingsPerWeek, timeSpan, timeToRevokeBins } from '../shape.ts';

/** The four charts, rendered to SVG here so they show with JavaScript off and in print. */
export async function charts(report: Report): Promise<Html> {
  const span = timeSpan(report);
  const kinds = coverageByKind(report);
  const bins = timeToRevokeBins(report);
  const weeks = findingsPerWeek(report);
  const days = attemptsPerDay(report);
  const slas = [...new Set(policyView(report).kinds.filter((k) => k.requires_revocation).map((k) => k.sla_seconds))];
  const revokedLate = bins.filter((b) => b.class === 'after SLA').reduce((n, b) => n + b.sessions, 0);
  const never = bins.filter((b) => b.class === 'never revoked').reduce((n, b) => n + b.sessions, 0);
  const accepted = days.filter((d) => d.outcome === 'accepted').reduce((n, d) => n + d.attempts, 0);
  const denied = days.filter((d) => d.outcome === 'denied').reduce((n, d) => n + d.attempts, 0);
  return html`<section id="charts" aria-labelledby="charts-h">
<h2 id="charts-h">At a glance</h2>
<div class="charts">
${await figure(
    'chart-coverage',
    'Coverage per lifecycle kind',
    kinds.length ? coverageChart(coverageLong(report), kinds) : null,
    html`Lifecycle events per kind by status; the figure at the end of each bar is the kind's coverage (covered ÷ decided).`,
    'No lifecycle event required a revocation.',
  )}
${await figure(
    'chart-ttr',
    'Time to revoke against the SLA',
    bins.length ? timeToRevokeChart(bins, slas) : null,
    html`Required sessions by the time from the lifecycle event to their revocation (minutes, log scale past one minute). ${int(revokedLate)} revoked after the SLA (${slas.map(roundDuration).join(', ')}); ${int(never)} never revoked.`,
    'No lifecycle event required a session to end.',
  )}
${await figure(
    'chart-findings',
    'Findings per week by severity',
    weeks.length && span ? findingsChart(weeks, span) : null,
    html`Findings by the week they were observed in (weeks start on Monday, UTC).`,
    'No findings.',
  )}
${await figure(
    'chart-attempts',
    'Attempts on revoked sessions',
    days.length && span ? attemptsChart(days, span) : null,
    html`Uses of a session more than the clock skew after it was revoked or logged out, per day: ${int(denied)} denied, ${int(accepted)} accepted.`,
    'No session was used after it was revoked or logged out.',
  )}
</div>
</section>`;
}

/** A chart as a figure: title, the SVG Vega draws (or a sentence when there is nothing to draw) and a caption. */
export async function figure(id: string, title: string, spec: Parameters<typeof renderSvg>[0] | null, caption: Html, empty: string): Promise<Html> {
  // Vega's SVG escapes every text it draws; it is the one markup we take whole (the raw door).
  const body = spec ? html.unsafe(await renderSvg(spec, id)) : html`<p class="empty">${empty}</p>`;
  return html`<figure class="chart" id="${id}">
<h3 id="${id}-title">${title}</h3>
${body}
<figcaption>${caption}</figcaption>
</figure>`;
}
