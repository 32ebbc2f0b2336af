import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, isMap, isSeq, type Node } from 'yaml';
import type { z } from 'zod';
import { RevauditError } from '../errors.ts';

/**
 * Reads a file a person wrote (config, waivers), YAML or JSON (JSON is YAML), and checks
 * it with a zod schema. Any problem is a RevauditError naming the file, the line and what
 * was expected; an unknown key names the key.
 */
export function readDocument<S extends z.ZodType>(path: string, schema: S, what: string): z.infer<S> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new RevauditError(`${what}.unreadable`, `cannot read the ${what} file (${(e as NodeJS.ErrnoException).code})`, { file: path });
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const syntax = doc.errors[0];
  if (syntax) {
    throw new RevauditError(`${what}.syntax`, `not valid YAML or JSON: ${syntax.message.split('\n')[0]}`, {
      file: path,
      line: lines.linePos(syntax.pos[0]).line,
    });
  }
  const result = schema.safeParse(doc.toJS() ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  let issuePath: PropertyKey[] = issue.path;
  let message = issue.message;
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    issuePath = [...issue.path, key];
    message = `unknown key '${key}'`;
  }
  const node = nodeAt(doc.contents, issuePath);
  const offset = node?.range?.[0];
  const shown = issuePath.length ? ` at ${issuePath.map(String).join('.')}` : '';
  throw new RevauditError(
    `${what}.invalid`,
    `invalid ${what}${shown}: ${message}`,
    offset === undefined ? { file: path } : { file: path, line: lines.linePos(offset).line },
  );
}

/** The YAML node at a path, or the deepest existing ancestor (for a missing key). */
function nodeAt(root: unknown, path: readonly PropertyKey[]): Node | undefined {
  let node = root as Node | undefined;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
      if (!pair) return node;
      node = (typeof key === 'string' && pair.key && (pair.value === null || isMap(pair.value) || isSeq(pair.value)) && path[path.length - 1] === key
        ? (pair.key as Node)
        : ((pair.value as Node | null) ?? (pair.key as Node)));
    } else if (isSeq(node) && typeof key === 'number') {
      node = (node.items[key] as Node | undefined) ?? node;
    } else {
      return node;
    }
  }
  return node;
}
