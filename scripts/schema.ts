// Writes reports/report.schema.json from the zod ReportSchema (npm run schema).
// test/report-schema.test.ts fails when the committed file and the schema drift apart.
import { writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import { ReportSchema, SCHEMA_VERSION } from '../src/report/schema.ts';

/** Where the generated JSON Schema is committed. */
export const SCHEMA_FILE = fileURLToPath(new URL('../reports/report.schema.json', import.meta.url));

/** The JSON Schema (draft 2020-12) of report.json as the exact text committed. */
export function reportSchemaText(): string {
  const generated = z.toJSONSchema(ReportSchema, { target: 'draft-2020-12' });
  const { $schema, ...rest } = generated;
  const schema = {
    $schema,
    title: 'revaudit report',
    description: `The JSON report of revaudit, schema_version ${SCHEMA_VERSION}. Generated from src/report/schema.ts by npm run schema; see reports/README.md.`,
    ...rest,
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(SCHEMA_FILE, reportSchemaText());
  process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
}
