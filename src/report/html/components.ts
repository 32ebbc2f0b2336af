import { html, type Html, type HtmlValue } from './html.ts';
import { words } from './format.ts';

/** Small building blocks shared by the report's sections. */

/** A class-name-safe token: log values never shape class names beyond [a-z0-9_-]. */
const token = (value: string): string => (/^[a-z0-9_-]+$/.test(value) ? value : 'other');

/** A severity as a coloured badge. */
export function severityBadge(severity: string): Html {
  return html`<span class="badge sev-${token(severity)}">${severity}</span>`;
}

/** A coverage status as a coloured badge. */
export function statusBadge(status: string): Html {
  return html`<span class="badge st-${token(status)}">${words(status)}</span>`;
}

/** A waiver id as a badge. */
export function waiverBadge(id: string): Html {
  return html`<span class="badge waived" title="waiver">waived · ${id}</span>`;
}

/** file:line of a source record, in monospace. */
export function where(file: string, line: number | null): Html {
  return html`<span class="where">${file}${line === null ? '' : `:${line}`}</span>`;
}

/** A link, only for http(s) URLs; anything else (javascript:, data:) stays plain text. */
export function link(url: string): Html {
  return /^https?:\/\/[^\s"'<>]+$/i.test(url) ? html`<a class="ref" href="${url}" rel="noreferrer">${url}</a>` : html`<span class="wrapall">${url}</span>`;
}

/** A sentence shown where a table would be empty. */
export function none(text: string): Html {
  return html`<p class="none">${text}</p>`;
}

export interface Column {
  label: string;
  /** Right-aligned tabular figures. */
  num?: boolean;
}

/** A table with a header row; sortable ones get buttons from the inline script (JS only). */
export function table(options: { id?: string; caption?: HtmlValue; columns: Column[]; rows: Html[]; sortable?: boolean }): Html {
  const { id, caption, columns, rows, sortable = true } = options;
  return html`<div class="table-wrap"><table${id ? html` id="${id}"` : ''}${sortable ? html` data-sortable` : ''}>${
    caption ? html`<caption>${caption}</caption>` : ''
  }<thead><tr>${columns.map((c) => html`<th scope="col"${c.num ? html` class="num"` : ''}>${c.label}</th>`)}</tr></thead><tbody>
${rows.map((r) => html`${r}\n`)}</tbody></table></div>`;
}

/** A filter bar for a table (hidden until the inline script shows it; never printed). */
export function filterBar(tableId: string, placeholder: string, selects: { attr: string; label: string; options: string[] }[] = []): Html {
  return html`<div class="filters" data-filter-for="${tableId}" hidden><input type="search" placeholder="${placeholder}" aria-label="${placeholder}">${selects.map(
    (s) =>
      html`<select data-attr="${s.attr}" aria-label="${s.label}"><option value="">${s.label}: all</option>${s.options.map(
        (o) => html`<option value="${o}">${words(o)}</option>`,
      )}</select>`,
  )}<span class="count muted" aria-live="polite"></span></div>`;
}

/** Details of a finding as a definition list; nested values as compact JSON text. */
export function detailsList(details: Record<string, unknown>): Html {
  const entries = Object.entries(details).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0));
  if (entries.length === 0) return html``;
  return html`<dl>${entries.map(([k, v]) => html`<dt>${words(k)}</dt><dd>${valueText(v)}</dd>`)}</dl>`;
}

function valueText(v: unknown): string {
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(', ');
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}
