import type { Io } from '../io.ts';
import { terminalSafe } from './sanitize.ts';

/** The terminal view's width: readable in a 100-column terminal. */
export const WIDTH = 100;

export type Style = 'plain' | 'bold' | 'dim' | 'red' | 'boldred' | 'yellow' | 'green' | 'magenta' | 'cyan' | 'blue';

/** A run of text in one style. Text from logs is made terminal-safe when the span is made. */
export interface Span {
  text: string;
  style: Style;
}

/** A span of text (sanitised: it may come from a log). */
export const span = (text: string | number, style: Style = 'plain'): Span => ({ text: terminalSafe(String(text)), style });

const SGR: Record<Style, string> = {
  plain: '',
  bold: '\u001b[1m',
  dim: '\u001b[2m',
  red: '\u001b[31m',
  boldred: '\u001b[1;31m',
  yellow: '\u001b[33m',
  green: '\u001b[32m',
  magenta: '\u001b[35m',
  cyan: '\u001b[36m',
  blue: '\u001b[34m',
};

/** Colour only on a terminal, and never when NO_COLOR is set to anything (no-color.org) or TERM is dumb. */
export function useColour(io: Io): boolean {
  return io.isTTY && !io.env['NO_COLOR'] && io.env['TERM'] !== 'dumb';
}

/**
 * Lays spans out in lines of at most `width` columns: the first line starts after `first`
 * (already printed), the next ones are indented by `indent`. Words longer than a line are
 * cut. Returns the text with a final newline; colour codes only when `colour`.
 */
export function flow(spans: readonly Span[], opts: { indent: number; firstUsed: number; colour: boolean; width?: number }): string {
  const width = opts.width ?? WIDTH;
  const words: Span[] = spans.flatMap((s) =>
    s.text.split(' ').filter((w) => w !== '').map((w) => ({ text: w, style: s.style })),
  );
  const lines: Span[][] = [[]];
  let used = opts.firstUsed;
  for (let word of words) {
    let line = lines[lines.length - 1]!;
    const room = () => width - used - (line.length > 0 ? 1 : 0);
    if (word.text.length > room() && line.length > 0) {
      lines.push((line = []));
      used = opts.indent;
    }
    while (word.text.length > room()) {
      const cut = Math.max(1, room());
      line.push({ text: word.text.slice(0, cut), style: word.style });
      lines.push((line = []));
      used = opts.indent;
      word = { text: word.text.slice(cut), style: word.style };
    }
    used += word.text.length + (line.length > 0 ? 1 : 0);
    line.push(word);
  }
  const paint = (s: Span) => (opts.colour && s.style !== 'plain' ? `${SGR[s.style]}${s.text}\u001b[0m` : s.text);
  return `${lines.map((l, i) => (i === 0 ? '' : ' '.repeat(opts.indent)) + l.map(paint).join(' ')).join('\n')}\n`;
}

/** One styled label padded to a width (labels are ours, never from a log). */
export function label(text: string, style: Style, pad: number, colour: boolean): string {
  const padded = text.padEnd(pad);
  return colour && style !== 'plain' ? `${SGR[style]}${text}\u001b[0m${padded.slice(text.length)}` : padded;
}
