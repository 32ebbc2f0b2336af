import type { InputFile } from './discover.ts';

/**
 * An ingest adapter: recognises its files from their content and maps their raw records
 * onto the canonical tables with SQL. Like a kysely dialect: a few small members.
 */
export interface Adapter {
  /** Stable name: the `source` of every row it loads and the manifest's `adapter`. */
  readonly name: string;
  /** One line for `revaudit formats`. */
  readonly title: string;
  /** What it maps, and what its format cannot express (for `revaudit formats`). */
  readonly maps: readonly string[];
  readonly gaps: readonly string[];
  /** How its files are recognised, in one line (for `revaudit formats`). */
  readonly detects?: string;
  /** Where its mapping is documented, relative to the package root (for `revaudit formats`). */
  readonly docs?: string;
  /** True when the file's head is this adapter's format. */
  detect(file: InputFile): boolean;
  /**
   * A SELECT over `raw_records JOIN ingest_files USING (file_id) WHERE adapter = <name>`
   * returning rows of the `staged` table by name: one or more per record, each with a
   * target table, or 'skipped' / 'quarantine' with a reason. Rows of one record aimed at
   * the same table must have distinct event_ids.
   */
  readonly mappingSql: string;
}
