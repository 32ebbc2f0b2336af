import { readFileSync } from 'node:fs';
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { readDocument } from '../config/read-document.ts';

/** `2026-12-31`: a calendar date; the waiver applies up to and including that day (UTC). */
const IsoDate = z
  .string({ error: (issue) => (issue.input === undefined ? 'required' : 'expected a date such as 2026-12-31') })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date such as 2026-12-31')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'not a calendar date');

const Text = z.string({ error: (issue) => (issue.input === undefined ? 'required' : 'expected text') }).trim().min(1, 'must not be empty');

/** What a waiver may select on, besides its rule; at least one is required. */
export const SELECTORS = ['subject', 'session', 'lifecycle_event', 'finding'] as const;

/** One waiver as a person writes it; `rule` is checked against the loaded rules. */
function waiverSchema(ruleIds: readonly string[]) {
  return z
    .strictObject({
      id: Text,
      rule: z.string({ error: (issue) => (issue.input === undefined ? 'required' : 'expected a rule id') }).refine((r) => ruleIds.includes(r), { message: `unknown rule; expected one of ${ruleIds.join(', ')}` }),
      subject: Text.optional(),
      session: Text.optional(),
      lifecycle_event: Text.optional(),
      finding: Text.optional().describe("a finding's stable id, as in report.json"),
      owner: Text,
      reason: Text,
      ticket: Text.optional(),
      expires: IsoDate,
    })
    .refine((w) => SELECTORS.some((k) => w[k] !== undefined), {
      // A waiver of a whole rule would hide every future finding of it: disable or re-rate the rule in config instead.
      message: `a waiver names at least one of ${SELECTORS.join(', ')} besides its rule`,
    });
}

/** The waivers file (`--waivers`): `waivers:` and a list. Unknown keys are errors. */
export function waiversFileSchema(ruleIds: readonly string[]) {
  return z
    .strictObject({
      waivers: z.array(waiverSchema(ruleIds), { error: (issue) => (issue.input === undefined ? "required: 'waivers:' and a list" : 'expected a list') }),
    })
    .superRefine((file, ctx) => {
      const seen = new Set<string>();
      file.waivers.forEach((w, i) => {
        if (seen.has(w.id)) ctx.addIssue({ code: 'custom', path: ['waivers', i, 'id'], message: `waiver id '${w.id}' appears twice` });
        seen.add(w.id);
      });
    });
}

/**
 * Only the keys of the file. Checked first, so a misspelt key (`expiry:`) is reported as the
 * unknown key it is rather than as the required key it displaced.
 */
const KeysOnlySchema = z.strictObject({
  waivers: z
    .array(z.strictObject(Object.fromEntries(['id', 'rule', ...SELECTORS, 'owner', 'reason', 'ticket', 'expires'].map((k) => [k, z.unknown().optional()]))))
    .optional(),
});

export type Waiver = z.infer<ReturnType<typeof waiverSchema>> & { source_file: string; source_line: number };

/**
 * Reads and validates a waivers file (YAML or JSON). Any problem is a RevauditError (exit 2)
 * naming the file and line. Each waiver keeps the line it starts on, for the report.
 */
export function loadWaivers(path: string, ruleIds: readonly string[]): Waiver[] {
  readDocument(path, KeysOnlySchema, 'waivers');
  const file = readDocument(path, waiversFileSchema(ruleIds), 'waivers');
  const lines = waiverLines(path);
  return file.waivers.map((w, i) => ({ ...w, source_file: path, source_line: lines[i] ?? 1 }));
}

/** The line each item of the `waivers` list starts on (1-based); the file has already parsed cleanly. */
function waiverLines(path: string): number[] {
  const counter = new LineCounter();
  const root = parseDocument(readFileSync(path, 'utf8'), { lineCounter: counter }).contents;
  if (!isMap(root)) return [];
  const list = root.items.find((p) => (p.key as { value?: unknown } | null)?.value === 'waivers')?.value;
  if (!isSeq(list)) return [];
  return list.items.map((item) => {
    const offset = (item as { range?: readonly number[] } | null)?.range?.[0];
    return offset === undefined ? 1 : counter.linePos(offset).line;
  });
}
