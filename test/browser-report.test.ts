import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openFile } from './chromium.ts';
import { runCli, tempDir } from './helpers.ts';

// The demo report in a real browser (Debian's chromium driven by playwright-core).
// Screenshots go to .tmp/test-output/ (ignored by git) for a person to look at.
const OUTPUT = join(process.cwd(), '.tmp', 'test-output');
const expected = JSON.parse(readFileSync('fixtures/demo-expected.json', 'utf8')) as { findings: unknown[] };

describe('the demo HTML report in chromium', () => {
  let browser: Browser;
  let html: string;

  beforeAll(async () => {
    const out = tempDir();
    const { code, stderr } = await runCli(['audit', '--out', out, '--format', 'html', '--quiet'], { SOURCE_DATE_EPOCH: '1790812800' });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    html = join(out, 'report.html');
    browser = await launchChromium();
    mkdirSync(OUTPUT, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('draws every chart with JavaScript off, requests nothing and logs no error', async () => {
    const log = await openFile(browser, html, { javaScriptEnabled: false });
    const figures = log.page.locator('figure.chart');
    expect(await figures.count()).toBe(4);
    for (const figure of await figures.all()) {
      const id = await figure.getAttribute('id');
      const marks = await figure.locator('svg g.role-mark path, svg g.role-mark line').count();
      expect(marks, `marks drawn in ${id}`).toBeGreaterThan(0);
      const box = await figure.locator('svg').boundingBox();
      expect(box?.width ?? 0, `width of ${id}`).toBeGreaterThan(200);
    }
    expect(log.requests).toEqual([log.url]);
    expect(log.consoleErrors).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    await log.page.screenshot({ path: join(OUTPUT, 'demo-report-no-js.png'), fullPage: true });
    // The figure the issue asks for: how long the report takes to load and render.
    console.log(`report.html (${readFileSync(html).length} bytes) rendered in ${log.loadMs.toFixed(0)} ms with JavaScript off`);
    await log.page.context().close();
  });

  it('lists every finding of the demo in the findings table, and its script sorts and filters it without an error', async () => {
    const log = await openFile(browser, html);
    const rows = log.page.locator('#findings-table tbody tr');
    expect(await rows.count()).toBe(expected.findings.length);

    const filter = log.page.locator('[data-filter-for="findings-table"]');
    await expect.poll(() => filter.isVisible()).toBe(true);
    await filter.locator('select').selectOption('critical');
    const visible = await rows.evaluateAll((trs) => trs.filter((tr) => !(tr as HTMLElement).hidden).map((tr) => tr.getAttribute('data-severity')));
    expect(visible.length).toBeGreaterThan(0);
    expect(new Set(visible)).toEqual(new Set(['critical']));
    await filter.locator('select').selectOption('');

    await log.page.locator('#findings-table thead th').nth(0).locator('button').click();
    const ranks = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.querySelector('td')!.getAttribute('data-sort'))));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));

    expect(log.requests).toEqual([log.url]);
    expect(log.consoleErrors).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    await log.page.screenshot({ path: join(OUTPUT, 'demo-report.png'), fullPage: true });
    await log.page.context().close();
  });

  it('prints to PDF with the charts on the page', async () => {
    const log = await openFile(browser, html, { javaScriptEnabled: false });
    await log.page.emulateMedia({ media: 'print' });
    expect(await log.page.locator('nav.toc').isVisible()).toBe(false);
    for (const svg of await log.page.locator('figure.chart svg').all()) {
      const box = await svg.boundingBox();
      expect(box?.width ?? 0).toBeGreaterThan(200);
    }
    const pdf = await log.page.pdf({ format: 'A4', printBackground: true, path: join(OUTPUT, 'demo-report.pdf') });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await log.page.context().close();
  });
});

describe('the quarterly report (Q3 against Q2) in chromium', () => {
  let browser: Browser;
  const file = join(process.cwd(), 'reports', 'examples', 'quarters', '2026-Q3', 'report.html');
  const report = JSON.parse(readFileSync(join(process.cwd(), 'reports', 'examples', 'quarters', '2026-Q3', 'report.json'), 'utf8'));

  beforeAll(async () => {
    browser = await launchChromium();
    mkdirSync(OUTPUT, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('opens on the executive summary, draws the trend chart and shows the whole control matrix, with JavaScript off', async () => {
    const log = await openFile(browser, file, { javaScriptEnabled: false });
    const first = log.page.locator('main > section').first();
    expect(await first.getAttribute('id')).toBe('executive');
    const summary = await first.innerText();
    expect(summary).toContain('This report covers 2026-07-01 to 2026-09-30');
    expect(summary).toContain('coverage went from 73.3% to 89.5%');
    expect(summary).toMatch(/470 sessions of 34 people, 3 AI agents, 1 service account/);

    const trend = log.page.locator('#chart-trend svg');
    expect(await trend.locator('g.role-mark path').count()).toBeGreaterThan(10);
    expect((await trend.boundingBox())?.width ?? 0).toBeGreaterThan(200);
    expect(await log.page.locator('#resolved-table tbody tr').count()).toBe(report.trend.findings.resolved);

    for (const framework of report.control_matrix.frameworks) {
      const rows = log.page.locator(`#controls-${framework.key}-table tbody tr`);
      expect(await rows.count(), framework.key).toBe(framework.requirements.length);
      expect(await rows.filter({ hasText: 'not tested' }).count(), framework.key).toBe(framework.counts.not_tested);
    }
    expect(log.requests).toEqual([log.url]);
    expect(log.consoleErrors).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    await log.page.screenshot({ path: join(OUTPUT, 'quarterly-report-q3.png'), fullPage: true });
    await log.page.context().close();
  });
});

