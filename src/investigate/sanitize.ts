/**
 * Log values are attacker-controlled: a user agent or a revocation reason can hold escape
 * sequences that clear the analyst's screen, retitle the window, move the cursor back over
 * what was printed (\r, backspace) or reorder text (bidi overrides). These helpers make a
 * value inert for a terminal (removed) and show it for HTML (visible escapes).
 */

// ECMA-48 sequences, 7-bit and 8-bit forms:
//   CSI  ESC [ or 0x9B, parameter bytes 0x30-0x3F, intermediates 0x20-0x2F, a final byte;
//   OSC, DCS, SOS, PM, APC  (ESC ] P X ^ _ or 0x9D 0x90 0x98 0x9E 0x9F) up to BEL or ST
//        (ESC \ or 0x9C), or to the end of the text when unterminated;
//   any other ESC + one byte (charset selection, RIS "ESC c", ...).
const SEQUENCES = new RegExp(
  [
    '(?:\\u001b\\[|\\u009b)[\\u0030-\\u003f]*[\\u0020-\\u002f]*[\\u0040-\\u007e]?',
    '(?:\\u001b[\\]PX^_]|[\\u009d\\u0090\\u0098\\u009e\\u009f])[\\s\\S]*?(?:\\u0007|\\u001b\\\\|\\u009c|$)',
    '\\u001b[\\s\\S]?',
  ].join('|'),
  'g',
);

// C0 controls, DEL, C1 controls, and the Unicode bidi embeddings, overrides and isolates.
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const WHITESPACE_CONTROLS = /[\t\n\v\f\r\u0085]/g;

/** Whether a value holds anything terminalSafe would remove. */
export function hasControls(text: string): boolean {
  return new RegExp(SEQUENCES.source).test(text) || new RegExp(CONTROLS.source).test(text);
}

/**
 * The value as it may reach a terminal: escape sequences removed whole, line breaks and
 * tabs made spaces (so a value cannot fake a new timeline row), other controls removed.
 */
export function terminalSafe(text: string): string {
  return text.replace(SEQUENCES, '').replace(WHITESPACE_CONTROLS, ' ').replace(CONTROLS, '');
}

/**
 * The value with every control character written as a visible escape (\x1b, \r, \u202e),
 * for HTML: the analyst sees exactly what the client sent, and the page holds no control
 * characters. HTML escaping itself is the html tag's job.
 */
export function visibleControls(text: string): string {
  return text.replace(CONTROLS, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/**
 * JSON text that is safe to print: JSON.stringify escapes C0 controls but leaves DEL, the C1
 * controls (0x9B is CSI on some terminals) and bidi controls raw; these are written as
 * \uXXXX escapes instead, which is the same JSON value.
 */
export function jsonSafe(json: string): string {
  return json.replace(/[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g, (c) => {
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}
