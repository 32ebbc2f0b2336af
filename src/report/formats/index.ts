import type { Report } from '../schema.ts';
import { toJson } from '../write.ts';

/** One output of a report: its file name and how it renders the JSON contract. */
export interface OutputFormat {
  file: string;
  render(report: Report): string | Promise<string>;
}

export const FORMATS: Record<string, OutputFormat> = {
  json: { file: 'report.json', render: (report) => toJson(report) },
};

export const FORMAT_NAMES = ['json', 'html', 'md', 'csv', 'junit', 'sarif'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];
