/** One place where two JSON values differ: its path and the two values there. */
export interface Difference {
  path: string;
  expected: unknown;
  actual: unknown;
}

/**
 * The first `limit` places at which `actual` differs from `expected`, depth first in key
 * order: a path like `$.trend.findings.still_live` and the values on each side (undefined
 * where one side lacks it).
 */
export function differences(expected: unknown, actual: unknown, limit = 5, path = '$', out: Difference[] = []): Difference[] {
  if (out.length >= limit || expected === actual) return out;
  const bothObjects = typeof expected === 'object' && typeof actual === 'object' && expected !== null && actual !== null;
  if (!bothObjects || Array.isArray(expected) !== Array.isArray(actual)) {
    out.push({ path, expected, actual });
    return out;
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    for (let i = 0; i < Math.max(expected.length, actual.length) && out.length < limit; i++) differences(expected[i], actual[i], limit, `${path}[${i}]`, out);
    return out;
  }
  const e = expected as Record<string, unknown>;
  const a = actual as Record<string, unknown>;
  for (const key of [...new Set([...Object.keys(e), ...Object.keys(a)])]) {
    if (out.length >= limit) break;
    differences(e[key], a[key], limit, `${path}.${key}`, out);
  }
  return out;
}

/** A value for a message: short JSON, or "absent". */
export function shown(value: unknown): string {
  if (value === undefined) return 'absent';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
