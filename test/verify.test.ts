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
