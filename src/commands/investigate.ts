import { basename, dirname } from 'node:path';
import type { Argv } from 'yargs';
import { EXIT, RevauditError, type ExitCode } from '../errors.ts';
import { useColour } from '../investigate/layout.ts';
import { jsonSafe } from '../investigate/sanitize.ts';
import type { Investigation, Target } from '../investigate/schema.ts';
import { renderText } from '../investigate/text.ts';
import type { Io } from '../io.ts';
import { toJson, writeAtomic } from '../report/write.ts';

const VIEWS = ['text', 'json', 'html'] as const;

export const investigateCommand = {
  command: 'investigate [inputs..]',
  describe: 'timeline of one session, subject or IP address (no inputs and no --db: the demo organisation)',
  builder: (y: Argv) =>
    y
      .positional('inputs', { type: 'string', array: true, describe: 'files or folders to ingest first (into --db when given)' })
      .option('session', { type: 'string', describe: 'a session id' })
      .option('subject', { type: 'string', describe: 'a subject id: its sessions and those of the agents it owns' })
      .option('ip', { type: 'string', describe: 'an IP address, as logged: every session and subject it touched' })
      .option('db', { type: 'string', describe: 'the DuckDB file to read (alone: reused as it is, nothing ingested)' })
      .option('format', { type: 'string', choices: VIEWS, default: 'text', describe: 'text (terminal), json or html' })
      .option('out', { type: 'string', describe: 'write to this file instead of stdout' })
      .option('config', { type: 'string', describe: 'policy file (YAML or JSON)' })
      .option('from', { type: 'string', describe: 'first day shown (YYYY-MM-DD, UTC) or a quarter' })
      .option('to', { type: 'string', describe: 'last day shown, inclusive, or a quarter' })
      .option('rules', { type: 'string', describe: 'a folder of extra rules (*.sql)' })
      .option('source', { type: 'string', describe: 'force one adapter for every input' })
      .option('threads', { type: 'number', describe: 'DuckDB threads' })
      .option('memory-limit', { type: 'string', describe: "DuckDB memory limit, e.g. '4GB'" })
      .example('$0 investigate --session s-ivan-laptop-06', 'the demo: a revoked session replayed from a new address')
      .example('$0 audit logs/ --db q3.duckdb && $0 investigate --db q3.duckdb --ip 203.0.113.7', 'ingest once, investigate many times'),
};

export interface InvestigateArgs {
  inputs?: string[] | undefined;
  session?: string | undefined;
  subject?: string | undefined;
  ip?: string | undefined;
  db?: string | undefined;
  format: (typeof VIEWS)[number];
  out?: string | undefined;
  config?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  rules?: string | undefined;
  source?: string | undefined;
  threads?: number | undefined;
  'memory-limit'?: string | undefined;
}

/** `revaudit investigate`: builds the investigation and prints (or writes) one view of it. */
export async function runInvestigate(args: InvestigateArgs, io: Io): Promise<ExitCode> {
  const target = targetOf(args);
  // Loaded here, not at the top, so `--help` and other commands start fast.
  const { adapterByName, ADAPTERS } = await import('../ingest/adapters/index.ts');
  const { investigate } = await import('../investigate/investigate.ts');
  const adapter = args.source ? adapterByName(args.source) : undefined;
  if (args.source && !adapter) {
    throw new RevauditError('usage.source', `unknown --source '${args.source}'; one of ${ADAPTERS.map((a) => a.name).join(', ')}`);
  }
  const inv = await investigate(
    {
      target,
      inputs: args.inputs ?? [],
      db: args.db,
      adapter,
      config: args.config,
      from: args.from,
      to: args.to,
      rules: args.rules,
      threads: args.threads,
      memoryLimit: args['memory-limit'],
    },
    io,
  );
  const content = await render(inv, args.format, !args.out && useColour(io));
  if (args.out) {
    const path = writeAtomic(dirname(args.out), basename(args.out), content);
    io.stdout(`wrote ${path}\n`);
  } else {
    io.stdout(content);
  }
  return EXIT.ok;
}

async function render(inv: Investigation, view: InvestigateArgs['format'], colour: boolean): Promise<string> {
  if (view === 'json') return jsonSafe(toJson(inv));
  // Vega and Vega-Lite load only when a chart is drawn: the terminal view starts faster.
  if (view === 'html') return (await import('../investigate/html.ts')).renderHtml(inv);
  return renderText(inv, colour);
}

function targetOf(args: InvestigateArgs): Target {
  const given = (['session', 'subject', 'ip'] as const).filter((by) => args[by] !== undefined);
  if (given.length !== 1) {
    throw new RevauditError('usage.target', `name exactly one of --session, --subject or --ip (got ${given.length})`);
  }
  const by = given[0]!;
  const value = String(args[by]);
  if (value.trim() === '') throw new RevauditError('usage.target', `--${by} needs a value`);
  return { by, value };
}
