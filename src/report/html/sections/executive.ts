import type { Report } from '../../schema.ts';
import { severityBadge } from '../components.ts';
import { duration, int, percent, words } from '../format.ts';
import { html, type Html } from '../html.ts';
import { dateRange, findingsWorstFirst, gapText, partialPrevious } from '../shape.ts';

const WORST = 3;

/**
 * The executive summary: the report in plain sentences for a reader who will not read the
 * tables — what was examined, how well revocation followed lifecycle events, the worst
 * findings, what changed since the previous period, and what to be careful about.
 */
export function executive(report: Report): Html {
  const p = report.summary.population;
  const cov = report.summary.coverage.overall;
  const decided = cov.covered + cov.late + cov.uncovered;
  const worst = findingsWorstFirst(report.findings).filter((f) => !f.waiver).slice(0, WORST);
  const total = report.summary.findings.total;
  const waived = report.findings.filter((f) => f.waiver).length;
  const ttr = report.summary.time_to_revoke.find((t) => t.kind === '*');
  const gaps = report.sources.filter((s) => s.gaps.length > 0);
  const quarantined = report.quarantine.total;
  return html`<section id="executive" aria-labelledby="executive-h">
<h2 id="executive-h">Executive summary</h2>
<div class="prose">
<p><strong>What was examined.</strong> ${periodSentence(report)} In it, ${int(p.sessions)} session${p.sessions === 1 ? '' : 's'} of ${holders(p)} ${p.sessions === 1 ? 'was' : 'were'} live, and ${int(p.lifecycle_events)} lifecycle event${p.lifecycle_events === 1 ? '' : 's'} (password resets, offboardings, lost devices and the like) ${p.lifecycle_events === 1 ? 'was' : 'were'} recorded, ${int(cov.events)} of which required sessions to be ended.</p>
<p><strong>Were sessions ended when trust changed?</strong> ${
    decided === 0
      ? 'No lifecycle event in the period could be judged yet.'
      : html`For ${int(cov.covered)} of ${int(decided)} judged events (${percent(cov.ratio)}), every session that had to end was revoked within the agreed time${cov.late ? html`; for ${int(cov.late)}, at least one was revoked late` : ''}${cov.uncovered ? html`; for ${int(cov.uncovered)}, at least one was never revoked` : ''}.`
  }${cov.pending ? html` ${int(cov.pending)} event${cov.pending === 1 ? ' was' : 's were'} too recent to judge when the data ends.` : ''}${
    ttr && ttr.p50_seconds !== null ? html` Typical time to revoke was ${duration(ttr.p50_seconds)} (95% within ${duration(ttr.p95_seconds)}).` : ''
  }</p>
<p><strong>Findings.</strong> ${
    total === 0
      ? 'revaudit found nothing to report.'
      : html`revaudit reports ${int(total)} finding${total === 1 ? '' : 's'}${waived ? html`, ${int(waived)} of them accepted by a waiver` : ''}.${worst.length ? html` The most serious:` : ''}`
  }</p>
${worst.length ? html`<ul class="worst">${worst.map((f) => html`<li>${severityBadge(f.severity)} ${f.message}</li>`)}</ul>` : ''}
<p><strong>Since the previous period.</strong> ${changeSentence(report)}</p>
${
    gaps.length || quarantined
      ? html`<p><strong>Data to be careful about.</strong> ${gaps.map(
          (s) => html`The ${words(s.table)} from ${s.source} have no records on ${s.gaps.map(gapText).join(', ')}, although they have records on such days otherwise. `,
        )}${quarantined ? html`${int(quarantined)} input record${quarantined === 1 ? ' was' : 's were'} unreadable and ${quarantined === 1 ? 'is' : 'are'} listed under Quarantine.` : ''}</p>`
      : ''
  }
</div>
</section>`;
}

function periodSentence(report: Report): string {
  const { from, to } = report.run.period;
  if (from || to) {
    const earlier = from !== null && report.sources.some((s) => s.first < from);
    return `This report covers ${dateRange(from, to)} (UTC)${earlier ? '; earlier records were read only to know which sessions were live' : ''}.`;
  }
  const firsts = report.sources.map((s) => s.first).sort();
  const lasts = report.sources.map((s) => s.last).sort();
  return firsts.length ? `This report covers all the data given, from ${firsts[0]!.slice(0, 10)} to ${lasts[lasts.length - 1]!.slice(0, 10)} (UTC).` : 'No data was given.';
}

function holders(p: Report['summary']['population']): string {
  const parts = [
    p.users ? `${int(p.users)} ${p.users === 1 ? 'person' : 'people'}` : '',
    p.agents ? `${int(p.agents)} AI agent${p.agents === 1 ? '' : 's'}` : '',
    p.services ? `${int(p.services)} service account${p.services === 1 ? '' : 's'}` : '',
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : `${int(p.subjects)} holders`;
}

function changeSentence(report: Report): Html | string {
  const t = report.trend;
  if (!t) return 'No previous period to compare with: give last period’s report with --previous, or include older data with a --from/--to period.';
  const before = t.coverage.find((c) => c.kind === '*')?.previous ?? null;
  const now = t.coverage.find((c) => c.kind === '*')?.current ?? null;
  const ttrBefore = t.time_to_revoke.find((c) => c.kind === '*')?.previous?.p50_seconds ?? null;
  const ttrNow = t.time_to_revoke.find((c) => c.kind === '*')?.current?.p50_seconds ?? null;
  const f = t.findings;
  return html`Against ${t.previous.period.from || t.previous.period.to ? dateRange(t.previous.period.from, t.previous.period.to) : 'the previous report'}, coverage went from ${percent(before?.ratio ?? null)} to ${percent(now?.ratio ?? null)}${
    ttrBefore !== null && ttrNow !== null ? html` and the typical time to revoke from ${duration(ttrBefore)} to ${duration(ttrNow)}` : ''
  }. Findings: ${int(f.previous.total)} then, ${int(f.current.total)} now; ${int(f.opened)} new, ${int(f.resolved)} no longer found${
    f.still_live ? html` (but ${int(f.still_live)} of those still ha${f.still_live === 1 ? 's' : 've'} a session that should have ended and is still live)` : ''
  }.${partialPrevious(t) ? html` The data holds the previous period only from ${partialPrevious(t)!}, so its figures cover part of it.` : ''}`;
}
