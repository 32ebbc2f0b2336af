import { EXIT, type ExitCode } from '../errors.ts';
import { ADAPTERS } from '../ingest/adapters/index.ts';
import type { Io } from '../io.ts';

export const formatsCommand = {
  command: 'formats',
  describe: 'list the input adapters, what each maps and what its format cannot express',
};

export async function runFormats(io: Io): Promise<ExitCode> {
  for (const a of ADAPTERS) {
    io.stdout(`${a.name}: ${a.title}\n`);
    for (const m of a.maps) io.stdout(`  maps  ${m}\n`);
    for (const g of a.gaps) io.stdout(`  gap   ${g}\n`);
    io.stdout('\n');
  }
  io.stdout('Detection reads each file\'s content; --source NAME forces one adapter. A file no provider claims is read as the native format by its extension.\n');
  return EXIT.ok;
}
