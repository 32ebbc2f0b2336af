import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonl, runCli, tempDir, writeFiles } from './helpers.ts';

const record = { type: 'session.created', ts: '2026-07-01T10:00:00Z', session_id: 's1', subject_id: 'u1', ip: '192.0.2.1', user_agent: 'UA' };

describe('revaudit audit', () => {
  it('audits the demo organisation when given no inputs, and every input file reconciles', async () => {
    const out = tempDir();
    const { code, stdout } = await runCli(['audit', '--out', out, '--format', 'json']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/4 file\(s\), 3413 records: 3407 loaded, 0 skipped, 6 quarantined/);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(report.schema_version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(report.tool.name).toBe('revaudit');
    expect(report.inputs.map((i: { path: string }) => i.path.split('/').pop()).sort()).toEqual(['activity.csv', 'lifecycle.json', 'revocations.jsonl', 'sessions.jsonl']);
    for (const i of report.inputs) {
      expect(Object.keys(i)).toEqual(expect.arrayContaining(['path', 'sha256', 'bytes', 'adapter', 'records', 'loaded', 'quarantined', 'first_ts', 'last_ts']));
      expect(i.records).toBe(i.loaded + i.skipped + i.quarantined);
    }
    expect(report.quarantine.total).toBe(6);
    expect(report.quarantine.examples[0]).toMatchObject({ source_file: expect.stringContaining('fixtures/demo/'), source_line: expect.any(Number), reason: expect.any(String) });
  });

  it('writes the report into revaudit-report/ of the working folder by default', async () => {
    const cwd = tempDir();
    const input = join(writeFiles({ 'a.jsonl': jsonl(record) }), 'a.jsonl');
    const previous = process.cwd();
    process.chdir(cwd);
    try {
      const { code } = await runCli(['audit', input, '--format', 'json'], {}, cwd);
      expect(code).toBe(0);
      expect(existsSync(join(cwd, 'revaudit-report', 'report.json'))).toBe(true);
    } finally {
      process.chdir(previous);
    }
  });

  it('ends with exit 2 and names the path when an input does not exist', async () => {
    const { code, stderr } = await runCli(['audit', '/no/such/file.jsonl', '--out', tempDir()]);
    expect(code).toBe(2);
    expect(stderr).toContain('/no/such/file.jsonl: no such file or folder');
  });

  it('ends with exit 2 when a folder holds no data file, and lists what it ignored', async () => {
    const dir = writeFiles({ 'README.md': '# notes\n', 'notes.txt': 'hello' });
    const { code, stderr } = await runCli(['audit', dir, '--out', tempDir()]);
    expect(code).toBe(2);
    expect(stderr).toContain('no data file found');
    expect(stderr).toContain('README.md');
  });

  it('ends with exit 2 for a named file it cannot recognise or decompress', async () => {
    const dir = writeFiles({ 'data.txt': 'hello world', 'broken.jsonl.gz': Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x01, 0x02, 0x03]) });
    const unknown = await runCli(['audit', join(dir, 'data.txt'), '--out', tempDir()]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('data.txt: not a recognised input');
    const gz = await runCli(['audit', join(dir, 'broken.jsonl.gz'), '--out', tempDir()]);
    expect(gz.code).toBe(2);
    expect(gz.stderr).toContain('broken.jsonl.gz: cannot decompress');
  });

  it('treats an empty file as an input with 0 records, not an error', async () => {
    const out = tempDir();
    const dir = writeFiles({ 'empty.jsonl': '' });
    const { code } = await runCli(['audit', join(dir, 'empty.jsonl'), '--out', out, '--format', 'json']);
    expect(code).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(report.inputs).toEqual([expect.objectContaining({ records: 0, loaded: 0, quarantined: 0 })]);
  });

  it('rejects an unknown output format and an unknown flag with exit 2', async () => {
    expect((await runCli(['audit', '--format', 'pdf', '--out', tempDir()])).code).toBe(2);
    expect((await runCli(['audit', '--no-such-flag'])).code).toBe(2);
  });

  it('names the key and line of an unknown config key', async () => {
    const dir = writeFiles({ 'config.yaml': 'sla: 10m\nskew: 1m\nslaa: 5m\n' });
    const { code, stderr } = await runCli(['audit', '--config', join(dir, 'config.yaml'), '--out', tempDir()]);
    expect(code).toBe(2);
    expect(stderr).toContain("config.yaml:3: invalid config at slaa: unknown key 'slaa'");
  });

  it('shows the trend against last period\'s report with --previous: new, still open, resolved', async () => {
    const first = tempDir();
    expect((await runCli(['audit', '--out', first, '--format', 'json'])).code).toBe(0);
    const previous = JSON.parse(readFileSync(join(first, 'report.json'), 'utf8'));
    const dropped = previous.findings.shift();
    previous.findings.push({ ...dropped, id: 'gone0000gone0000', session_id: 's-gone' });
    const edited = join(first, 'previous.json');
    (await import('node:fs')).writeFileSync(edited, JSON.stringify(previous));
    const out = tempDir();
    expect((await runCli(['audit', '--previous', edited, '--out', out, '--format', 'json'])).code).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(report.findings.find((f: { id: string }) => f.id === dropped.id).baseline).toBe('new');
    expect(report.baseline.counts).toMatchObject({ new: 1, open: report.findings.length - 1, resolved: 1 });
  });

  it('answers read-only SQL against a database written with --db, and refuses writes', async () => {
    const dir = tempDir();
    const db = join(dir, 'audit.duckdb');
    expect((await runCli(['audit', '--db', db, '--out', dir, '--format', 'json'])).code).toBe(0);
    const read = await runCli(['query', 'SELECT count(*)::INTEGER AS n FROM lifecycle_events', '--db', db, '--json']);
    expect(read.code).toBe(0);
    expect(JSON.parse(read.stdout.trim())).toEqual({ n: 24 });
    const write = await runCli(['query', "DELETE FROM sessions", '--db', db]);
    expect(write.code).toBe(2);
    expect(write.stderr).toMatch(/read-only/i);
  });

  it('prints help for every command', async () => {
    for (const cmd of [['--help'], ['audit', '--help'], ['rules', '--help'], ['formats', '--help'], ['query', '--help']]) {
      const { code, stdout } = await runCli(cmd);
      expect(code, cmd.join(' ')).toBe(0);
      expect(stdout).toContain('revaudit');
    }
  });
});
