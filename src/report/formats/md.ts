import { SEVERITIES } from '../../config/policy.ts';
import { instant, int, percent, roundDuration, words } from '../html/format.ts';
import { coverageByKind, dateRange, findingsWorstFirst, gapText, partialPrevious, timeSpan } from '../html/shape.ts';
import type { Report } from '../schema.ts';

const WORST = 10;

/**
 * A value from a log as a Markdown code span: no emphasis, link or HTML can start inside it.
 * The fence is longer than any backtick run in the value; pipes are escaped for tables.
 */
export function code(value: string | null): string {
  if (value === null || value === '') return '—';
  const text = value.replace(/[\r\n]+/g, ' ').replaceAll('|', '\\|');
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** report.md: a short summary for a CI step summary: verdict, coverage per kind, the worst findings. */
export function renderMarkdown(report: Report): string {
  const cov = report.summary.coverage.overall;
  const decided = cov.covered + cov.late + cov.uncovered;
  const sev = report.summary.findings.by_severity;
  const sum = (k: 'records' | 'loaded' | 'skipped' | 'quarantined') => report.inputs.reduce((n, i) => n + i[k], 0);
  const span = timeSpan(report);
  const waived = report.findings.filter((f) => f.waiver).length;
  const v = report.verdict;
  const gate =
    v.passed === null
      ? '**Gate: not set** (no `--fail-on`)'
      : `**Gate: ${v.passed ? 'passed' : 'failed'}**${v.fail_on ? ` (fail on ${v.fail_on})` : ''}${v.reasons.length ? `: ${v.reasons.join('; ')}` : ''}`;
  const out = [
    '## revaudit: session revocation audit',
    '',
    `${gate}  `,
    `**Coverage: ${percent(cov.ratio)}**, ${int(cov.covered)} of ${int(decided)} decided lifecycle events covered (${int(cov.late)} late, ${int(cov.uncovered)} uncovered, ${int(cov.pending)} pending, ${int(cov.no_sessions)} with no sessions, ${int(cov.waived)} waived)  `,
    `**Findings: ${int(report.summary.findings.total)}**, ${[...SEVERITIES].reverse().map((s) => `${s} ${int(sev[s] ?? 0)}`).join(' · ')}${waived ? ` (${int(waived)} waived)` : ''}`,
    '',
    `Period: ${dateRange(report.run.period.from, report.run.period.to)}. Inputs: ${int(report.inputs.length)} file(s), ${int(sum('records'))} records (${int(sum('loaded'))} loaded, ${int(sum('quarantined'))} quarantined, ${int(sum('skipped'))} skipped)${span && !report.run.period.from && !report.run.period.to ? `; events ${span.from.slice(0, 10)} to ${span.to.slice(0, 10)}` : ''}. Report \`${report.run.id}\`, generated ${instant(report.run.generated_at)} by revaudit ${report.tool.version}.`,
    '',
  ];
  const t = report.trend;
  if (t) {
    const all = t.coverage.find((c) => c.kind === '*');
    const f = t.findings;
    out.push(
      `Since the previous period (${dateRange(t.previous.period.from, t.previous.period.to)}${partialPrevious(t) ? `, data only from ${partialPrevious(t)}` : ''}): coverage ${percent(all?.previous?.ratio ?? null)} → ${percent(all?.current?.ratio ?? null)}; findings ${int(f.previous.total)} → ${int(f.current.total)} (${int(f.opened)} new, ${int(f.resolved)} no longer found${f.still_live ? `, ${int(f.still_live)} of them with a session still live` : ''}).`,
      '',
    );
  }
  const gaps = report.sources.filter((s) => s.gaps.length);
  if (gaps.length) {
    out.push(`**Data gaps:** ${gaps.map((s) => `${words(s.table)} from ${code(s.source)}: no records on ${s.gaps.map(gapText).join(', ')}`).join('; ')}.`, '');
  }
  const kinds = coverageByKind(report);
  if (kinds.length) {
    out.push('### Coverage per lifecycle kind', '');
    out.push('| Kind | Coverage | Covered | Late | Uncovered | Pending | No sessions | Waived | SLA |');
    out.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const k of kinds) {
      out.push(`| ${words(k.kind)} | ${percent(k.ratio)} | ${k.covered} | ${k.late} | ${k.uncovered} | ${k.pending} | ${k.no_sessions} | ${k.waived} | ${k.sla_seconds === null ? '—' : roundDuration(k.sla_seconds)} |`);
    }
    out.push('');
  }
  const worst = findingsWorstFirst(report.findings).slice(0, WORST);
  out.push(report.findings.length > WORST ? `### The ${WORST} worst findings of ${int(report.findings.length)}` : '### Findings', '');
  if (worst.length === 0) {
    out.push('No findings.', '');
  } else {
    out.push('| Severity | Rule | Subject | Session | Event | Observed (UTC) | Evidence |');
    out.push('| --- | --- | --- | --- | --- | --- | --- |');
    for (const f of worst) {
      const first = f.evidence[0];
      out.push(
        `| ${f.severity}${f.waiver ? ' (waived)' : ''} | ${code(f.rule)} | ${code(f.subject_id)} | ${code(f.session_id)} | ${code(f.lifecycle_event_id)} | ${instant(f.observed_at)} | ${first ? code(`${first.source_file}:${first.source_line}`) : '—'} |`,
      );
    }
    out.push('');
  }
  const frameworks = report.control_matrix.frameworks;
  if (frameworks.length) {
    out.push('### Control matrix', '');
    out.push('| Framework | Requirements in scope | Fail | Waived | Pass | Not tested |');
    out.push('| --- | ---: | ---: | ---: | ---: | ---: |');
    for (const f of frameworks) {
      out.push(`| ${f.name} | ${f.requirements.length} | ${f.counts.fail} | ${f.counts.waived} | ${f.counts.pass} | ${f.counts.not_tested} |`);
    }
    out.push('');
  }
  out.push('Full details, evidence and the control matrix per requirement: `report.html` and `report.json`.', '');
  return out.join('\n');
}
