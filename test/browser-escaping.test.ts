import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openFile } from './chromium.ts';
import { runCli, tempDir } from './helpers.ts';
import { PAYLOADS, hostileInputs } from './report-hostile.ts';

/** What in the page could run code or fetch something: elements, handlers, links. */
async function activeContent(page: Page) {
  return page.evaluate(() => {
    const all = [...document.querySelectorAll('*')];
    return {
      scripts: document.querySelectorAll('script').length,
      embeds: document.querySelectorAll('img, iframe, frame, object, embed, link, base, form, meta[http-equiv="refresh"]').length,
      handlers: all.flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName} ${a.name}`)),
      links: [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')!).filter((h) => !/^(#|https?:\/\/)/.test(h)),
    };
  });
}

describe('values from the logs in report.html, in chromium', () => {
  let browser: Browser;
  let html: string;
  let withoutPolicy: string;

  beforeAll(async () => {
    const out = tempDir();
    const { code, stderr } = await runCli(['audit', hostileInputs(), '--out', out, '--format', 'html', '--quiet']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    html = join(out, 'report.html');
    // The same page without its Content-Security-Policy: the escaping alone must hold.
    const text = readFileSync(html, 'utf8');
    const stripped = text.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\n/, '');
    expect(stripped).not.toBe(text);
    withoutPolicy = join(out, 'report-no-csp.html');
    writeFileSync(withoutPolicy, stripped);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const [name, page] of [['as written', () => html], ['with its Content-Security-Policy removed', () => withoutPolicy]] as const) {
    it(`run no script, open no dialog and make no request (${name})`, async () => {
      const log = await openFile(browser, page());
      // Give a payload's timers and load events the chance to fire.
      await log.page.waitForTimeout(300);
      expect(log.dialogs).toEqual([]);
      expect(log.pageErrors).toEqual([]);
      expect(log.consoleErrors).toEqual([]);
      expect(log.requests).toEqual([log.url]);
      expect(await activeContent(log.page)).toEqual({ scripts: 1, embeds: 0, handlers: [], links: [] });
      await log.page.context().close();
    });
  }

  it('show each payload as the text it was', async () => {
    const log = await openFile(browser, html, { javaScriptEnabled: false });
    const text = await log.page.locator('body').innerText();
    for (const key of ['event', 'session', 'subject', 'reuseAgent', 'reuseIp', 'type', 'file'] as const) {
      expect(text, key).toContain(PAYLOADS[key]);
    }
    await log.page.context().close();
  });
});
