import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { SaxesParser } from 'saxes';
import { beforeAll, describe, expect, it } from 'vitest';
import { SEVERITIES } from '../src/config/policy.ts';
import { renderJunit } from '../src/report/formats/junit.ts';
import { renderSarif } from '../src/report/formats/sarif.ts';
import type { Report } from '../src/report/schema.ts';
import { jsonl, runCli, tempDir, writeFiles } from './helpers.ts';

// ajv-formats is CommonJS; under NodeNext its default import is the module object.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

interface XmlNode {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
  text: string;
}

/** Parses XML with a strict, well-formedness-checking parser into a small tree; throws on any error. */
function parseXml(xml: string): XmlNode {
  const parser = new SaxesParser();
  const root: XmlNode = { name: '#document', attributes: {}, children: [], text: '' };
  const stack = [root];
  parser.on('error', (e) => {
    throw e;
  });
  parser.on('opentag', (tag) => {
    const node: XmlNode = { name: tag.name, attributes: tag.attributes as Record<string, string>, children: [], text: '' };
    stack.at(-1)!.children.push(node);
    stack.push(node);
  });
  parser.on('text', (t) => {
    stack.at(-1)!.text += t;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.write(xml).close();
  return root.children[0]!;
}

const all = (node: XmlNode, name: string): XmlNode[] => [
  ...node.children.filter((c) => c.name === name),
  ...node.children.flatMap((c) => all(c, name)),
];

/** SARIF 2.1.0 validation against the schema vendored in fixtures/sarif (see its README). */
function sarifValidator() {
  const schema = JSON.parse(readFileSync('fixtures/sarif/sarif-schema-2.1.0.json', 'utf8')) as object;
  const ajv = addFormats(new Ajv2020({ allErrors: true }));
  return ajv.compile(schema);
}

async function check(args: string[]) {
  const out = tempDir('revaudit-formats-');
  const run = await runCli(['check', ...args, '--out', out, '--format', 'json,junit,sarif']);
  const read = (f: string) => readFileSync(join(out, f), 'utf8');
  return { ...run, report: JSON.parse(read('report.json')) as Report, junit: read('junit.xml'), sarif: read('report.sarif') };
}

describe('JUnit and SARIF of the demo gate', () => {
  let demo: Awaited<ReturnType<typeof check>>;
  let waived: Awaited<ReturnType<typeof check>>;
  beforeAll(async () => {
    const db = join(tempDir(), 'demo.duckdb');
    demo = await check(['--db', db, '--min-coverage', '0.99']);
    const baseline = join(tempDir(), 'report.json');
    await runCli(['check', '--db', db, '--quiet', '--out', join(baseline, '..'), '--format', 'json']);
    waived = await check(['--db', db, '--waivers', 'fixtures/waivers/demo-waivers.yaml', '--baseline', baseline]);
  });

  it('writes well-formed JUnit: a gate suite, a coverage suite and one suite per rule, with consistent counts', () => {
    const root = parseXml(demo.junit);
    expect(root.name).toBe('testsuites');
    const suites = all(root, 'testsuite');
    expect(suites.map((s) => s.attributes['name'])).toEqual(['gate', 'coverage', ...demo.report.rules.map((r) => `rule ${r.id}`)]);
    for (const s of [root, ...suites]) {
      expect(Number(s.attributes['tests'])).toBe(all(s, 'testcase').length);
      expect(Number(s.attributes['failures'])).toBe(all(s, 'failure').length);
      expect(Number(s.attributes['skipped'])).toBe(all(s, 'skipped').length);
    }
    expect(all(suites[1]!, 'testcase')).toHaveLength(demo.report.coverage.length);
    const findingCases = suites.slice(2).flatMap((s) => all(s, 'testcase')).filter((c) => c.attributes['name'] !== 'no findings');
    expect(findingCases).toHaveLength(demo.report.findings.length);
  });

  it('marks as JUnit failures exactly what fails the gate: each threshold, the findings at or above high, the late and uncovered events', () => {
    const root = parseXml(demo.junit);
    const failed = (c: XmlNode) => c.children.some((x) => x.name === 'failure');
    const gate = all(root, 'testsuite')[0]!;
    expect(all(gate, 'testcase').filter(failed).map((c) => c.attributes['name'])).toEqual(['fail-on high', 'min-coverage 0.99']);
    const high = new Set(demo.report.findings.filter((f) => SEVERITIES.indexOf(f.severity) >= SEVERITIES.indexOf('high')).map((f) => f.id));
    const failedIds = all(root, 'testcase').filter(failed).map((c) => /\[([0-9a-f]+)\]$/.exec(c.attributes['name']!)?.[1]).filter(Boolean);
    expect(new Set(failedIds)).toEqual(high);
    const coverage = all(all(root, 'testsuite')[1]!, 'testcase').filter(failed).map((c) => c.attributes['name']!.split(' ')[0]);
    expect(coverage).toEqual(demo.report.coverage.filter((c) => c.status === 'late' || c.status === 'uncovered').map((c) => c.event_id));
  });

  it('shows waived findings and events as skipped in JUnit, with the waiver', () => {
    const root = parseXml(waived.junit);
    expect(all(root, 'failure')).toHaveLength(0);
    const skipped = all(root, 'skipped').map((s) => s.attributes['message']!);
    for (const w of waived.report.waivers) expect(skipped.some((m) => m.startsWith(`waived by ${w.id} (owner ${w.owner}`))).toBe(true);
  });

  it('writes SARIF that validates against the SARIF 2.1.0 schema, failing or passing, waived or not', () => {
    const validate = sarifValidator();
    for (const sarif of [demo.sarif, waived.sarif]) {
      const ok = validate(JSON.parse(sarif));
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    }
  });

  it('gives one SARIF result per finding, located at its first evidence and fingerprinted by its id', () => {
    const run = JSON.parse(demo.sarif).runs[0];
    expect(run.results).toHaveLength(demo.report.findings.length);
    demo.report.findings.forEach((f, i) => {
      const r = run.results[i];
      expect(r.ruleId).toBe(f.rule);
      expect(run.tool.driver.rules[r.ruleIndex].id).toBe(f.rule);
      expect(r.partialFingerprints['revauditFindingId/v1']).toBe(f.id);
      expect(r.locations[0].physicalLocation).toEqual({
        artifactLocation: { uri: f.evidence[0]!.source_file },
        region: { startLine: f.evidence[0]!.source_line },
      });
    });
  });

  it('describes each SARIF rule with help text and its controls as tags', () => {
    const rules = JSON.parse(demo.sarif).runs[0].tool.driver.rules;
    demo.report.rules.forEach((rule, i) => {
      expect(rules[i].help.text).toContain(rule.summary);
      for (const c of rule.controls) expect(rules[i].properties.tags).toContain(`${c.framework} ${c.id}`);
    });
  });

  it('suppresses waived SARIF results with their justification and carries the baseline state', () => {
    const results = JSON.parse(waived.sarif).runs[0].results as Array<Record<string, any>>;
    const byId = new Map(waived.report.findings.map((f) => [f.id, f]));
    for (const r of results) {
      const f = byId.get(r['partialFingerprints']['revauditFindingId/v1'])!;
      const w = waived.report.waivers.find((x) => x.id === f.waiver);
      expect(r['suppressions']).toEqual(w ? [expect.objectContaining({ kind: 'external', status: 'accepted', justification: w.reason })] : undefined);
      expect(r['baselineState']).toBe({ new: 'new', open: 'unchanged', newly_waived: 'updated', waiver_expired: 'updated' }[f.baseline!]);
    }
  });

  it('renders JUnit and SARIF from the report JSON alone, byte for byte', () => {
    expect(renderJunit(demo.report)).toBe(demo.junit);
    expect(renderSarif(demo.report)).toBe(demo.sarif);
  });
});

describe('log values in JUnit and SARIF', () => {
  it('are escaped: markup, quotes and control characters from the inputs keep both files valid', async () => {
    const hostile = `u-<script>alert("x&y")</script>'\u0001`;
    const dir = writeFiles({
      'odd folder & co/sessions.jsonl': jsonl({ type: 'session.created', ts: '2026-09-01T09:00:00Z', session_id: 's-1', subject_id: hostile, user_agent: 'ua' }),
    });
    const run = await check([join(dir, 'odd folder & co'), '--fail-on', 'low']);
    expect(run.code).toBe(1);
    const finding = run.report.findings[0]!;
    expect(finding.subject_id).toBe(hostile);
    const failure = all(parseXml(run.junit), 'failure').find((f) => f.attributes['type'] === 'low')!;
    expect(failure.attributes['message']).toBe(`low: ${finding.message}`.replace('\u0001', '\uFFFD'));
    const validate = sarifValidator();
    const sarif = JSON.parse(run.sarif);
    expect(validate(sarif)).toBe(true);
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toMatch(/odd%20folder%20%26%20co\/sessions\.jsonl$/);
  });
});
