import { effectivePolicy, loadConfig } from '../config/policy.ts';
import { applyIdentities } from '../ingest/identities.ts';
import { parsePeriod } from '../config/period.ts';
import { exec, rows, sqlFile } from '../db/duck.ts';
import type { Io } from '../io.ts';
import { loadRules } from '../rules/catalog.ts';
import { coverageRows } from '../rules/coverage.ts';
import { runRules } from '../rules/run.ts';
import { TOOL_VERSION } from '../version.ts';
import { linkFindings } from './findings.ts';
import { INVESTIGATION_SCHEMA_VERSION, type Investigation, type Target } from './schema.ts';
import { openSource, type SourceOptions } from './source.ts';
import { ipSummary, sessionSummaries, subjectSummary } from './summaries.ts';
import { timelineRows } from './timeline.ts';
import { openWorkspace } from './workspace.ts';

export interface InvestigateOptions extends SourceOptions {
  target: Target;
  config?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  rules?: string | undefined;
}

const SQL = 'src/investigate/sql/';

/**
 * One investigation, phase by phase:
 *   1. source    — ingest the inputs into --db or memory, or reuse --db as it is (source.ts)
 *   2. slice     — copy the rows the target needs into an in-memory workspace and build the
 *                  policy and the model's views there (workspace.ts)
 *   3. rules     — every rule, run on the slice only (src/rules/run.ts)
 *   4. focus     — which sessions, subjects and lifecycle events are shown (sql/focus.sql)
 *   5. timeline  — the rows, the session summaries, the coverage, the IP (timeline.ts, summaries.ts)
 *   6. findings  — linked to the rows they involve (findings.ts)
 * Returns the JSON form that every view renders.
 */
export async function investigate(options: InvestigateOptions, io: Io): Promise<Investigation> {
  const policy = effectivePolicy(loadConfig(options.config), parsePeriod(options.from, options.to));
  const rules = loadRules(options.rules);
  const db = await openSource(options, io);
  // The same subjects as the audit: one person's ids across providers are joined first.
  await applyIdentities(db.con, policy.identities).catch((e: unknown) => {
    db.close();
    throw e;
  });
  try {
    const ws = await openWorkspace(db, options.target, policy);
    try {
      const con = ws.con;
      const findings = await runRules(con, rules, policy);
      await exec(con, sqlFile(`${SQL}focus.sql`));
      const focus = new Set((await rows<{ session_id: string }>(con, 'SELECT session_id FROM focus_sessions')).map((r) => r.session_id));
      const named = findings.filter((f) => f.session_id !== null && focus.has(f.session_id) && f.lifecycle_event_id !== null);
      await exec(con, sqlFile(`${SQL}finding-events.sql`), { ids: JSON.stringify(named.map((f) => f.lifecycle_event_id)) });
      await exec(con, sqlFile(`${SQL}model.sql`));

      const timeline = await timelineRows(con);
      const shown = linkFindings(findings, timeline, focus);
      const onTimeline = new Set(timeline.filter((r) => r.kind === 'lifecycle').map((r) => r.source.event_id));
      const [end] = await rows<{ ts: string | null }>(con, 'SELECT ra_iso(ts) AS ts FROM inputs_end');
      return {
        schema_version: INVESTIGATION_SCHEMA_VERSION,
        tool: { name: 'revaudit', version: TOOL_VERSION },
        query: options.target,
        period: policy.period,
        inputs_end: end?.ts ?? null,
        policy: { sla_seconds: policy.sla_seconds, skew_seconds: policy.skew_seconds },
        subject: options.target.by === 'ip' ? null : await subjectSummary(con),
        sessions: await sessionSummaries(con),
        ip: options.target.by === 'ip' ? await ipSummary(con, options.target.value) : null,
        coverage: (await coverageRows(con)).filter((c) => onTimeline.has(c.event_id)),
        findings: shown,
        timeline,
      };
    } finally {
      ws.close();
    }
  } finally {
    db.close();
  }
}
