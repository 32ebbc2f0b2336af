// Runs one child process and measures it: wall time (hrtime around spawn to exit) and peak
// resident memory. Peak RSS comes from GNU time (`/usr/bin/time -f %M`, the kernel's
// ru_maxrss of the child, exact); without it, from polling VmHWM in /proc/<pid>/status
// every 50 ms (may miss growth in the last 50 ms).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const GNU_TIME = '/usr/bin/time';

/** How peak RSS is measured on this machine. */
export const RSS_METHOD: 'gnu-time' | 'proc-vmhwm' = existsSync(GNU_TIME) ? 'gnu-time' : 'proc-vmhwm';

export interface Measured {
  wall_s: number;
  peak_rss_mb: number | null;
  rss_method: 'gnu-time' | 'proc-vmhwm';
  exit: number;
  stdout: string;
  stderr: string;
}

/** Runs `command args` to completion; never throws on a non-zero exit (the caller decides). */
export async function measure(command: string, args: readonly string[], cwd?: string): Promise<Measured> {
  const useTime = existsSync(GNU_TIME);
  const rssFile = join(tmpdir(), `revaudit-bench-rss-${process.pid}-${Date.now()}`);
  const [cmd, argv] = useTime ? [GNU_TIME, ['-f', '%M', '-o', rssFile, command, ...args]] : [command, [...args]];
  const started = process.hrtime.bigint();
  const child = spawn(cmd, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  let polledKb = 0;
  const poll = useTime ? undefined : setInterval(() => (polledKb = Math.max(polledKb, vmHwmKb(child.pid))), 50);
  const exit = await new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? 1)));
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  if (poll) clearInterval(poll);
  let kb: number | null = polledKb || null;
  if (useTime) {
    const text = existsSync(rssFile) ? readFileSync(rssFile, 'utf8') : '';
    const last = text.trim().split('\n').at(-1) ?? '';
    kb = /^\d+$/.test(last) ? Number(last) : null;
    rmSync(rssFile, { force: true });
  }
  return { wall_s: wall, peak_rss_mb: kb === null ? null : kb / 1024, rss_method: useTime ? 'gnu-time' : 'proc-vmhwm', exit, stdout, stderr };
}

function vmHwmKb(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}
