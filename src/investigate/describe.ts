import { duration, endWord, rowLabel, when } from './format.ts';
import type { Investigation, SessionSummary, TimelineRow } from './schema.ts';

/** How a part of a sentence should stand out; each view maps tones to its own styles. */
export type Tone = 'plain' | 'muted' | 'strong' | 'alert' | 'warn' | 'good' | 'accent' | 'info';

/** A piece of a row's description. `log` marks text taken from a log (attacker-controlled). */
export interface Part {
  text: string;
  tone?: Tone;
  log?: boolean;
}

/** What the terminal and the HTML views say about one timeline row. */
export interface RowView {
  ts: string;
  label: string;
  tone: Tone;
  /** The sentence lines: the first follows the label, the others are indented under it. */
  lines: Part[][];
  source: string;
  /** Short names of the linked findings (F1, F2 ... in the order of the findings list). */
  findings: string[];
}

const log = (text: string, tone: Tone = 'plain'): Part => ({ text, tone, log: true });
const say = (text: string, tone: Tone = 'plain'): Part => ({ text, tone });

/** Short names for the findings, F1.. in the investigation's order. */
export function findingNames(inv: Investigation): Map<string, string> {
  return new Map(inv.findings.map((f, i) => [f.id, `F${i + 1}`]));
}

/** Describes every timeline row; the session id leads each row when several sessions are in view. */
export function describeRows(inv: Investigation): RowView[] {
  const names = findingNames(inv);
  const many = inv.sessions.length > 1;
  const sessions = new Map(inv.sessions.map((s) => [s.session_id, s]));
  return inv.timeline.map((row) => {
    const lines = describe(row, row.session_id === null ? undefined : sessions.get(row.session_id));
    if (many && row.session_id !== null) lines[0]!.unshift(log(row.session_id, 'accent'));
    return {
      ts: when(row.ts),
      label: rowLabel(row),
      tone: toneOf(row),
      lines,
      source: `${row.source.file}:${row.source.line}`,
      findings: row.findings.map((id) => names.get(id) ?? id),
    };
  });
}

function toneOf(row: TimelineRow): Tone {
  switch (row.kind) {
    case 'access':
      if (row.phase === 'after_end' || row.phase === 'after_expiry') return row.outcome === 'allowed' ? 'alert' : 'warn';
      if (row.overdue && row.outcome === 'allowed') return 'alert';
      return row.outcome === 'denied' ? 'warn' : 'muted';
    case 'revoked':
      return 'accent';
    case 'lifecycle':
      return 'info';
    case 'created':
      return 'good';
    default:
      return 'muted';
  }
}

/** New or seen: whether a value after the end had been seen on the session before it. */
function seen(flag: boolean | null): Part[] {
  if (flag === null) return [];
  return flag ? [say('(seen before the end)', 'muted')] : [say('(new to this session)', 'alert')];
}

/** A user agent, or "as at creation" when it is the creation record's (it is long, and repeats). */
function userAgent(value: string | null, session: SessionSummary | undefined): Part[] {
  if (value === null) return [say('(none)', 'muted')];
  return session?.user_agent === value ? [say('as created', 'muted')] : [log(value)];
}

