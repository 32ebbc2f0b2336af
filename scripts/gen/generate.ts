// The generator in two passes over the units (people), one unit in memory at a time:
//   1. simulate every unit's skeleton (sessions, lifecycle, revocations, planted records) and
//      count its records in the main period and its activity weight;
//   2. simulate each unit again (same seed, same skeleton), give it its share of the activity
//      that makes the main period exactly `events` records, and write everything out.
// Records of the main period go to DIR/data/, those of the following day to DIR/next-day/.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { apportion, emitActivity, weightIn } from './activity.ts';
import { convertFolders, type Format } from './convert.ts';
import { expectations } from './expected.ts';
import { Rng } from './prng.ts';
import type { Rec } from './records.ts';
import { Sinks } from './sink.ts';
import { iso, month } from './time.ts';
import { simulateUnit } from './unit.ts';
import { makeWorld, type World, type WorldOptions } from './world.ts';

export interface GenerateOptions extends WorldOptions {
  out: string;
  /** jsonl is written directly; csv and parquet are converted from it with DuckDB. */
  format?: Format | undefined;
  gzip?: boolean | undefined;
  /** Called after each unit with the records written so far (for a progress line). */
  progress?: ((written: number, total: number) => void) | undefined;
}

export interface GenerateResult {
  world: World;
  files: { data: Array<{ path: string; lines: number }>; nextDay: Array<{ path: string; lines: number }> };
  counts: { data: Record<string, number>; nextDay: Record<string, number> };
  agents: number;
  sessions: number;
}

/** Writes the JSON-lines data set and DIR/planted.json; returns what was written. */
export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const w = makeWorld(options);
  const { quota, fallbackRate } = planActivity(w);

  rmSync(join(options.out, 'data'), { recursive: true, force: true });
  rmSync(join(options.out, 'next-day'), { recursive: true, force: true });
  mkdirSync(join(options.out, 'data'), { recursive: true });
  const sinks = new Sinks(options.gzip ?? false);
  const nextDay = iso(w.mainEnd).slice(0, 10);
  const counts = { data: {} as Record<string, number>, nextDay: {} as Record<string, number> };
  let written = 0;
  let agents = 0;
  let sessions = 0;
  const paths = new Map<string, string>();
  const route = (rec: Rec) => {
    const main = rec.ts < w.mainEnd;
    const name = main ? (rec.file === 'activity' ? `activity-${month(rec.ts)}` : rec.file) : `${rec.file}-${nextDay}`;
    let path = paths.get(name);
    if (path === undefined) paths.set(name, (path = join(options.out, main ? 'data' : 'next-day', `${name}.jsonl`)));
    sinks.write(path, rec.line);
    const tally = main ? counts.data : counts.nextDay;
    tally[rec.file] = (tally[rec.file] ?? 0) + 1;
    if (main) written++;
  };

  for (let u = 0; u < w.people; u++) {
    const unit = simulateUnit(w, u);
    agents += unit.agents;
    sessions += unit.sessions.length;
    // Each export in time order within a unit, as identity providers write them.
    for (const rec of unit.records.sort((x, y) => x.ts - y.ts)) route(rec);
    const plan = { from: w.start, to: w.mainEnd, quota: quota[u]!, extraFrom: w.mainEnd, extraTo: w.nextEnd, fallbackRate };
    emitActivity(u, unit.sessions, plan, new Rng(`${w.seed}:activity:${u}`), route);
    await sinks.drain();
    options.progress?.(written, w.events);
  }
  let closed = await sinks.close();
  if (written !== w.events) throw new Error(`internal: wrote ${written} records, expected ${w.events}`);
  const format = options.format ?? 'jsonl';
  if (format !== 'jsonl') {
    const gzip = options.gzip ?? false;
    await convertFolders([join(options.out, 'data'), join(options.out, 'next-day')], format, gzip);
    const ext = format === 'csv' ? `.csv${gzip ? '.gz' : ''}` : '.parquet';
    closed = closed.map((f) => ({ ...f, path: f.path.replace(/\.jsonl(\.gz)?$/, ext) }));
  }

  const files = {
    data: closed.filter((f) => relative(options.out, f.path).startsWith('data')),
    nextDay: closed.filter((f) => relative(options.out, f.path).startsWith('next-day')),
  };
  const result: GenerateResult = { world: w, files, counts, agents, sessions };
  writeFileSync(join(options.out, 'planted.json'), `${JSON.stringify(expectations(result, options), null, 2)}\n`);
  return result;
}

/** Pass 1: each unit's activity quota, so that the main period holds exactly w.events records. */
function planActivity(w: World): { quota: number[]; fallbackRate: number } {
  const weights = new Float64Array(w.people);
  let skeleton = 0;
  for (let u = 0; u < w.people; u++) {
    const unit = simulateUnit(w, u);
    for (const rec of unit.records) if (rec.ts < w.mainEnd) skeleton++;
    weights[u] = weightIn(unit.sessions, w.start, w.mainEnd);
  }
  const activity = w.events - skeleton;
  if (activity < 0) {
    throw new Error(`${w.events} events are too few for ${w.people} people over ${w.days} days (${skeleton} records before any activity); ask for more events or fewer days`);
  }
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  return { quota: apportion(activity, weights), fallbackRate: totalWeight > 0 ? activity / totalWeight : 0 };
}
