import type { Report } from '../../schema.ts';
import { link, none, severityBadge, table } from '../components.ts';
import { int } from '../format.ts';
import { html, type Html } from '../html.ts';
import { controlMatrix } from '../shape.ts';

/** Names of the control frameworks rule headers cite; an unknown key is shown as written. */
const FRAMEWORKS: Record<string, string> = {
  asvs4: 'OWASP ASVS 4.0',
  asvs5: 'OWASP ASVS 5.0',
  'owasp-nhi': 'OWASP Non-Human Identities Top 10 (2025)',
  nist80053: 'NIST SP 800-53 Rev. 5',
  iso27001: 'ISO/IEC 27001:2022 Annex A',
  soc2: 'SOC 2 Trust Services Criteria',
  pci: 'PCI DSS v4.0.1',
  cis: 'CIS Controls v8',
  hipaa: 'HIPAA Security Rule (45 CFR 164)',
};

/** The rule catalogue and the control mapping: which controls each rule tests, and their findings. */
export function rules(report: Report): Html {
  const matrix = controlMatrix(report);
  return html`<section id="rules" class="page" aria-labelledby="rules-h">
<h2 id="rules-h">Rules and control mapping</h2>
<p class="lede">Each rule is one SQL file with its metadata. A control with no finding was tested and passed on these inputs; a disabled rule tested nothing.</p>
${table({
  id: 'rules-table',
  columns: [{ label: 'Rule' }, { label: 'Severity' }, { label: 'Status' }, { label: 'Findings', num: true }, { label: 'What it checks' }, { label: 'Controls' }],
  rows: report.rules.map(
    (r) => html`<tr><td class="rule"><div class="title">${r.title}</div><code class="small muted">${r.id}</code></td><td>${severityBadge(r.severity)}${r.escalates_to ? html`<div class="small muted">escalates to ${r.escalates_to}</div>` : ''}</td><td>${r.status}${r.enabled ? '' : html`<div class="small bad">disabled</div>`}</td><td class="num">${int(r.findings)}</td><td>${r.summary}${r.false_positives.length ? html`<div class="small muted">Known false positives: ${r.false_positives.join(' ')}</div>` : ''}${r.references.length ? html`<div class="small">${r.references.map((u) => html`${link(u)} `)}</div>` : ''}</td><td class="controls wide">${r.controls.map((c) => `${c.framework} ${c.id}`).join(', ')}</td></tr>`,
  ),
})}
<h3 id="controls">Controls</h3>
${
    matrix.length === 0
      ? none('No rule cites a control.')
      : table({
          id: 'controls-table',
          columns: [{ label: 'Framework' }, { label: 'Control' }, { label: 'Tested by' }, { label: 'Findings', num: true }],
          rows: matrix.map(
            (m) => html`<tr><td>${FRAMEWORKS[m.framework] ?? m.framework}</td><td class="nowrap">${m.control}</td><td class="small">${m.rules.map((r, i) => html`${i ? ', ' : ''}<code>${r}</code>`)}</td><td class="num${m.findings > 0 ? ' bad' : ' ok'}">${int(m.findings)}</td></tr>`,
          ),
        })
  }
</section>`;
}
