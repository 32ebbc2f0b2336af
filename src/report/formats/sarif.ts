import type { Severity } from '../../config/policy.ts';
import type { Report } from '../schema.ts';
import { toJson } from '../write.ts';

/** SARIF `level` of a severity: what code-scanning viewers colour and filter by. */
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };

/** GitHub code scanning reads `security-severity` (0.1-10) on rules: critical >= 9, high >= 7, medium >= 4. */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '0.0' };

/** SARIF's baselineState for revaudit's baseline classes (resolved findings are not results). */
const BASELINE_STATE = { new: 'new', open: 'unchanged', newly_waived: 'updated', waiver_expired: 'updated' } as const;

type Finding = Report['findings'][number];
type Evidence = Finding['evidence'][number];

/**
 * SARIF 2.1.0 (report.sarif): one run, one result per finding, the rule catalogue with help
 * text and control mappings (properties.tags), each result located at its first piece of
 * evidence (input file and line; the rest as relatedLocations), fingerprinted by the
 * finding's stable id. Waived findings carry an accepted external suppression.
 */
export function renderSarif(report: Report): string {
  const ruleIndex = new Map(report.rules.map((r, i) => [r.id, i]));
  const waivers = new Map(report.waivers.map((w) => [w.id, w]));
  const notifications = report.waivers
    .filter((w) => w.state !== 'active')
    .map((w) => ({
      level: 'warning',
      message: {
        text:
          w.state === 'expired'
            ? `waiver ${w.id} expired on ${w.expires}; the ${w.matches.findings.length} finding(s) it covered count again`
            : `waiver ${w.id} matches nothing (stale)`,
      },
      locations: [location({ table: 'waivers', event_id: w.id, source_file: w.source_file, source_line: w.source_line })],
    }));

  const results = report.findings.map((f) => {
    const [first, ...rest] = f.evidence;
    const waiver = f.waiver ? waivers.get(f.waiver) : undefined;
    return {
      ruleId: f.rule,
      ...(ruleIndex.has(f.rule) ? { ruleIndex: ruleIndex.get(f.rule)! } : {}),
      level: LEVEL[f.severity],
      message: { text: f.message },
      ...(first ? { locations: [location(first)] } : {}),
      ...(rest.length ? { relatedLocations: rest.map((e, i) => ({ id: i + 1, ...location(e) })) } : {}),
      partialFingerprints: { 'revauditFindingId/v1': f.id },
      ...(f.baseline ? { baselineState: BASELINE_STATE[f.baseline] } : {}),
      ...(f.waiver
        ? {
            suppressions: [
              {
                kind: 'external',
                status: 'accepted',
                justification: waiver?.reason ?? `waived by ${f.waiver}`,
                properties: { waiver: f.waiver, ...(waiver ? { owner: waiver.owner, ticket: waiver.ticket, expires: waiver.expires } : {}) },
              },
            ],
          }
        : {}),
      properties: {
        severity: f.severity,
        subject_id: f.subject_id,
        session_id: f.session_id,
        lifecycle_event_id: f.lifecycle_event_id,
        observed_at: f.observed_at,
        ...(f.baseline ? { baseline: f.baseline } : {}),
        details: f.details,
      },
    };
  });

  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            rules: report.rules.map((r) => ({
              id: r.id,
              name: pascal(r.id),
              shortDescription: { text: r.title },
              fullDescription: { text: r.summary },
              help: { text: helpText(r), markdown: helpMarkdown(r) },
              ...(r.references.find(isHttp) ? { helpUri: r.references.find(isHttp)! } : {}),
              defaultConfiguration: { level: LEVEL[r.severity], enabled: r.enabled },
              properties: {
                tags: [...new Set(['security', 'session-revocation', ...r.controls.map((c) => `${c.framework} ${c.id}`)])],
                'security-severity': SECURITY_SEVERITY[r.severity],
                precision: 'high',
                controls: r.controls,
                status: r.status,
              },
            })),
          },
        },
        automationDetails: { id: `revaudit/${report.run.id}` },
        invocations: [
          {
            executionSuccessful: true,
            endTimeUtc: report.run.generated_at,
            ...(notifications.length ? { toolExecutionNotifications: notifications } : {}),
          },
        ],
        results,
        properties: { verdict: report.verdict, coverage: report.summary.coverage.overall, period: report.run.period },
      },
    ],
  };
  return toJson(sarif);
}

/** A physicalLocation at an input file and line; line numbers below 1 (none known) give no region. */
function location(e: Evidence) {
  return {
    physicalLocation: {
      artifactLocation: { uri: fileUri(e.source_file) },
      ...(e.source_line >= 1 ? { region: { startLine: e.source_line } } : {}),
    },
    message: { text: `${e.table} ${e.event_id}` },
  };
}

/** A path as given on the command line as a URI reference: relative stays relative, absolute becomes file:///. */
export function fileUri(path: string): string {
  const slashed = path.replace(/\\/g, '/');
  const encoded = slashed.split('/').map((s) => encodeURIComponent(s).replace(/%3A/gi, ':')).join('/');
  if (/^[A-Za-z]:\//.test(slashed)) return `file:///${encoded}`;
  return slashed.startsWith('/') ? `file://${encoded}` : encoded;
}

function helpText(r: Report['rules'][number]): string {
  return [
    r.summary,
    `Severity: ${r.severity}${r.escalates_to ? ` (escalates to ${r.escalates_to})` : ''}.`,
    `Controls: ${r.controls.map((c) => `${c.framework} ${c.id}`).join(', ')}.`,
    ...(r.false_positives.length ? [`Known false positives: ${r.false_positives.join(' ')}`] : []),
    ...(r.references.length ? [`References: ${r.references.join(' ')}`] : []),
  ].join('\n');
}

function helpMarkdown(r: Report['rules'][number]): string {
  return [
    `**${r.title}**`,
    '',
    r.summary,
    '',
    `Severity: \`${r.severity}\`${r.escalates_to ? ` (escalates to \`${r.escalates_to}\`)` : ''}`,
    '',
    '| framework | control |',
    '| --- | --- |',
    ...r.controls.map((c) => `| ${c.framework} | ${c.id} |`),
    ...(r.false_positives.length ? ['', 'Known false positives:', ...r.false_positives.map((f) => `- ${f}`)] : []),
    ...(r.references.length ? ['', 'References:', ...r.references.map((u) => `- ${u}`)] : []),
  ].join('\n');
}

function isHttp(u: string): boolean {
  return /^https?:\/\//.test(u);
}

function pascal(id: string): string {
  return id.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}
