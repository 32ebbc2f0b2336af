import type { Report } from '../../schema.ts';
import { none, table } from '../components.ts';
import { bytes, instant, int, words } from '../format.ts';
import { html, type Html } from '../html.ts';
import { dateRange, gapText } from '../shape.ts';

/** The inputs manifest: every file read, its hash and how its records were accounted for. */
export function inputs(report: Report): Html {
  return html`<section id="inputs" class="page" aria-labelledby="inputs-h">
<h2 id="inputs-h">Inputs</h2>
<p class="lede">Every input file with its SHA-256, so the run can be reproduced. Every record is loaded, skipped or quarantined: records = loaded + skipped + quarantined; duplicates are loaded records that added no row.</p>
${
    report.inputs.length === 0
      ? none('No input files.')
      : table({
          id: 'inputs-table',
          columns: [
            { label: 'File' }, { label: 'Adapter' }, { label: 'Records', num: true }, { label: 'Loaded', num: true },
            { label: 'Duplicates', num: true }, { label: 'Skipped', num: true }, { label: 'Quarantined', num: true },
            { label: 'First / last event (UTC)' }, { label: 'Size', num: true },
          ],
          rows: report.inputs.map(
            (i) => html`<tr><td class="file"><span class="mono wrapall">${i.path}</span><div class="mono small muted wrapall">sha256 ${i.sha256}</div></td><td>${i.adapter}</td><td class="num">${int(i.records)}</td><td class="num">${int(i.loaded)}</td><td class="num">${int(i.duplicates)}</td><td class="num">${int(i.skipped)}</td><td class="num">${int(i.quarantined)}</td><td class="nowrap small">${instant(i.first_ts)}<br>${instant(i.last_ts)}</td><td class="num" data-sort="${i.bytes}">${bytes(i.bytes)}</td></tr>`,
          ),
        })
  }
<h3 id="sources">Data seen per source</h3>
<p class="muted">The window of records each source gave, per kind of record, and the days in the ${report.run.period.from || report.run.period.to ? `period (${dateRange(report.run.period.from, report.run.period.to)})` : 'window'} with none from a source that has records on such days otherwise (it averages at least 5 on that weekday): missing data there would hide sessions, revocations or accesses.</p>
${
    report.sources.length === 0
      ? none('No records were loaded.')
      : table({
          id: 'sources-table',
          columns: [
            { label: 'Source' }, { label: 'Kind of record' }, { label: 'Records', num: true }, { label: 'In period', num: true },
            { label: 'First / last (UTC)' }, { label: 'Days with records', num: true }, { label: 'Gaps' },
          ],
          rows: report.sources.map(
            (s) => html`<tr><td>${s.source}</td><td>${words(s.table)}</td><td class="num">${int(s.records)}</td><td class="num">${int(s.in_period)}</td><td class="nowrap small">${instant(s.first)}<br>${instant(s.last)}</td><td class="num">${int(s.days_with_records)} of ${int(s.days_checked)}</td><td>${
              s.gaps.length ? html`<span class="bad">${s.gaps.map((g, i) => html`${i ? html`<br>` : ''}${gapText(g)}`)}</span>` : html`<span class="muted">none</span>`
            }</td></tr>`,
          ),
        })
  }
<h3 id="run">Run manifest</h3>
<p class="muted">What makes this report reproducible: <code>revaudit verify report.json</code> re-hashes every file below, runs the audit again and compares the result byte for byte; with <code>--public-key</code> it also checks the signature in <code>report.json.sig</code>.</p>
<dl class="ids">
<dt>Report id</dt><dd>${report.run.id}</dd>
<dt>Tool</dt><dd>revaudit ${report.tool.version} (report schema ${report.schema_version})</dd>
<dt>Rules hash</dt><dd>${report.run.rules_hash}</dd>
<dt>Config hash</dt><dd>${report.run.config_hash}</dd>
<dt>Inputs as given</dt><dd>${report.run.arguments.length ? report.run.arguments.join(' ') : '(a --db)'}</dd>
${(['config', 'rules', 'waivers', 'baseline'] as const).map((k) => {
  const f = report.run.files[k];
  return f ? html`<dt>${k === 'baseline' ? 'Baseline / previous' : k[0]!.toUpperCase() + k.slice(1)}</dt><dd>${f.path} · sha256 ${f.sha256}</dd>` : '';
})}
<dt>Generated</dt><dd>${instant(report.run.generated_at)}</dd>
</dl>
${
    report.ignored.length
      ? html`<h3>Ignored files</h3><p class="muted">Files under the given folders that no reader recognised (not data, not an error):</p><ul class="mono small">${report.ignored.map((f) => html`<li>${f}</li>`)}</ul>`
      : ''
  }
</section>`;
}
