import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/db/duck.ts';
import {
  INVESTIGATION_SCHEMA_VERSION,
  InvestigationSchema,
  IpSummarySchema,
  SessionSummarySchema,
  TimelineRowSchema,
} from '../src/investigate/schema.ts';

const docs = readFileSync(join(PACKAGE_ROOT, 'docs/investigate.md'), 'utf8');

describe('docs/investigate.md documents the JSON form', () => {
  it('names its schema version', () => {
    expect(docs).toContain(`schema_version\` ${INVESTIGATION_SCHEMA_VERSION}`);
  });

  it.each([
    ['the top level', Object.keys(InvestigationSchema.shape)],
    ['a session summary', Object.keys(SessionSummarySchema.shape)],
    ['the IP summary', Object.keys(IpSummarySchema.shape)],
    ['every kind of timeline row', TimelineRowSchema.options.flatMap((o) => Object.keys(o.shape))],
    ['the kinds of timeline rows', TimelineRowSchema.options.map((o) => o.shape.kind.value)],
  ])('mentions every field of %s', (_what, fields) => {
    const missing = [...new Set(fields)].filter((f) => !docs.includes(`\`${f}\``) && !docs.includes(`\`${f},`));
    expect(missing).toEqual([]);
  });
});
