import type { DuckDBConnection } from '@duckdb/node-api';
import { rows, sqlFile } from '../db/duck.ts';
import type { RowSource, TimelineRow } from './schema.ts';

/** One row of sql/timeline.sql: the union of every kind's columns. */
interface FlatRow {
  kind: TimelineRow['kind'];
  ts: string;
  session_id: string | null;
  subject_id: string | null;
  tbl: RowSource['table'];
  event_id: string;
  source_file: string;
  source_line: number;
  subject_type: string | null;
  owner_id: string | null;
  ip: string | null;
  user_agent: string | null;
  device_id: string | null;
  auth_method: string | null;
  expires_at: string | null;
  action: string | null;
  outcome: 'allowed' | 'denied' | null;
  reason: string | null;
  phase: 'live' | 'after_end_within_skew' | 'after_end' | 'after_expiry' | null;
  end_at: string | null;
  end_by: 'revoked' | 'logout' | 'expired' | null;
  seconds_after_end: number | null;
  ip_seen_before_end: boolean | null;
  user_agent_seen_before_end: boolean | null;
  overdue_event_id: string | null;
  overdue_kind: string | null;
  overdue_deadline: string | null;
  ended_session: boolean | null;
  derived: boolean | null;
  scope: 'session' | 'subject' | null;
  actor_id: string | null;
  trigger_event_id: string | null;
  ended_sessions: string[] | null;
  lifecycle_kind: string | null;
  initiating_session_id: string | null;
  coverage_status: NonNullable<Extract<TimelineRow, { kind: 'lifecycle' }>['coverage']>['status'] | null;
  required_sessions: number | null;
  revoked_in_time: number | null;
  required: string;
}

/** The timeline of the workspace's focus, in time order, each row shaped for its kind. */
export async function timelineRows(con: DuckDBConnection): Promise<TimelineRow[]> {
  const flat = await rows<FlatRow>(con, sqlFile('src/investigate/sql/timeline.sql'));
  return flat.map(shape);
}

function shape(r: FlatRow): TimelineRow {
  const common = {
    ts: r.ts,
    session_id: r.session_id,
    subject_id: r.subject_id,
    source: { table: r.tbl, event_id: r.event_id, file: r.source_file, line: r.source_line },
    findings: [] as string[],
  };
  switch (r.kind) {
    case 'created':
      return {
        kind: 'created',
        ...common,
        subject_type: r.subject_type ?? 'user',
        owner_id: r.owner_id,
        ip: r.ip,
        user_agent: r.user_agent,
        device_id: r.device_id,
        auth_method: r.auth_method,
        expires_at: r.expires_at,
      };
    case 'access':
      return {
        kind: 'access',
        ...common,
        ip: r.ip,
        user_agent: r.user_agent,
        action: r.action,
        outcome: r.outcome ?? 'allowed',
        reason: r.reason,
        phase: r.phase ?? 'live',
        end: r.end_at && r.end_by ? { at: r.end_at, by: r.end_by } : null,
        seconds_after_end: r.seconds_after_end,
        ip_seen_before_end: r.ip_seen_before_end,
        user_agent_seen_before_end: r.user_agent_seen_before_end,
        overdue:
          r.overdue_event_id && r.overdue_kind && r.overdue_deadline
            ? { lifecycle_event_id: r.overdue_event_id, kind: r.overdue_kind, deadline: r.overdue_deadline }
            : null,
      };
    case 'revoked':
      return {
        kind: 'revoked',
        ...common,
        scope: r.scope ?? 'session',
        actor_id: r.actor_id,
        reason: r.reason,
        trigger_event_id: r.trigger_event_id,
        ended_sessions: r.ended_sessions ?? [],
      };
    case 'logout':
      return { kind: 'logout', ...common, ended_session: r.ended_session === true };
    case 'expired':
      return { kind: 'expired', ...common, derived: r.derived === true };
    case 'lifecycle':
      return {
        kind: 'lifecycle',
        ...common,
        lifecycle_kind: r.lifecycle_kind ?? '',
        actor_id: r.actor_id,
        reason: r.reason,
        initiating_session_id: r.initiating_session_id,
        device_id: r.device_id,
        coverage:
          r.coverage_status === null
            ? null
            : { status: r.coverage_status, required_sessions: r.required_sessions ?? 0, revoked_in_time: r.revoked_in_time ?? 0 },
        required: JSON.parse(r.required) as Extract<TimelineRow, { kind: 'lifecycle' }>['required'],
      };
  }
}
