import type { Report } from '../schema.ts';
import { toJson } from '../write.ts';
import { renderCsv } from './csv.ts';
import { renderHtml } from './html.ts';
import { renderMarkdown } from './md.ts';
import { renderJunit } from './junit.ts';
import { renderSarif } from './sarif.ts';

/** One output of a report: its file name and how it renders the JSON contract. */
export interface OutputFormat {
  file: string;
  render(report: Report): string | Promise<string>;
}

export const FORMATS: Record<string, OutputFormat> = {
  json: { file: 'report.json', render: (report) => toJson(report) },
  html: { file: 'report.html', render: renderHtml },
  md: { file: 'report.md', render: renderMarkdown },
  csv: { file: 'findings.csv', render: renderCsv },
  junit: { file: 'junit.xml', render: renderJunit },
  sarif: { file: 'report.sarif', render: renderSarif },
};

export { FORMAT_NAMES, type FormatName } from './names.ts';
