import type { Part } from './describe.ts';
import { endWord, when } from './format.ts';
import type { Investigation, SessionSummary } from './schema.ts';

/** One "key  value" line of the summary above the timeline. */
export interface SummaryLine {
  key: string;
  parts: Part[];
}

const log = (text: string, tone: Part['tone'] = 'plain'): Part => ({ text, tone, log: true });
const say = (text: string, tone: Part['tone'] = 'plain'): Part => ({ text, tone });
const list = (values: readonly string[]): Part[] => values.map((v, i) => log(i < values.length - 1 ? `${v},` : v));

/** The title of an investigation: what was asked. */
export function title(inv: Investigation): Part[] {
  const noun = { session: 'Session', subject: 'Subject', ip: 'IP address' }[inv.query.by];
  return [say(noun, 'strong'), log(inv.query.value, 'strong')];
}

/** What the view is about, in a few lines: the session's story, the subject, or the address. */
export function summaryLines(inv: Investigation): SummaryLine[] {
  const lines: SummaryLine[] = [];
  if (inv.subject) {
    const s = inv.subject;
    const parts: Part[] = [log(s.subject_id, 'strong'), say(`(${s.subject_types.join(', ') || 'no sessions'})`)];
    if (s.owners.length > 0) parts.push(say('acting for'), ...list(s.owners));
    if (s.agents.length > 0) parts.push(say('owns'), ...list(s.agents));
    lines.push({ key: inv.query.by === 'session' ? 'held by' : 'subject', parts });
  }
  if (inv.query.by === 'session' && inv.sessions[0]) lines.push(...sessionStory(inv.sessions[0]));
  if (inv.query.by !== 'session') {
    const ended = inv.sessions.filter((s) => s.end_reason !== null).length;
    lines.push({ key: 'sessions', parts: [say(`${inv.sessions.length} in view, ${ended} ended, ${inv.sessions.length - ended} live or never created`)] });
  }
  if (inv.ip) {
    const ip = inv.ip;
    lines.push({ key: 'seen', parts: [say(`${when(ip.first_seen)} to ${when(ip.last_seen)}`)] });
    lines.push({ key: 'subjects', parts: ip.subjects.length > 0 ? list(ip.subjects) : [say('none')] });
    lines.push({
      key: 'accesses',
      parts: [say(`${ip.accesses} (${ip.allowed} allowed, ${ip.denied} denied); ${ip.sessions_created} session(s) created from it`)],
    });
    const r = ip.reuse;
    lines.push({
      key: 'reuse',
      parts: r
        ? [
            say(`${r.attempts} attempt(s) on ${r.sessions} ended session(s) of ${r.subjects} subject(s):`),
            say(`${r.accepted} accepted,`, r.accepted > 0 ? 'alert' : 'plain'),
            say(`${r.denied} denied, ${when(r.first)} to ${when(r.last)}`),
          ]
        : [say('no attempts on revoked or logged-out sessions', 'muted')],
    });
  }
  const bySeverity = new Map<string, number>();
  for (const f of inv.findings) bySeverity.set(f.severity, (bySeverity.get(f.severity) ?? 0) + 1);
  lines.push({
    key: 'findings',
    parts:
      inv.findings.length === 0
        ? [say('none', 'good')]
        : [
            say(String(inv.findings.length)),
            ...[...bySeverity].map(([sev, n], i, all) =>
              say(`${i === 0 ? '(' : ''}${sev} ${n}${i === all.length - 1 ? ')' : ','}`, sev === 'critical' || sev === 'high' ? 'alert' : 'warn'),
            ),
          ],
  });
  return lines;
}

/** The one session of --session: created, ended, and what came after. */
function sessionStory(s: SessionSummary): SummaryLine[] {
  const lines: SummaryLine[] = [];
  lines.push({
    key: 'created',
    parts: s.created
      ? [
          say(when(s.created_at)),
          say('from'),
          log(s.ip ?? '(no IP recorded)'),
          ...(s.device_id ? [say('on'), log(s.device_id)] : []),
          ...(s.auth_method ? [say('via'), log(s.auth_method)] : []),
        ]
      : [say('never: the id appears only in accesses, ends or revocations', 'warn')],
  });
  if (s.end_reason && s.ended_at) {
    const how = { revoked: 'revoked', logout: 'signed out', expired: 'expired' }[s.end_reason];
    const by = s.end_reason === 'revoked' ? [say('by'), s.revoked_by ? log(s.revoked_by) : say('(no actor recorded)', 'warn')] : [];
    lines.push({ key: 'ended', parts: [say(`${when(s.ended_at)},`), say(how, 'strong'), ...by] });
  } else if (s.created) {
    lines.push({ key: 'ended', parts: [say('not yet: live when the inputs end', 'warn')] });
  }
  lines.push({
    key: 'after end',
    parts:
      s.accesses_after_end === 0
        ? [say('no access after the revocation or logout', 'good')]
        : [
            say(`${s.accesses_after_end} access(es):`),
            say(`${s.allowed_after_end} allowed,`, s.allowed_after_end > 0 ? 'alert' : 'plain'),
            say(`${s.denied_after_end} denied`, s.denied_after_end > 0 ? 'warn' : 'plain'),
          ],
  });
  if (s.new_ips_after_end.length > 0) lines.push({ key: 'new IPs', parts: list(s.new_ips_after_end).map((p) => ({ ...p, tone: 'alert' as const })) });
  if (s.new_user_agents_after_end.length > 0) {
    lines.push(...s.new_user_agents_after_end.map((ua) => ({ key: 'new agent', parts: [log(ua, 'alert')] })));
  }
  return lines;
}

/** One line per session of a subject or address: how it began and ended, and its accesses. */
export function sessionLine(s: SessionSummary): Part[] {
  const parts: Part[] = [log(s.session_id, 'strong')];
  if (s.created) parts.push(say(`created ${when(s.created_at)} from`), log(s.ip ?? '(no IP)'));
  else parts.push(say('never created', 'warn'));
  if (s.end_reason && s.ended_at) parts.push(say(`· ended ${when(s.ended_at)} by ${endWord(s.end_reason)}`));
  else if (s.created) parts.push(say('· live', 'warn'));
  parts.push(say(`· ${s.accesses} access(es)`));
  if (s.accesses_after_end > 0) {
    parts.push(
      say(`· after the end: ${s.allowed_after_end} allowed,`, s.allowed_after_end > 0 ? 'alert' : 'plain'),
      say(`${s.denied_after_end} denied`, 'warn'),
    );
  }
  return parts;
}

/** Options that pivot from this view to the subjects and addresses it names (`--ip ADDR`). */
export function pivots(inv: Investigation): string[] {
  // Only values a shell takes as one plain word are offered, so they can be pasted as they are.
  const plain = (v: string) => /^[A-Za-z0-9:._@-]+$/.test(v);
  const out = new Set<string>();
  if (inv.query.by !== 'subject' && inv.subject) out.add(`--subject ${inv.subject.subject_id}`);
  for (const s of inv.sessions) for (const ip of s.new_ips_after_end) out.add(`--ip ${ip}`);
  if (inv.ip) for (const s of inv.ip.subjects) out.add(`--subject ${s}`);
  out.delete(`--${inv.query.by} ${inv.query.value}`);
  return [...out].filter((p) => plain(p.split(' ')[1]!)).slice(0, 6);
}
