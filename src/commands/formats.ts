import { EXIT, type ExitCode } from '../errors.ts';
import type { Adapter } from '../ingest/adapter.ts';
import type { Io } from '../io.ts';

export const formatsCommand = {
  command: 'formats',
  describe: 'list the input adapters, how each is recognised, what it maps and what its format cannot express',
};

const WIDTH = 100;

/** Prints every adapter in detection order, then how detection works. */
export async function runFormats(io: Io): Promise<ExitCode> {
  io.stdout(
    wrap(
      'Each input file is read by the first adapter, in this order, that recognises its content; ' +
        '--source NAME forces one. A file no provider claims is read as the native format by its extension. ' +
        'Records an adapter reads but no rule uses are counted as skipped, with the reason, in the report.',
      '',
      '',
    ),
  );
  const { ADAPTERS } = await import('../ingest/adapters/index.ts');
  for (const adapter of ADAPTERS) io.stdout(`\n${describe(adapter)}`);
  io.stdout(`\n${wrap('docs/formats.md has every mapped event type, the canonical rows it produces, and the gaps.', '', '')}`);
  return EXIT.ok;
}

function describe(a: Adapter): string {
  let text = `${a.name} — ${a.title}\n`;
  if (a.detects) text += wrap(a.detects, '  recognised by: ', '    ');
  if (a.maps.length) text += '  maps:\n' + a.maps.map((m) => wrap(m, '    - ', '      ')).join('');
  text += a.gaps.length
    ? '  cannot express:\n' + a.gaps.map((g) => wrap(g, '    - ', '      ')).join('')
    : '  cannot express: nothing the canonical model holds\n';
  if (a.docs) text += `  docs: ${a.docs}\n`;
  return text;
}

/** Wraps text at word boundaries to WIDTH columns: the first line after `first`, the rest after `rest`. */
function wrap(text: string, first: string, rest: string): string {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (!empty && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = rest + word;
    } else {
      line += (empty ? '' : ' ') + word;
    }
    empty = false;
  }
  lines.push(line);
  return `${lines.join('\n')}\n`;
}
