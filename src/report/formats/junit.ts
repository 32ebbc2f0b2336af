import { evaluate } from '../../gate/evaluate.ts';
import { thresholdsOf } from '../../gate/thresholds.ts';
import type { Report } from '../schema.ts';

/**
 * JUnit XML (junit.xml) for CI test viewers (GitHub test-report actions, GitLab
 * `artifacts:reports:junit`, Jenkins `junit`). Suites: `gate` (one testcase per threshold),
 * `coverage` (one per lifecycle event row) and one per rule (one testcase per finding, or
 * a single "no findings" case). A <failure> marks exactly what fails the report's verdict;
 * waived and pending items are <skipped>; everything else passes with its details in
 * <system-out>. Every value from a log is escaped.
 */
export function renderJunit(report: Report): string {
  const results = evaluate(report, thresholdsOf(report.verdict));
  const failingFindings = new Set(results.filter((r) => !r.passed).flatMap((r) => r.findings));
  const failingRows = new Set(results.filter((r) => !r.passed).flatMap((r) => r.coverage));
  const waiverOf = (id: string | null | undefined) => report.waivers.find((w) => id && id.split(', ').includes(w.id));
  const waivedBy = (id: string | null | undefined) => {
    const w = waiverOf(id);
    return w ? `waived by ${id} (owner ${w.owner}${w.ticket ? `, ticket ${w.ticket}` : ''}, until ${w.expires}): ${w.reason}` : `waived by ${id}`;
  };

  const suites: Suite[] = [];
  suites.push({
    name: 'gate',
    cases: results.map((r) => ({
      classname: 'revaudit.gate',
      name: r.threshold,
      ...(r.passed ? { out: r.detail } : { failure: { type: 'gate', message: r.detail, body: r.detail } }),
    })),
  });
  suites.push({
    name: 'coverage',
    cases: report.coverage.map((c): Case => {
      const text = `${c.waived_status ?? c.status}: ${c.revoked_in_time} of ${c.required_sessions} required sessions revoked in time` +
        (c.max_seconds_to_revoke === null ? '' : `, slowest ${c.max_seconds_to_revoke} s after the event`);
      const base = { classname: `revaudit.coverage.${c.kind}`, name: `${c.event_id} ${c.subject_id} ${c.ts}`, file: c.source_file, line: c.source_line };
      if (failingRows.has(c.event_id)) return { ...base, failure: { type: c.status, message: text, body: text } };
      if (c.status === 'waived') return { ...base, skipped: `${waivedBy(c.waiver)}; ${text}` };
      if (c.status === 'pending') return { ...base, skipped: 'pending: the inputs end before the SLA deadline' };
      return { ...base, out: text };
    }),
  });
  for (const rule of report.rules) {
    const findings = report.findings.filter((f) => f.rule === rule.id);
    const classname = `revaudit.rule.${rule.id}`;
    const cases: Case[] = findings.map((f) => {
      const ev = f.evidence[0];
      const body = [
        f.message,
        `severity ${f.severity}; subject ${f.subject_id ?? '-'}; session ${f.session_id ?? '-'}; lifecycle event ${f.lifecycle_event_id ?? '-'}; observed ${f.observed_at}`,
        ...(f.baseline ? [`baseline: ${f.baseline}`] : []),
        ...f.evidence.map((e) => `evidence: ${e.table} ${e.event_id} at ${e.source_file}:${e.source_line}`),
      ].join('\n');
      const base: Case = {
        classname,
        name: `${[f.subject_id, f.session_id, f.lifecycle_event_id].filter(Boolean).join(' ')} [${f.id}]`,
        ...(ev ? { file: ev.source_file, line: ev.source_line } : {}),
      };
      if (failingFindings.has(f.id)) return { ...base, failure: { type: f.severity, message: `${f.severity}: ${f.message}`, body } };
      if (f.waiver) return { ...base, skipped: waivedBy(f.waiver) };
      return { ...base, out: body };
    });
    if (cases.length === 0) {
      cases.push(rule.enabled ? { classname, name: 'no findings', out: rule.title } : { classname, name: 'no findings', skipped: 'rule disabled by config' });
    }
    suites.push({ name: `rule ${rule.id}`, cases });
  }
  return xmlDocument(suites, report.run.generated_at);
}

interface Case {
  classname: string;
  name: string;
  file?: string;
  line?: number;
  failure?: { type: string; message: string; body: string };
  skipped?: string;
  out?: string;
}

interface Suite {
  name: string;
  cases: Case[];
}

function xmlDocument(suites: readonly Suite[], timestamp: string): string {
  const count = (list: readonly Case[], what: 'failure' | 'skipped') => list.filter((c) => c[what] !== undefined).length;
  const all = suites.flatMap((s) => s.cases);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="revaudit" tests="${all.length}" failures="${count(all, 'failure')}" errors="0" skipped="${count(all, 'skipped')}" time="0">`,
  ];
  suites.forEach((suite, i) => {
    lines.push(
      `  <testsuite name="${attr(suite.name)}" id="${i}" tests="${suite.cases.length}" failures="${count(suite.cases, 'failure')}" errors="0" skipped="${count(suite.cases, 'skipped')}" time="0" timestamp="${attr(timestamp.replace(/Z$/, ''))}">`,
    );
    for (const c of suite.cases) {
      const where = c.file === undefined ? '' : ` file="${attr(c.file)}"${c.line === undefined ? '' : ` line="${c.line}"`}`;
      const open = `    <testcase classname="${attr(c.classname)}" name="${attr(c.name)}"${where} time="0"`;
      if (c.failure) {
        lines.push(`${open}>`, `      <failure type="${attr(c.failure.type)}" message="${attr(c.failure.message)}">${text(c.failure.body)}</failure>`, '    </testcase>');
      } else if (c.skipped !== undefined) {
        lines.push(`${open}>`, `      <skipped message="${attr(c.skipped)}"/>`, '    </testcase>');
      } else if (c.out) {
        lines.push(`${open}>`, `      <system-out>${text(c.out)}</system-out>`, '    </testcase>');
      } else {
        lines.push(`${open}/>`);
      }
    }
    lines.push('  </testsuite>');
  });
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}

/** Characters XML 1.0 cannot hold at all (controls, lone surrogates, U+FFFE/FFFF) become U+FFFD. */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function text(value: string): string {
  return value.replace(NOT_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(value: string): string {
  // Newlines and tabs are written as references so attribute normalisation keeps them.
  return text(value).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}
