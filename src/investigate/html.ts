import { readFileSync } from 'node:fs';
import { html, type Html } from '../report/html/html.ts';
import { timelineSvg } from './chart.ts';
import { describeRows, findingNames, type Part } from './describe.ts';
import { pivots, summaryLines, title } from './describe-summary.ts';
import { duration, when } from './format.ts';
import { visibleControls } from './sanitize.ts';
import type { Investigation } from './schema.ts';

const STYLE = readFileSync(new URL('./style.css', import.meta.url), 'utf8');

/** No request, no script: the page may not fetch or run anything, even if markup slipped through. */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** A log value for HTML: controls made visible; the html tag escapes the markup characters. */
const shown = (text: string): string => visibleControls(text);

function parts(list: readonly Part[]): Html {
  return html`${list.map((p, i) => html`${i > 0 ? ' ' : ''}<span class="${`t-${p.tone ?? 'plain'}${p.log ? ' log' : ''}`}">${p.log ? shown(p.text) : p.text}</span>`)}`;
}

/**
 * The HTML view: one self-contained page (inline CSS, the chart as inline SVG, no script)
 * with the same summary, rows and findings as the terminal view, every log value escaped.
 * Rows carry data-kind and data-source so they can be matched to the JSON form.
 */
export async function renderHtml(inv: Investigation): Promise<string> {
  const names = findingNames(inv);
  const svg = await timelineSvg(inv);
  const heading = title(inv).map((p) => shown(p.text)).join(' ');
  const rows = describeRows(inv);
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="revaudit ${inv.tool.version}">
<title>${heading} · revaudit investigate</title>
<style>${html.unsafe(STYLE)}</style>
</head>
<body>
<header><div class="wrap">
<p class="eyebrow">revaudit · investigation</p>
<h1>${parts(title(inv))}</h1>
<p class="muted small">inputs end ${when(inv.inputs_end)} · SLA ${duration(inv.policy.sla_seconds)} · skew ${duration(inv.policy.skew_seconds)}${
    inv.period.from || inv.period.to ? ` · period ${when(inv.period.from)} to ${when(inv.period.to)}` : ''
  } · revaudit ${inv.tool.version} · schema ${inv.schema_version}</p>
</div></header>
<main class="wrap">
<dl class="summary">${summaryLines(inv).map((l) => html`<dt>${l.key}</dt><dd>${parts(l.parts)}</dd>`)}</dl>
${pivots(inv).length > 0 ? html`<p class="muted small">pivot: ${pivots(inv).map((p, i) => html`${i > 0 ? ', ' : ''}<code>${shown(p)}</code>`)}</p>` : ''}
${svg ? html`<h2 id="chart">Timeline chart</h2><figure>${html.unsafe(svg)}</figure>` : ''}
<h2 id="timeline">Timeline (UTC, ${inv.timeline.length} rows)</h2>
<table class="timeline">
<thead><tr><th>Time (UTC)</th><th>Event</th><th>What happened</th><th>Source</th><th>Findings</th></tr></thead>
<tbody>${rows.map((r, i) => {
    const row = inv.timeline[i]!;
    const cls = row.kind === 'access' && row.phase === 'after_end' ? (row.outcome === 'allowed' ? 'accepted' : 'after-end') : '';
    return html`
<tr class="${cls}" data-kind="${row.kind}" data-ts="${row.ts}" data-source="${shown(r.source)}">
<td class="when">${r.ts}</td><td class="label t-${r.tone}">${r.label}</td>
<td>${r.lines.map((l) => html`<div>${parts(l)}</div>`)}</td>
<td class="where">${shown(r.source)}</td>
<td>${r.findings.map((f, k) => html`${k > 0 ? ' ' : ''}<a href="#${f}">${f}</a>`)}</td>
</tr>`;
  })}</tbody>
</table>
${sessionsTable(inv)}
${coverageTable(inv)}
<h2 id="findings">Findings (${inv.findings.length})</h2>
${inv.findings.length === 0 ? html`<p class="muted">none</p>` : ''}
${inv.findings.map(
    (f) => html`<div class="finding" id="${names.get(f.id)!}" data-finding="${f.id}">
<p><strong>${names.get(f.id)!}</strong> <span class="sev sev-${f.severity}">${f.severity}</span> <code>${f.rule}</code>
· <span class="log">${shown(f.subject_id ?? '-')}</span> / <span class="log">${shown(f.session_id ?? '-')}</span> / <span class="log">${shown(f.lifecycle_event_id ?? '-')}</span>
· <span class="muted">${when(f.observed_at)}</span></p>
<p class="log">${shown(f.message)}</p>
<p class="small muted">evidence: ${f.evidence.map((e, k) => html`${k > 0 ? ', ' : ''}<span class="mono">${shown(`${e.source_file}:${e.source_line}`)}</span>`)} · id <code>${f.id}</code></p>
</div>`,
  )}
</main>
</body>
</html>
`;
  return page.toString();
}

function sessionsTable(inv: Investigation): Html {
  if (inv.sessions.length === 0) return html``;
  return html`<h2 id="sessions">Sessions (${inv.sessions.length})</h2>
<table>
<thead><tr><th>Session</th><th>Subject</th><th>Created (UTC)</th><th>IP</th><th>User agent</th><th>Ended (UTC)</th><th>How</th>
<th class="num">Accesses</th><th class="num">After the end: allowed</th><th class="num">denied</th><th>New after the end</th></tr></thead>
<tbody>${inv.sessions.map(
    (s) => html`<tr data-session="${shown(s.session_id)}">
<td class="log">${shown(s.session_id)}</td><td class="log">${shown(s.subject_id ?? '-')}${s.owner_id && s.subject_type !== 'user' ? html` <span class="muted">for</span> ${shown(s.owner_id)}` : ''}</td>
<td class="when">${s.created ? when(s.created_at) : 'never created'}</td><td class="log">${shown(s.ip ?? '-')}</td>
<td class="log small">${shown(s.user_agent ?? '-')}</td><td class="when">${when(s.ended_at)}</td><td>${s.end_reason ?? 'live'}</td>
<td class="num">${s.accesses}</td><td class="num${s.allowed_after_end > 0 ? ' t-alert' : ''}">${s.allowed_after_end}</td><td class="num">${s.denied_after_end}</td>
<td class="log small">${[...s.new_ips_after_end, ...s.new_user_agents_after_end].map((v, k) => html`${k > 0 ? html`<br>` : ''}${shown(v)}`)}</td>
</tr>`,
  )}</tbody>
</table>`;
}

function coverageTable(inv: Investigation): Html {
  if (inv.coverage.length === 0) return html``;
  return html`<h2 id="coverage">Coverage of the lifecycle events (${inv.coverage.length})</h2>
<table>
<thead><tr><th>Event</th><th>Kind</th><th>Subject</th><th>T (UTC)</th><th>Status</th><th class="num">Required</th><th class="num">Revoked in time</th><th>Source</th></tr></thead>
<tbody>${inv.coverage.map(
    (c) => html`<tr data-event="${shown(c.event_id)}"><td class="log">${shown(c.event_id)}</td><td>${c.kind}</td><td class="log">${shown(c.subject_id)}</td>
<td class="when">${when(c.ts)}</td><td class="${c.status === 'late' || c.status === 'uncovered' ? 't-alert' : c.status === 'covered' ? 't-good' : ''}">${c.status}</td>
<td class="num">${c.required_sessions}</td><td class="num">${c.revoked_in_time}</td><td class="where">${shown(`${c.source_file}:${c.source_line}`)}</td></tr>`,
  )}</tbody>
</table>`;
}
