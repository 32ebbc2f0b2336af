import type { Report } from '../../schema.ts';
import { none, table } from '../components.ts';
import { int } from '../format.ts';
import { html, type Html } from '../html.ts';

type Result = Report['control_matrix']['frameworks'][number]['requirements'][number]['result'];

const LABEL: Record<Result, string> = { pass: 'pass', fail: 'fail', waived: 'waived', not_tested: 'not tested' };

/** A requirement's or rule's result as a badge. */
function resultBadge(result: Result): Html {
  return html`<span class="badge res-${result}">${LABEL[result]}</span>`;
}

/**
 * The control matrix: per framework, each requirement in scope, the rules that test it and
 * the result in the period. Requirements no rule tests are listed as such, so an assessor
 * sees what this report is not evidence for.
 */
export function controls(report: Report): Html {
  const frameworks = report.control_matrix.frameworks;
  return html`<section id="controls" class="page" aria-labelledby="controls-h">
<h2 id="controls-h">Control matrix</h2>
<p class="lede">For each framework, every requirement in scope of session revocation, the rules that test it and the result in this period: <strong>fail</strong> — a rule found something not waived; <strong>waived</strong> — everything found is covered by a waiver; <strong>pass</strong> — the rules ran and found nothing; <strong>not tested</strong> — no enabled rule tests it, so this report is no evidence for it. Titles are short titles; quote the framework’s own text.</p>
${
    frameworks.length === 0
      ? none('No framework in the catalogue.')
      : frameworks.map(
          (f) => html`<h3 id="controls-${f.key}">${f.name}</h3>
<p class="small muted">${int(f.requirements.length)} requirement(s): ${int(f.counts.fail)} fail · ${int(f.counts.waived)} waived · ${int(f.counts.pass)} pass · ${int(f.counts.not_tested)} not tested</p>
${table({
  id: `controls-${f.key}-table`,
  columns: [{ label: 'Requirement' }, { label: 'Title' }, { label: 'Tested by' }, { label: 'Findings', num: true }, { label: 'Result' }],
  rows: f.requirements.map(
    (r) =>
      html`<tr class="res-row-${r.result}"><td class="nowrap mono">${r.id}</td><td>${r.title ?? html`<span class="muted">not in the catalogue</span>`}</td><td class="small">${
        r.rules.length ? r.rules.map((rule, i) => html`${i ? html`<br>` : ''}<code>${rule.id}</code> ${resultBadge(rule.result)}`) : html`<span class="muted">no rule</span>`
      }</td><td class="num">${r.rules.length ? `${int(r.findings)}${r.waived ? ` (${int(r.waived)} waived)` : ''}` : '—'}</td><td>${resultBadge(r.result)}</td></tr>`,
  ),
})}`,
        )
  }
</section>`;
}
