/** The side effects a command may have, passed in so tests run commands in-process. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** The clock; reports use SOURCE_DATE_EPOCH instead when it is set. */
  now: () => Date;
  env: Record<string, string | undefined>;
  cwd: string;
  /** True when stdout is a terminal (progress lines, colour). */
  isTTY: boolean;
}

export function processIo(): Io {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    now: () => new Date(),
    env: process.env,
    cwd: process.cwd(),
    isTTY: Boolean(process.stdout.isTTY),
  };
}

/**
 * generated_at: SOURCE_DATE_EPOCH (seconds) when set, else the clock, to the whole second —
 * so `revaudit verify` can hand a report's own generated_at back as SOURCE_DATE_EPOCH.
 */
export function generatedAt(io: Io): string {
  const epoch = io.env['SOURCE_DATE_EPOCH'];
  const ms = epoch && /^\d+$/.test(epoch) ? Number(epoch) * 1000 : Math.floor(io.now().getTime() / 1000) * 1000;
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}
