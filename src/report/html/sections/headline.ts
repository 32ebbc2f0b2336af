import { SEVERITIES } from '../../../config/policy.ts';
import type { Report } from '../../schema.ts';
import { severityBadge } from '../components.ts';
import { int, percent, words } from '../format.ts';
import { html, type Html } from '../html.ts';
import { dateRange, timeSpan } from '../shape.ts';

/** The top of the report: verdict, overall coverage, findings by severity and the inputs at a glance. */
export function headline(report: Report): Html {
  const cov = report.summary.coverage.overall;
  const decided = cov.covered + cov.late + cov.uncovered;
  const findings = report.summary.findings;
  const sum = (k: 'records' | 'loaded' | 'skipped' | 'quarantined') => report.inputs.reduce((n, i) => n + i[k], 0);
  const span = timeSpan(report);
  return html`<section id="summary" aria-label="Summary">
<div class="cards">
${verdictCard(report)}
<div class="card">
<h2>Coverage</h2>
<div class="big">${percent(cov.ratio)}</div>
<p>${int(cov.covered)} of ${int(decided)} decided lifecycle events had every required session revoked within the SLA.</p>
<p class="small">${int(cov.late)} late · ${int(cov.uncovered)} uncovered · ${int(cov.pending)} pending · ${int(cov.no_sessions)} with no sessions · ${int(cov.waived)} waived</p>
</div>
<div class="card">
<h2>Findings</h2>
<div class="big">${int(findings.total)}</div>
<div class="sev-list">${[...SEVERITIES].reverse().map((s) => html`<span>${severityBadge(s)} ${int(findings.by_severity[s] ?? 0)}</span>`)}</div>
</div>
<div class="card">
<h2>Inputs</h2>
<div class="big">${int(sum('records'))}</div>
<p>records in ${int(report.inputs.length)} file(s): ${int(sum('loaded'))} loaded, ${int(sum('quarantined'))} quarantined, ${int(sum('skipped'))} skipped.</p>
${span ? html`<p class="small">${report.run.period.from || report.run.period.to ? html`Period ${dateRange(report.run.period.from, report.run.period.to)}.` : html`Events from ${span.from.slice(0, 10)} to ${span.to.slice(0, 10)}.`}</p>` : ''}
</div>
</div>
</section>`;
}

function verdictCard(report: Report): Html {
  const v = report.verdict;
  if (v.passed === null) {
    return html`<div class="card verdict-none">
<h2>Gate</h2>
<div class="big">Not gated</div>
<p>No failure threshold was set for this run (<code>--fail-on</code>); findings are reported, not judged.</p>
</div>`;
  }
  return html`<div class="card ${v.passed ? 'verdict-pass' : 'verdict-fail'}">
<h2>Gate</h2>
<div class="big">${v.passed ? 'Passed' : 'Failed'}</div>
${v.reasons.length ? html`<ul>${v.reasons.map((r) => html`<li>${r}</li>`)}</ul>` : html`<p>Every threshold was met.</p>`}
<p class="small">${thresholds(v).join(' · ')}</p>
</div>`;
}

/** The thresholds the gate applied, as short phrases. */
function thresholds(v: Report['verdict']): string[] {
  const list: string[] = [];
  if (v.fail_on) list.push(`fail on ${v.fail_on} or worse`);
  for (const [kind, ratio] of Object.entries(v.min_coverage ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
    list.push(`coverage ${kind === '*' ? 'overall' : words(kind)} ≥ ${percent(ratio)}`);
  }
  if (v.max_findings !== null && v.max_findings !== undefined) list.push(`at most ${int(v.max_findings)} finding(s)`);
  if (v.new_only) list.push('new findings only');
  return list;
}
