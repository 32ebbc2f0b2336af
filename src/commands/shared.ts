import { RevauditError } from '../errors.ts';
import { FORMAT_NAMES, type FormatName } from '../report/formats/names.ts';

/** `--format json,html --format md` as a list of known names, in the order given, once each. */
export function parseFormats(values: readonly string[] | undefined, fallback: FormatName[]): FormatName[] {
  if (!values || values.length === 0) return fallback;
  const names = values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  for (const name of names) {
    if (!(FORMAT_NAMES as readonly string[]).includes(name)) {
      throw new RevauditError('usage.format', `unknown --format '${name}'; expected some of ${FORMAT_NAMES.join(', ')}`);
    }
  }
  return [...new Set(names)] as FormatName[];
}
