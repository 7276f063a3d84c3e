// Compose's "list or dict" shapes, normalised the way docker's loader does.

/** Go's fmt.Sprint of a YAML scalar. */
export function scalarToString(value: unknown): string {
  return typeof value === 'string' ? value : String(value);
}

/**
 * `KEY=value` list or mapping → entries with null for "no value" (`KEY` in a list, `KEY:` in a map), as
 * docker's MappingWithEquals (environment).
 */
export function toMappingWithEquals(value: unknown): Map<string, string | null> {
  const out = new Map<string, string | null>();
  if (Array.isArray(value)) {
    for (const item of value) {
      const text = scalarToString(item);
      const eq = text.indexOf('=');
      if (eq === -1) out.set(text, null);
      else out.set(text.slice(0, eq), text.slice(eq + 1));
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value))
      out.set(key, item === null ? null : scalarToString(item));
  }
  return out;
}

/** `KEY=value` list or mapping → string map; a missing value is `""` (docker's Labels / Mapping). */
export function toStringMap(value: unknown, separator = '='): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, item] of toMappingWithEquals(separator === '=' ? value : reSeparate(value, separator))) {
    out[key] = item ?? '';
  }
  return out;
}

function reSeparate(value: unknown, separator: string): unknown {
  if (!Array.isArray(value)) return value;
  return value.map((item) => {
    const text = scalarToString(item);
    const at = text.indexOf(separator);
    return at === -1 ? text : `${text.slice(0, at)}=${text.slice(at + separator.length)}`;
  });
}

/** A string or a list of strings → list (docker's StringList). */
export function toStringList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.map(scalarToString);
  return [scalarToString(value)];
}

/** A map with its keys in byte order, for deterministic output. */
export function sortedRecord<T>(record: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const key of Object.keys(record).sort(compareStrings)) out[key] = record[key] as T;
  return out;
}

/** Go's string ordering (byte-wise for ASCII), independent of locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
