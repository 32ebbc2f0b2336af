import { generateKeyPairSync } from 'node:crypto';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { jsonl, runCli, tempDir, writeFiles } from './helpers.ts';

const EPOCH = { SOURCE_DATE_EPOCH: '1790812800' };

describe('revaudit verify', () => {
  const keys = tempDir();
  let out = '';
  beforeAll(async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    writeFileSync(join(keys, 'key.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
    writeFileSync(join(keys, 'pub.pem'), publicKey.export({ type: 'spki', format: 'pem' }));
    out = tempDir();
    const { code } = await runCli(['audit', '--out', out, '--format', 'json', '--sign-key', join(keys, 'key.pem'), '--from', '2026-Q3'], EPOCH);
    expect(code).toBe(0);
  });

  it('reproduces a signed demo report from its own inputs and checks its signature', async () => {
    const { code, stdout } = await runCli(['verify', join(out, 'report.json'), '--public-key', join(keys, 'pub.pem')]);
    expect(stdout).toContain('reproduced report');
    expect(stdout).toContain('signature valid');
    expect(code).toBe(0);
  });

  it('exits 1 naming the first difference when a figure in the report was edited', async () => {
    const copy = tempDir();
    cpSync(out, copy, { recursive: true });
    const path = join(copy, 'report.json');
    const report = JSON.parse(readFileSync(path, 'utf8'));
    report.findings = report.findings.slice(1);
    writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
    const unsigned = await runCli(['verify', path]);
    expect(unsigned.code).toBe(1);
    expect(unsigned.stdout).toContain('the rerun differs at $.findings[0]');
    const signed = await runCli(['verify', path, '--public-key', join(keys, 'pub.pem')]);
    expect(signed.code).toBe(1);
    expect(signed.stdout).toContain('does not match');
  });

  it('catches a one-byte edit of a signed report, and a whitespace edit of an unsigned one', async () => {
    const copy = tempDir();
    cpSync(out, copy, { recursive: true });
    const path = join(copy, 'report.json');
    const bytes = readFileSync(path);
    const at = bytes.indexOf('"critical": ') + '"critical": '.length;
    expect(at).toBeGreaterThan(20);
    bytes[at] = bytes[at] === 0x37 ? 0x38 : 0x37; // one digit, one byte
    writeFileSync(path, bytes);
    const signed = await runCli(['verify', path, '--public-key', join(keys, 'pub.pem')]);
    expect(signed.code).toBe(1);
    expect(signed.stdout).toContain('does not match the report under that public key');

    writeFileSync(path, `${readFileSync(join(out, 'report.json'), 'utf8')}\n`); // same content, one byte more
    const unsigned = await runCli(['verify', path]);
    expect(unsigned.code).toBe(1);
    expect(unsigned.stdout).toMatch(/same content but not the same bytes \(first difference at byte \d+\)/);
  });

  it('reruns with the waivers and previous report the report records, without naming them again', async () => {
    const dir = tempDir();
    const previous = join(dir, 'q2');
    expect((await runCli(['audit', '--out', previous, '--format', 'json', '--from', '2026-08-01', '--to', '2026-08-31'], EPOCH)).code).toBe(0);
    const made = await runCli(
      ['audit', '--out', join(dir, 'q3'), '--format', 'json', '--from', '2026-09-01', '--to', '2026-09-30', '--previous', join(previous, 'report.json'), '--waivers', 'fixtures/waivers/demo-waivers.yaml'],
      EPOCH,
    );
    expect(made.code).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'q3', 'report.json'), 'utf8'));
    expect(report.trend.previous.source).toBe('report');
    expect(report.run.files.waivers.path).toBe('fixtures/waivers/demo-waivers.yaml');
    const { code, stdout } = await runCli(['verify', join(dir, 'q3', 'report.json')]);
    expect(stdout).toContain('reproduced report');
    expect(code).toBe(0);
    // The previous report changed since: verify says so rather than reproducing something else.
    writeFileSync(join(previous, 'report.json'), `${readFileSync(join(previous, 'report.json'), 'utf8')} `);
    const changed = await runCli(['verify', join(dir, 'q3', 'report.json')]);
    expect(changed.code).toBe(1);
    expect(changed.stdout).toContain('the baseline');
  });

  it('reproduces a report of a --db run, reading first the files the database held from earlier runs', async () => {
    const june = writeFiles({ 'june.jsonl': jsonl({ type: 'session.created', ts: '2026-06-20T10:00:00Z', session_id: 's1', subject_id: 'u1', ip: '192.0.2.1', user_agent: 'ua' }) });
    const july = writeFiles({
      'july.jsonl': jsonl(
        { type: 'subject.offboarded', ts: '2026-07-02T10:00:00Z', event_id: 'lc-1', subject_id: 'u1' },
        { type: 'session.activity', ts: '2026-07-02T12:00:00Z', session_id: 's1', subject_id: 'u1' },
      ),
    });
    const db = join(tempDir(), 'audit.duckdb');
    const reportDir = tempDir();
    expect((await runCli(['audit', june, '--db', db, '--out', tempDir(), '--format', 'json'], EPOCH)).code).toBe(0);
    expect((await runCli(['audit', july, '--db', db, '--from', '2026-07-01', '--to', '2026-07-31', '--out', reportDir, '--format', 'json'], EPOCH)).code).toBe(0);
    const report = JSON.parse(readFileSync(join(reportDir, 'report.json'), 'utf8'));
    expect(report.run.arguments).toEqual([july]);
    expect(report.inputs).toHaveLength(2);
    expect(report.findings.map((f: { rule: string }) => f.rule)).toContain('session-survived-lifecycle-event');
    const { code, stdout } = await runCli(['verify', join(reportDir, 'report.json')]);
    expect(stdout).toContain('reproduced report');
    expect(code).toBe(0);
  });

  it('exits 1 when an input file changed since the report was made', async () => {
    const dir = writeFiles({ 'a.jsonl': jsonl({ type: 'session.created', ts: '2026-07-01T10:00:00Z', session_id: 's1', subject_id: 'u1' }) });
    const reportDir = tempDir();
    expect((await runCli(['audit', join(dir, 'a.jsonl'), '--out', reportDir, '--format', 'json'], EPOCH)).code).toBe(0);
    writeFileSync(join(dir, 'a.jsonl'), jsonl({ type: 'session.created', ts: '2026-07-01T10:00:00Z', session_id: 's2', subject_id: 'u1' }));
    const { code, stdout } = await runCli(['verify', join(reportDir, 'report.json')]);
    expect(code).toBe(1);
    expect(stdout).toContain('a.jsonl is missing or no longer has sha256');
  });

  it('exits 2 for a file that is not a revaudit report', async () => {
    const dir = writeFiles({ 'x.json': '{"hello": 1}' });
    const { code, stderr } = await runCli(['verify', join(dir, 'x.json')]);
    expect(code).toBe(2);
    expect(stderr).toContain('not a revaudit report');
  });
});
