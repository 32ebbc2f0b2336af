import type { Report } from '../schema.ts';
import { CSP, SCRIPT, STYLE } from './assets.ts';
import { instant } from './format.ts';
import { html, type Html } from './html.ts';
import { charts } from './sections/charts.ts';
import { controls } from './sections/controls.ts';
import { coverage } from './sections/coverage.ts';
import { executive } from './sections/executive.ts';
import { trend } from './sections/trend.ts';
import { findings } from './sections/findings.ts';
import { headline } from './sections/headline.ts';
import { inputs } from './sections/inputs.ts';
import { policy } from './sections/policy.ts';
import { quarantine } from './sections/quarantine.ts';
import { reuse } from './sections/reuse.ts';
import { rules } from './sections/rules.ts';
import { waivers } from './sections/waivers.ts';
import { dateRange, timeSpan } from './shape.ts';

const TOC: [string, string][] = [
  ['executive', 'Summary'],
  ['charts', 'At a glance'],
  ['trend', 'Trend'],
  ['findings', 'Findings'],
  ['coverage', 'Coverage'],
  ['reuse', 'Reuse'],
  ['waivers', 'Waivers'],
  ['controls', 'Control matrix'],
  ['rules', 'Rules'],
  ['inputs', 'Inputs'],
  ['quarantine', 'Quarantine'],
  ['policy', 'Policy'],
];

/** The whole report as one self-contained HTML document: no request, CSS and script inline. */
export async function page(report: Report): Promise<Html> {
  const period = periodText(report);
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="revaudit ${report.tool.version}">
<title>Session revocation audit · ${period} · revaudit</title>
<style>${html.unsafe(STYLE)}</style>
</head>
<body>
<header class="masthead"><div class="wrap">
<p class="eyebrow">revaudit · session revocation audit</p>
<h1>Did every session end when trust changed?</h1>
<dl class="meta">
<div><dt>Period</dt><dd>${period}</dd></div>
<div><dt>Generated</dt><dd>${instant(report.run.generated_at)}</dd></div>
<div><dt>Report</dt><dd><code>${report.run.id}</code></dd></div>
<div><dt>Tool</dt><dd>revaudit ${report.tool.version}</dd></div>
</dl>
</div></header>
<nav class="toc" aria-label="Sections"><div class="wrap"><ol>${TOC.map(([id, label]) => html`<li><a href="#${id}">${label}</a></li>`)}</ol></div></nav>
<main class="wrap">
${executive(report)}
${headline(report)}
${await charts(report)}
${await trend(report)}
${findings(report)}
${coverage(report)}
${reuse(report)}
${waivers(report)}
${controls(report)}
${rules(report)}
${inputs(report)}
${quarantine(report)}
${policy(report)}
</main>
<footer><div class="wrap">
<p>Report <code>${report.run.id}</code> · schema ${report.schema_version} · config <code>${report.run.config_hash.slice(0, 16)}</code> · rules <code>${report.run.rules_hash.slice(0, 16)}</code> · generated ${instant(report.run.generated_at)} by revaudit ${report.tool.version}.</p>
<p>The JSON report (<code>report.json</code>) is the contract this page renders. Every value taken from the inputs is shown as text; the page loads nothing from the network.</p>
</div></footer>
<script>${html.unsafe(SCRIPT)}</script>
</body>
</html>
`;
}

function periodText(report: Report): string {
  const { from, to } = report.run.period;
  if (from || to) return dateRange(from, to);
  const span = timeSpan(report);
  return span ? `${span.from.slice(0, 10)} to ${span.to.slice(0, 10)} (all records)` : 'no records';
}
