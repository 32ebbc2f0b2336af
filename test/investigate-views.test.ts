import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { rowLabel, when } from '../src/investigate/format.ts';
import { InvestigationSchema, type Investigation } from '../src/investigate/schema.ts';
import { runCli, tempDir } from './helpers.ts';

// With no inputs and no --db, investigate reads the demo organisation (fixtures/demo).
async function views(target: string[]) {
  const [json, terminal, html] = await Promise.all(
    ['json', 'text', 'html'].map((format) => runCli(['investigate', ...target, '--format', format])),
  );
  for (const run of [json, terminal, html]) expect(run!.code).toBe(0);
  return { inv: InvestigationSchema.parse(JSON.parse(json!.stdout)), text: terminal!.stdout, page: html!.stdout };
}

/** The terminal view's timeline rows: each starts with its time and its label. */
function terminalRows(out: string): string[] {
  const timeline = out.slice(out.indexOf('\nTimeline'), out.indexOf('\nFindings'));
  return timeline.split(/\n(?=\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z {2})/).slice(1).map((b) => b.replace(/\s+/g, ' '));
}

describe.each([
  ['--session', 's-ivan-laptop-06'],
  ['--subject', 'u-ivan'],
])('the three views of investigate %s %s agree', (flag, value) => {
  let inv: Investigation;
  let text: string;
  let page: string;
  beforeAll(async () => {
    ({ inv, text, page } = await views([flag, value]));
  });

  it('read the demo organisation, given neither inputs nor --db', () => {
    expect(inv.timeline.length).toBeGreaterThan(0);
    expect(inv.timeline.every((r) => r.source.file.includes('fixtures/demo'))).toBe(true);
  });

  it('prints every JSON timeline row in the terminal, in order, with its time, label, source and findings', () => {
    const names = new Map(inv.findings.map((f, i) => [f.id, `F${i + 1}`]));
    const rows = terminalRows(text);
    expect(rows).toHaveLength(inv.timeline.length);
    inv.timeline.forEach((row, i) => {
      expect(rows[i]!.startsWith(`${when(row.ts)} ${rowLabel(row)} `), rows[i]).toBe(true);
      expect(rows[i]).toContain(`${row.source.file}:${row.source.line}`);
      for (const id of row.findings) expect(rows[i]).toContain(names.get(id)!);
    });
  });

  it('fits the terminal view in 100 columns', () => {
    expect(text.split('\n').filter((l) => l.length > 100)).toEqual([]);
  });

  it('has one HTML table row per JSON timeline row, in order, with the same time, kind and source', () => {
    const trs = [...page.matchAll(/<tr class="[^"]*" data-kind="([^"]+)" data-ts="([^"]+)" data-source="([^"]+)">/g)];
    expect(trs.map((m) => [m[1], m[2], m[3]])).toEqual(inv.timeline.map((r) => [r.kind, r.ts, `${r.source.file}:${r.source.line}`]));
  });

  it('lists the same findings in all three', () => {
    const html = [...page.matchAll(/data-finding="([0-9a-f]+)"/g)].map((m) => m[1]);
    expect(html).toEqual(inv.findings.map((f) => f.id));
    for (const f of inv.findings) expect(text).toContain(`id ${f.id}`);
  });

  it('draws the timeline chart as inline SVG in a page that loads nothing', () => {
    expect(page).toContain('<svg');
    expect(page).not.toMatch(/<script|<link|src="http|href="http/i);
    expect(page).toMatch(/http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;;/);
  });
});

describe('--out', () => {
  it('writes the view to the file instead of stdout, and says where', async () => {
    const out = join(tempDir(), 'nested', 'ivan.json');
    const run = await runCli(['investigate', '--session', 's-ivan-laptop-06', '--format', 'json', '--out', out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`wrote ${out}\n`);
    expect(existsSync(out)).toBe(true);
    expect(InvestigationSchema.parse(JSON.parse(readFileSync(out, 'utf8'))).query).toEqual({ by: 'session', value: 's-ivan-laptop-06' });
  });
});
