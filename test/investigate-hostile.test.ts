import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli.ts';
import type { Io } from '../src/io.ts';
import { terminalSafe, visibleControls } from '../src/investigate/sanitize.ts';
import { InvestigationSchema } from '../src/investigate/schema.ts';
import { FROZEN_NOW, jsonl, runCli, tempDir, writeFiles } from './helpers.ts';

// Log values are attacker-controlled. These are written into user agents, reasons, actions
// and actor ids: clear screen, retitle the window (OSC), carriage return, backspaces, a C1
// CSI, a bidi override, and markup.
const CLEAR = '\u001b[2J';
const TITLE = '\u001b]0;pwned\u0007';
const HOSTILE_UA = `curl/8 ${CLEAR}${TITLE}\rfake-row\b\b\b<script>alert(1)</script>\u009b31mred\u202eevil`;
const HOSTILE_REASON = `rotated ${TITLE}<img src=x onerror=alert(2)>\u001b[1A\u001b[Kdone`;

const records = [
  { type: 'session.created', ts: '2026-07-01T08:00:00Z', session_id: 's-h1', subject_id: 'u-h', ip: '192.0.2.1', user_agent: `Mozilla ${CLEAR}` },
  { type: 'session.activity', ts: '2026-07-01T08:05:00Z', session_id: 's-h1', ip: '192.0.2.1', user_agent: `Mozilla ${CLEAR}`, action: 'mail.read' },
  { type: 'subject.password_reset', event_id: 'lc-h', ts: '2026-07-01T09:00:00Z', subject_id: 'u-h', actor_id: `u-admin${TITLE}`, reason: HOSTILE_REASON },
  { type: 'session.revoked', ts: '2026-07-01T09:01:00Z', session_id: 's-h1', actor_id: 'u-admin', reason: HOSTILE_REASON, trigger_event_id: 'lc-h' },
  { type: 'session.activity', ts: '2026-07-01T10:00:00Z', session_id: 's-h1', ip: '203.0.113.9', user_agent: HOSTILE_UA, action: `mail.read${CLEAR}`, outcome: 'denied', reason: `nope\u001b[31m` },
];

// Every control character but the newline, and DEL and the C1 range.
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/;

let dir: string;
beforeAll(() => {
  dir = writeFiles({ 'hostile.jsonl': jsonl(...records) });
});

async function run(argv: string[], options: { isTTY?: boolean; env?: Record<string, string> } = {}) {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    now: () => FROZEN_NOW,
    env: options.env ?? {},
    cwd: process.cwd(),
    isTTY: options.isTTY ?? false,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

describe('hostile log values in the terminal view', () => {
  it('cannot clear the screen, retitle the window, move the cursor or hide text (no colour)', async () => {
    const { stdout, code } = await run(['investigate', dir, '--session', 's-h1']);
    expect(code).toBe(0);
    expect(stdout).not.toMatch(CONTROL);
    expect(stdout).not.toContain('\u001b');
    expect(stdout).toContain('fake-row'); // the text itself is still shown, minus its controls
    expect(stdout).toContain('<script>alert(1)</script>');
  });

  it('leaves only the view’s own colour codes on a terminal', async () => {
    const { stdout } = await run(['investigate', dir, '--session', 's-h1'], { isTTY: true });
    const escapes = stdout.match(/\u001b[^m]*m/g) ?? [];
    expect(escapes.length).toBeGreaterThan(0);
    for (const e of escapes) expect(e).toMatch(/^\u001b\[[0-9;]*m$/);
    expect(stdout.replace(/\u001b\[[0-9;]*m/g, '')).not.toMatch(CONTROL);
  });

  it('prints no colour at all when NO_COLOR is set', async () => {
    const { stdout } = await run(['investigate', dir, '--session', 's-h1'], { isTTY: true, env: { NO_COLOR: '1' } });
    expect(stdout).not.toContain('\u001b');
  });

  it('strips them from an unknown id echoed in the error message', async () => {
    const { stderr, code } = await run(['investigate', dir, '--session', `s-${CLEAR}${TITLE}x`]);
    expect(code).toBe(2);
    expect(stderr).toContain("no session 's-x'");
    expect(stderr).not.toMatch(CONTROL);
  });
});

describe('hostile log values in the HTML view', () => {
  let page: string;
  beforeAll(async () => {
    page = (await run(['investigate', dir, '--session', 's-h1', '--format', 'html'])).stdout;
  });

  it('escapes markup: no script or element from a log reaches the page', () => {
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/<img/i);
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('&lt;img src=x onerror=alert(2)&gt;');
  });

  it('shows control characters as visible escapes and holds none itself', () => {
    expect(page).not.toMatch(CONTROL);
    expect(page).toContain('\\x1b[2J');
    expect(page).toContain('\\u202e');
  });
});

describe('hostile log values in the JSON view', () => {
  it('keeps every value exactly as logged, while the text printed holds no raw control character', async () => {
    const { stdout } = await run(['investigate', dir, '--session', 's-h1', '--format', 'json']);
    expect(stdout).not.toMatch(CONTROL);
    const inv = InvestigationSchema.parse(JSON.parse(stdout));
    const attempt = inv.timeline.find((r) => r.kind === 'access' && r.phase === 'after_end');
    expect(attempt).toMatchObject({ user_agent: HOSTILE_UA, reason: 'nope\u001b[31m', action: `mail.read${CLEAR}` });
    expect(inv.timeline.find((r) => r.kind === 'revoked')).toMatchObject({ reason: HOSTILE_REASON });
  });
});

describe('terminalSafe and visibleControls', () => {
  it.each([
    ['CSI erase display', `a${CLEAR}b`, 'ab'],
    ['CSI colour', 'a\u001b[1;31mb\u001b[0m', 'ab'],
    ['OSC title ended by BEL', `a${TITLE}b`, 'ab'],
    ['OSC hyperlink ended by ST', 'a\u001b]8;;https://x.example\u001b\\link\u001b]8;;\u001b\\b', 'alinkb'],
    ['unterminated OSC', 'a\u001b]0;rest of the line', 'a'],
    ['8-bit CSI', 'a\u009b2Jb', 'ab'],
    ['DCS', 'a\u001bPq#0;2;0;0;0\u001b\\b', 'ab'],
    ['reset (ESC c)', 'a\u001bcb', 'ab'],
    ['carriage return and newline become spaces', 'a\rb\nc', 'a b c'],
    ['backspace and BEL removed', 'ab\b\b\u0007c', 'abc'],
    ['bidi override removed', 'a\u202eb', 'ab'],
  ])('%s', (_name, input, output) => {
    expect(terminalSafe(input)).toBe(output);
  });

  it('writes controls as visible escapes for HTML', () => {
    expect(visibleControls(`x${CLEAR}\r\u202e`)).toBe('x\\x1b[2J\\x0d\\u202e');
  });
});

describe('an investigation with inputs and --db', () => {
  it('ingests the inputs into the database, which later investigations reuse without inputs', async () => {
    const db = join(tempDir(), 'h.duckdb');
    const first = await runCli(['investigate', dir, '--db', db, '--session', 's-h1', '--format', 'json']);
    const again = await runCli(['investigate', '--db', db, '--session', 's-h1', '--format', 'json']);
    expect(first.code).toBe(0);
    expect(again.stdout).toBe(first.stdout);
  });
});
