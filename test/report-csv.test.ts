import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, neutralise } from '../src/report/formats/csv.ts';
import { runCli, tempDir } from './helpers.ts';
import { FORMULAS, hostileInputs } from './report-hostile.ts';

/** A strict RFC 4180 reader for the test: every field quoted, CRLF between records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    expect(text[i]).toBe('"');
    let value = '';
    i++;
    for (;;) {
      const q = text.indexOf('"', i);
      if (text[q + 1] === '"') {
        value += text.slice(i, q + 1);
        i = q + 2;
      } else {
        value += text.slice(i, q);
        i = q + 1;
        break;
      }
    }
    row.push(value);
    if (text[i] === ',') i++;
    else {
      expect(text.slice(i, i + 2)).toBe('\r\n');
      i += 2;
      rows.push(row);
      row = [];
    }
  }
  return rows;
}

async function auditCsv(inputs: string[]): Promise<{ csv: string; report: { findings: { id: string; subject_id: string | null; session_id: string | null }[] } }> {
  const out = tempDir();
  const { code } = await runCli(['audit', ...inputs, '--out', out, '--format', 'json,csv', '--quiet'], { SOURCE_DATE_EPOCH: '1790812800' });
  expect(code).toBe(0);
  return { csv: readFileSync(join(out, 'findings.csv'), 'utf8'), report: JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) };
}

describe('findings.csv', () => {
  it('puts a single quote before cells starting with =, +, -, @, tab or carriage return, and leaves other cells alone', () => {
    for (const f of FORMULAS) expect(neutralise(f)).toBe(`'${f}`);
    for (const s of ['u-alice', 'session 1', "'quoted", ' =1', '', '2026-08-01T00:00:00Z']) expect(neutralise(s)).toBe(s);
  });

  it('has one row per finding under the documented header, in the report order', async () => {
    const { csv, report } = await auditCsv([]);
    const [header, ...rows] = parseCsv(csv);
    expect(header?.join(',')).toBe(CSV_COLUMNS.join(','));
    expect(rows.map((r) => r[0])).toEqual(report.findings.map((f) => f.id));
    expect(rows.every((r) => r.length === CSV_COLUMNS.length)).toBe(true);
  });

  it('neutralises formula payloads in ids from the logs, so no cell a spreadsheet reads starts a formula', async () => {
    const { csv } = await auditCsv([hostileInputs()]);
    const rows = parseCsv(csv).slice(1);
    const cells = rows.flat();
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
    const subject = CSV_COLUMNS.indexOf('subject_id');
    const session = CSV_COLUMNS.indexOf('session_id');
    for (const f of FORMULAS) expect(rows.some((r) => r[subject] === `'${f}`), f).toBe(true);
    expect(rows.some((r) => r[session] === `'${FORMULAS[0]}`)).toBe(true);
  });
});