function describe(row: TimelineRow, session: SessionSummary | undefined): Part[][] {
  switch (row.kind) {
    case 'created':
      return [
        [
          say('for'),
          log(row.subject_id ?? '(no subject)', 'strong'),
          say(`(${row.subject_type})`),
          ...(row.owner_id && row.subject_type !== 'user' ? [say('acting for'), log(row.owner_id)] : []),
          say('from'),
          log(row.ip ?? '(no IP recorded)', row.ip ? 'strong' : 'warn'),
          ...(row.device_id ? [say('on'), log(row.device_id)] : []),
          ...(row.auth_method ? [say('via'), log(row.auth_method)] : []),
        ],
        [say('user agent'), row.user_agent ? log(row.user_agent) : say('(none recorded)', 'warn')],
        ...(row.expires_at ? [[say(`expires ${when(row.expires_at)}`, 'muted')]] : []),
      ];
    case 'access': {
      const first: Part[] = [log(row.action ?? '(no action)', 'strong')];
      if (row.phase === 'live') {
        // An ordinary use is one line: what, from where, with what.
        first.push(say('from'), row.ip ? log(`${row.ip},`) : say('(no IP),', 'muted'), say('user agent'), ...userAgent(row.user_agent, session));
        if (row.reason) first.push(log(`(${row.reason})`));
        if (!row.overdue) return [first];
        const late = (Date.parse(row.ts) - Date.parse(row.overdue.deadline)) / 1000;
        return [
          first,
          [
            say(`${duration(late)} past the deadline of`, row.outcome === 'allowed' ? 'alert' : 'warn'),
            log(row.overdue.kind),
            log(row.overdue.lifecycle_event_id),
            say('(the session should have been revoked by then)'),
          ],
        ];
      }
      if (row.end && row.seconds_after_end !== null) {
        const skew = row.phase === 'after_end_within_skew' ? ' (within the clock skew)' : '';
        first.push(say(`${duration(row.seconds_after_end)} after ${endWord(row.end.by)}${skew}`, toneOf(row)));
      }
      if (row.reason) first.push(log(`(${row.reason})`));
      return [
        first,
        [say('ip'), row.ip ? log(row.ip) : say('(none)', 'muted'), ...seen(row.ip_seen_before_end)],
        [say('user agent'), ...userAgent(row.user_agent, session), ...seen(row.user_agent_seen_before_end)],
      ];
    }
    case 'revoked': {
      const first: Part[] = row.scope === 'subject' ? [say('every session of'), log(row.subject_id ?? '?', 'strong')] : [];
      first.push(say('by'), row.actor_id ? log(row.actor_id, 'strong') : say('(no actor recorded)', 'warn'));
      if (row.trigger_event_id) first.push(say('after'), log(row.trigger_event_id));
      const lines: Part[][] = [first];
      if (row.reason) lines.push([say('reason'), log(row.reason)]);
      lines.push(
        row.ended_sessions.length > 0
          ? [say('ended'), ...row.ended_sessions.map((s) => log(s))]
          : [say('ended nothing in view (already ended, or no live session)', 'muted')],
      );
      return lines;
    }
    case 'logout':
      return [[say(row.ended_session ? 'signed out: ended the session' : 'signed out (the session had already ended)')]];
    case 'expired': {
      const what = row.derived ? 'expires_at of the creation record reached' : 'session.ended with reason expired';
      const before = session?.ended_at && session.end_reason !== 'expired' && session.ended_at < row.ts;
      return [[say(what), ...(before ? [say('(the session had already ended)', 'muted')] : [])]];
    }
    case 'lifecycle': {
      const first: Part[] = [log(row.lifecycle_kind, 'strong'), say('of'), log(row.subject_id ?? '?', 'strong')];
      first.push(say('by'), row.actor_id ? log(row.actor_id) : say('(no actor recorded)', 'muted'));
      const lines: Part[][] = [first];
      if (row.reason) lines.push([say('reason'), log(row.reason)]);
      if (row.initiating_session_id || row.device_id) {
        lines.push([
          ...(row.initiating_session_id ? [say('initiated from'), log(row.initiating_session_id)] : []),
          ...(row.device_id ? [say('device'), log(row.device_id)] : []),
        ]);
      }
      if (row.coverage) {
        const c = row.coverage;
        const bad = c.status === 'late' || c.status === 'uncovered';
        lines.push([
          say('coverage'),
          say(c.status, bad ? 'alert' : c.status === 'covered' ? 'good' : 'plain'),
          say(`(${c.revoked_in_time} of ${c.required_sessions} required sessions revoked in time)`),
        ]);
      } else {
        lines.push([say('requires no revocation', 'muted')]);
      }
      for (const r of row.required) {
        lines.push([say('required'), log(r.session_id), say(r.status, r.status === 'covered' ? 'good' : 'alert')]);
      }
      return lines;
    }
  }
}
