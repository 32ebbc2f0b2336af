/** The output formats a report can be written in, by name (kept apart so the CLI loads fast). */
export const FORMAT_NAMES = ['json', 'html', 'md', 'csv', 'junit', 'sarif'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];
