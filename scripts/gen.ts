// Generates a realistic native-format data set with planted violations (see scripts/gen/).
//
//   npm run gen -- --events 1000000 --out bench/data/1m [--seed 1] [--format jsonl|csv|parquet] [--gzip] [--days 91]
//
// Writes DIR/data/ (the period: sessions, lifecycle, revocations, activity by month),
// DIR/next-day/ (the day after, for incremental runs) and DIR/planted.json (what an audit
// must find). Audit DIR/data, not DIR: planted.json is not an input.
import { parseArgs } from 'node:util';
import { generate } from './gen/generate.ts';

const { values } = parseArgs({
  options: {
    events: { type: 'string' },
    out: { type: 'string' },
    seed: { type: 'string', default: '1' },
    format: { type: 'string', default: 'jsonl' },
    gzip: { type: 'boolean', default: false },
    days: { type: 'string' },
    quiet: { type: 'boolean', default: false },
  },
});

const events = Number(values.events);
if (!Number.isInteger(events) || events <= 0 || !values.out) {
  process.stderr.write('usage: npm run gen -- --events N --out DIR [--seed S] [--format jsonl|csv|parquet] [--gzip] [--days D]\n');
  process.exit(2);
}
const format = values.format;
if (format !== 'jsonl' && format !== 'csv' && format !== 'parquet') {
  process.stderr.write(`gen: --format must be jsonl, csv or parquet, not '${format}'\n`);
  process.exit(2);
}
const days = values.days === undefined ? undefined : Number(values.days);
if (days !== undefined && !(Number.isInteger(days) && days >= 7)) {
  process.stderr.write('gen: --days must be a whole number of at least 7\n');
  process.exit(2);
}

const started = process.hrtime.bigint();
const tty = process.stderr.isTTY && !values.quiet;
let last = 0;
const result = await generate({
  events,
  out: values.out,
  seed: values.seed,
  format,
  gzip: values.gzip,
  days,
  progress: tty
    ? (written, total) => {
        const now = Date.now();
        if (now - last < 500 && written < total) return;
        last = now;
        process.stderr.write(`\rgen: ${written.toLocaleString('en')} / ${total.toLocaleString('en')} records`);
      }
    : undefined,
});
if (tty) process.stderr.write('\n');
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
if (!values.quiet) {
  const w = result.world;
  process.stdout.write(
    `gen: ${w.events} records over ${w.days} days for ${w.people} people and ${result.agents} agents ` +
      `(${result.sessions} sessions) in ${seconds.toFixed(1)} s (${Math.round(w.events / seconds).toLocaleString('en')} records/s)\n` +
      `gen: wrote ${values.out}/data (${result.files.data.length} files), ${values.out}/next-day (${result.files.nextDay.length} files), ${values.out}/planted.json\n`,
  );
}
