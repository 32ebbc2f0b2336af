import type { Report } from '../../schema.ts';
import { none, table } from '../components.ts';
import { bytes, instant, int } from '../format.ts';
import { html, type Html } from '../html.ts';

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
${
    report.ignored.length
      ? html`<h3>Ignored files</h3><p class="muted">Files under the given folders that no reader recognised (not data, not an error):</p><ul class="mono small">${report.ignored.map((f) => html`<li>${f}</li>`)}</ul>`
      : ''
  }
</section>`;
}
