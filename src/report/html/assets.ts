import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** The report's stylesheet and table script, inlined into every page (read once). */
export const STYLE = readFileSync(new URL('./style.css', import.meta.url), 'utf8');
export const SCRIPT = readFileSync(new URL('./client.js', import.meta.url), 'utf8');

/**
 * The page's Content-Security-Policy: nothing may be fetched (default-src 'none'), and the
 * only script allowed is ours, by hash, so markup that slipped past escaping still could
 * not run. Styles stay inline (the stylesheet and Vega's SVG attributes).
 */
export const CSP = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  `script-src 'sha256-${createHash('sha256').update(SCRIPT).digest('base64')}'`,
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
