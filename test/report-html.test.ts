import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { link } from '../src/report/html/components.ts';
import { Html, html } from '../src/report/html/html.ts';
import { jsonl, runCli, tempDir, writeFiles } from './helpers.ts';
import { PAYLOADS, hostileInputs } from './report-hostile.ts';

describe('the html template tag', () => {
  it('escapes every interpolated text, in text and in attribute values', () => {
    const value = `<script>alert("x")</script> & 'y'`;
    expect(html`<p title="${value}">${value}</p>`.toString()).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;</p>',
    );
  });

  it('nests fragments and lists without escaping them twice, and renders null, undefined and false as nothing', () => {
    const items = ['a<b', 'c'].map((t) => html`<li>${t}</li>`);
    expect(html`<ul>${items}${null}${undefined}${false}</ul>`.toString()).toBe('<ul><li>a&lt;b</li><li>c</li></ul>');
  });

  it('refuses an object instead of printing [object Object]', () => {
    expect(() => html`${{ a: 1 } as never}`).toThrow(TypeError);
  });

  it('lets raw markup in only through html.unsafe; an Html fragment cannot be forged', () => {
    expect(html`${html.unsafe('<b>ok</b>')}`.toString()).toBe('<b>ok</b>');
    expect(() => new Html(Symbol('revaudit.html'), '<b>forged</b>')).toThrow(TypeError);
  });

  it('links only http(s) URLs; a javascript: or data: URL stays text', () => {
    expect(link('https://owasp.org/x').toString()).toContain('href="https://owasp.org/x"');
    expect(link('javascript:alert(1)').toString()).not.toContain('href');
    expect(link('data:text/html,<script>alert(1)</script>').toString()).not.toContain('href');
  });

  it('has one raw door, which the report uses only for the stylesheet, the table script and Vega SVG', () => {
    const files = walk('src/report').filter((f) => f.endsWith('.ts'));
    const uses = files.flatMap((f) => (readFileSync(f, 'utf8').match(/html\.unsafe\(/g) ?? []).map(() => f));
    expect(uses.sort()).toEqual(['src/report/html/page.ts', 'src/report/html/page.ts', 'src/report/html/sections/charts.ts']);
  });
});

describe('report.html', () => {
  let demo: string;
  let hostile: string;
  beforeAll(async () => {
    demo = await auditHtml([]);
    hostile = await auditHtml([hostileInputs()]);
  });

  it('is self-contained: no external script, stylesheet, image, font or frame, and a policy that forbids fetching', () => {
    expect(demo).not.toMatch(/<(script|link|img|iframe|object|embed)\b[^>]*\b(src|href)=/i);
    expect(demo).not.toMatch(/@import|url\((?!#)/i);
    const csp = (/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(demo)?.[1] ?? '').replaceAll('&#39;', "'");
    expect(csp).toContain("default-src 'none'");
    const script = /<script>([\s\S]*?)<\/script>/.exec(demo)?.[1] ?? '';
    expect(csp).toContain(`'sha256-${createHash('sha256').update(script).digest('base64')}'`);
  });

  it('inlines the four charts as SVG with ids unique in the page', () => {
    expect(demo.match(/<svg /g)).toHaveLength(4);
    const ids = [...demo.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('never writes a hostile value from the logs as markup, only escaped', () => {
    for (const [name, payload] of Object.entries(PAYLOADS)) {
      expect(hostile.includes(payload), `${name} appears unescaped`).toBe(false);
    }
    expect(hostile).toContain('lc-&lt;script&gt;alert(&#39;event&#39;)&lt;/script&gt;');
    expect(hostile.match(/<script\b/g)).toHaveLength(1);
  });
});

describe('report.html with nothing to show', () => {
  it('keeps every section and says so in words instead of drawing empty charts', async () => {
    const inputs = writeFiles({ 'one.jsonl': jsonl({ type: 'session.created', ts: '2026-08-01T09:00:00Z', session_id: 's-1', subject_id: 'u-1', ip: '192.0.2.1', user_agent: 'x' }) });
    const page = await auditHtml([inputs]);
    expect(page).not.toContain('<svg ');
    expect(page.match(/<figure class="chart"/g)).toHaveLength(4);
    expect(page.match(/<p class="empty">/g)).toHaveLength(4);
    for (const id of ['findings', 'coverage', 'reuse', 'waivers', 'rules', 'inputs', 'quarantine', 'policy']) expect(page).toContain(`<section id="${id}"`);
  });
});

async function auditHtml(inputs: string[]): Promise<string> {
  const out = tempDir();
  const { code, stderr } = await runCli(['audit', ...inputs, '--out', out, '--format', 'html', '--quiet'], { SOURCE_DATE_EPOCH: '1790812800' });
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return readFileSync(join(out, 'report.html'), 'utf8');
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}
