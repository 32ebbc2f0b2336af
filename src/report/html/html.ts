/**
 * The one way HTML is built: a tagged template that escapes every interpolated value.
 * Values from logs (user agents, reasons, ids, file names) are attacker-controlled, so
 * nothing reaches the page as markup unless it went through `html.unsafe`, the single,
 * greppable raw door (used for the inline CSS, the inline script and Vega's own SVG).
 * Model: observablehq/framework src/html.ts.
 */

const BRAND = Symbol('revaudit.html');

/** A fragment of HTML that is safe to insert as is. */
export class Html {
  readonly #text: string;

  constructor(brand: symbol, text: string) {
    if (brand !== BRAND) throw new TypeError('Html fragments come from the html tag or html.unsafe');
    this.#text = text;
  }

  toString(): string {
    return this.#text;
  }
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for an HTML text node or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** What may be interpolated: text and numbers (escaped), fragments, lists of these, or nothing. */
export type HtmlValue = Html | string | number | boolean | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value instanceof Html) return value.toString();
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map(render).join('');
  if (typeof value === 'string' || typeof value === 'number' || value === true) return escapeHtml(String(value));
  // An object would print as "[object Object]" or leak structure: refuse it loudly.
  throw new TypeError(`cannot interpolate ${Object.prototype.toString.call(value)} into HTML`);
}

/** Builds an HTML fragment; every interpolated value is escaped unless it is already an Html fragment. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let text = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) text += render(values[i]) + (strings[i + 1] ?? '');
  return new Html(BRAND, text);
}

/** The raw door: trusted markup inserted unescaped. Never pass anything derived from a log. */
html.unsafe = (trusted: string): Html => new Html(BRAND, trusted);

/** Joins fragments with a separator fragment. */
export function join(parts: readonly Html[], separator: Html = html``): Html {
  return html`${parts.flatMap((p, i) => (i === 0 ? [p] : [separator, p]))}`;
}
