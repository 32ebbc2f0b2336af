import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonl, runCli, writeFiles } from './helpers.ts';

const INV = 'session-inventory-incomplete';
const created = (session: string, extra: Record<string, unknown> = {}) => ({
  type: 'session.created', ts: '2026-07-01T09:00:00Z', session_id: session, subject_id: 'u-ann', ...extra,
});
const expectation = (findings: unknown[], extra: Record<string, unknown> = {}) => JSON.stringify({ findings, ...extra }, null, 2);
const lowInventory = (session: string) => ({ severity: 'low', subject_id: 'u-ann', session_id: session, lifecycle_event_id: null });

/** A cases folder for session-inventory-incomplete: one positive and one negative, both right. */
function inventoryCases(extra: Record<string, string> = {}): Record<string, string> {
  return {
    [`${INV}/no-ip.jsonl`]: jsonl(created('s1', { user_agent: 'Firefox/128' })),
    [`${INV}/no-ip.expected.json`]: expectation([lowInventory('s1')]),
    [`${INV}/complete.jsonl`]: jsonl(created('s1', { ip: '198.51.100.7', user_agent: 'Firefox/128' })),
    [`${INV}/complete.expected.json`]: expectation([]),
    ...extra,
  };
}

describe('revaudit rules test', () => {
  // Every case runs the pipeline on its own database: about 0.3 s of CPU each.
  it('passes every built-in case, one line per case, and exits 0', { timeout: 300_000 }, async () => {
    const { code, stdout } = await runCli(['rules', 'test']);
    expect(stdout).not.toMatch(/^FAIL/m);
    const lines = stdout.trim().split('\n');
    const cases = lines.filter((l) => l.startsWith('pass  '));
    expect(lines.at(-1)).toBe(`${cases.length} case(s) of 7 rule(s): all passed`);
    for (const rule of ['session-survived-lifecycle-event', 'agent-outlived-owner', 'revoked-session-accepted', 'revoked-session-reuse-attempt',
      'login-after-offboarding', 'revocation-audit-incomplete', INV]) {
      expect(cases.filter((l) => l.startsWith(`pass  ${rule}/`)).length).toBeGreaterThanOrEqual(2);
    }
    expect(code).toBe(0);
  });

  it("runs only one rule's cases when given its id", async () => {
    const { code, stdout } = await runCli(['rules', 'test', 'revocation-audit-incomplete']);
    const cases = stdout.split('\n').filter((l) => /^(pass|FAIL) /.test(l));
    expect(cases.length).toBeGreaterThanOrEqual(2);
    expect(cases.every((l) => l.startsWith('pass  revocation-audit-incomplete/'))).toBe(true);
    expect(code).toBe(0);
  });

  it('prints FAIL with what differs and exits 1 when a case expects the wrong findings', async () => {
    const dir = writeFiles(
      inventoryCases({
        [`${INV}/no-user-agent.jsonl`]: jsonl(created('s2', { ip: '198.51.100.7' })),
        // Wrong on purpose: the session lacks a user agent, so the rule finds it.
        [`${INV}/no-user-agent.expected.json`]: expectation([]),
      }),
    );
    const { code, stdout } = await runCli(['rules', 'test', '--cases', dir]);
    expect(stdout).toMatch(new RegExp(`^pass  ${INV}/no-ip$`, 'm'));
    expect(stdout).toMatch(new RegExp(`^FAIL  ${INV}/no-user-agent$`, 'm'));
    expect(stdout).toContain(`unexpected finding {"rule":"${INV}","severity":"low","subject_id":"u-ann","session_id":"s2","lifecycle_event_id":null}`);
    expect(stdout).toMatch(/3 case\(s\) of 1 rule\(s\): 1 failed/);
    expect(code).toBe(1);
  });

  it('reports a wrong coverage expectation field by field', async () => {
    const dir = writeFiles({
      ...inventoryCases(),
      [`${INV}/reset.jsonl`]: jsonl(
        created('s1', { ip: '198.51.100.7', user_agent: 'Firefox/128' }),
        { type: 'subject.password_reset', event_id: 'lc-1', ts: '2026-07-01T12:00:00Z', subject_id: 'u-ann' },
        { type: 'session.revoked', ts: '2026-07-01T12:05:00Z', session_id: 's1', actor_id: 'u-it' },
      ),
      [`${INV}/reset.expected.json`]: expectation([], {
        coverage: [{ event_id: 'lc-1', status: 'late', required_sessions: 1, revoked_in_time: 0 }],
      }),
    });
    const { code, stdout } = await runCli(['rules', 'test', '--cases', dir]);
    expect(stdout).toMatch(new RegExp(`^FAIL  ${INV}/reset$`, 'm'));
    expect(stdout).toContain('coverage lc-1: status expected "late", got "covered"');
    expect(stdout).toContain('coverage lc-1: revoked_in_time expected 0, got 1');
    expect(code).toBe(1);
  });

  it('fails a rule that has no negative case', async () => {
    const dir = writeFiles({
      [`${INV}/no-ip.jsonl`]: jsonl(created('s1', { user_agent: 'Firefox/128' })),
      [`${INV}/no-ip.expected.json`]: expectation([lowInventory('s1')]),
    });
    const { code, stdout } = await runCli(['rules', 'test', '--cases', dir]);
    expect(stdout).toContain(`FAIL  ${INV}: needs at least one positive and one negative case (has 1 positive, 0 negative)`);
    expect(code).toBe(1);
  });

  it('exits 2 naming the file and line of a malformed expected file', async () => {
    const dir = writeFiles(
      inventoryCases({
        [`${INV}/typo.jsonl`]: jsonl(created('s1', { user_agent: 'Firefox/128' })),
        [`${INV}/typo.expected.json`]: '{\n  "findings": [\n    { "severity": "severe", "subject_id": "u-ann", "session_id": "s1", "lifecycle_event_id": null }\n  ]\n}\n',
      }),
    );
    const { code, stdout, stderr } = await runCli(['rules', 'test', '--cases', dir]);
    expect(stderr).toContain(`${join(dir, INV, 'typo.expected.json')}:3: invalid case at findings.0.severity`);
    expect(stdout).toBe('');
    expect(code).toBe(2);
  });

  it('exits 2 when an expected file is not JSON, or a case has no expected file', async () => {
    const broken = writeFiles(inventoryCases({ [`${INV}/broken.jsonl`]: jsonl(created('s1')), [`${INV}/broken.expected.json`]: '{ "findings": [ }' }));
    const one = await runCli(['rules', 'test', '--cases', broken]);
    expect(one.stderr).toContain(join(broken, INV, 'broken.expected.json'));
    expect(one.code).toBe(2);

    const lonely = writeFiles(inventoryCases({ [`${INV}/lonely.jsonl`]: jsonl(created('s1')) }));
    const two = await runCli(['rules', 'test', '--cases', lonely]);
    expect(two.stderr).toContain(`${join(lonely, INV, 'lonely.jsonl')}: no lonely.expected.json next to this case`);
    expect(two.code).toBe(2);
  });

  it('exits 2 naming the line of a case record that the native format rejects', async () => {
    const dir = writeFiles(
      inventoryCases({
        [`${INV}/bad-time.jsonl`]: jsonl(created('s1'), { ...created('s2'), ts: '2026-07-01T09:00:00' }),
        [`${INV}/bad-time.expected.json`]: expectation([]),
      }),
    );
    const { code, stderr } = await runCli(['rules', 'test', '--cases', dir]);
    expect(stderr).toContain(`${join(dir, INV, 'bad-time.jsonl')}:2: the case holds a record the native format rejects`);
    expect(code).toBe(2);
  });

  it("runs a user's rule from --rules with its cases next to it, and refuses case folders of unknown rules", async () => {
    const rule = [
      '-- id: session-without-device',
      '-- title: Session without a device id',
      '-- severity: info',
      '-- status: experimental',
      '-- summary: A session whose creation record has no device_id.',
      '-- control: asvs5 7.5.2',
      'SELECT subject_id, session_id, NULL AS lifecycle_event_id, created_at AS observed_at,',
      "       'no device' AS message, false AS escalated, [] AS evidence, {'n': 1} AS details",
      'FROM session_base WHERE device_id IS NULL',
      '',
    ].join('\n');
    const dir = writeFiles({
      'session-without-device.sql': rule,
      'session-without-device/phone.jsonl': jsonl(created('s1', { device_id: 'dev-1' })),
      'session-without-device/phone.expected.json': expectation([]),
      'session-without-device/browser.jsonl': jsonl(created('s1')),
      'session-without-device/browser.expected.json': expectation([{ severity: 'info', subject_id: 'u-ann', session_id: 's1', lifecycle_event_id: null }]),
    });
    const ok = await runCli(['rules', 'test', 'session-without-device', '--rules', dir]);
    expect(ok.stdout).toContain('pass  session-without-device/browser\npass  session-without-device/phone\n');
    expect(ok.code).toBe(0);

    // The same folder given as --cases without --rules: a typo or a missing --rules.
    const stray = await runCli(['rules', 'test', '--cases', dir]);
    expect(stray.stderr).toContain(`${join(dir, 'session-without-device')}: this cases folder names no known rule`);
    expect(stray.code).toBe(2);
  });

  it('exits 2 for an unknown rule id', async () => {
    const { code, stderr } = await runCli(['rules', 'test', 'no-such-rule']);
    expect(stderr).toContain("no rule 'no-such-rule'");
    expect(code).toBe(2);
  });
});
