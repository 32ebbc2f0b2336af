import { EXIT, type ExitCode } from '../errors.ts';
import type { Io } from '../io.ts';
import type { RulesArgs } from './rules.ts';

export async function runRulesTest(_args: RulesArgs, io: Io): Promise<ExitCode> {
  io.stderr('rules test: not yet\n');
  return EXIT.usage;
}
