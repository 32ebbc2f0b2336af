import { page } from '../html/page.ts';
import type { Report } from '../schema.ts';

/** report.html: the JSON report as one self-contained, printable HTML page with inline SVG charts. */
export async function renderHtml(report: Report): Promise<string> {
  return (await page(report)).toString();
}
