/** What replaces a redacted value. */
export const REDACTED = '[REDACTED]';

/** Keys whose values are never stored: secrets, passwords, tokens, keys, credentials, environments. */
const SECRET_KEY = /secret|password|passwd|token|key|credential|env|auth/i;
/** `name=value` / `name: value` pairs inside strings (compose files, command lines). */
const INLINE_SECRET =
  /((?:secret|password|passwd|token|api[_-]?key|private[_-]?key|credential)[\w.-]*["']?\s*[:=]\s*)("[^"\n]*"|'[^'\n]*'|[^\s,;}\]]+)/gi;

/** Limits of {@link redactArguments}. */
export interface RedactOptions {
  /** Strings longer than this are cut, with a note of how much was dropped. Default 2048. */
  maxString?: number;
  /** Arrays longer than this keep their first items plus a note. Default 100. */
  maxItems?: number;
  /** Deeper nesting is replaced by a note. Default 8. */
  maxDepth?: number;
}

function redactString(value: string, maxString: number): string {
  const clean = value.replace(INLINE_SECRET, `$1${REDACTED}`);
  return clean.length > maxString
    ? `${clean.slice(0, maxString)}…[truncated ${clean.length - maxString} chars]`
    : clean;
}

/**
 * A copy of tool arguments safe to store in the audit log: values under secret-looking keys
 * (matching /secret|password|token|key|credential|env|auth/i) become `[REDACTED]` at any depth,
 * `password=...`-style pairs inside strings are masked, huge strings and arrays are cut, and
 * deep nesting is summarised. Pure; never throws on any JSON-like input.
 *
 * @example redactArguments({ service: 'api', env: { DB_PASSWORD: 'x' } }) // { service: 'api', env: '[REDACTED]' }
 */
export function redactArguments(args: unknown, options: RedactOptions = {}): unknown {
  const { maxString = 2048, maxItems = 100, maxDepth = 8 } = options;
  const seen = new WeakSet<object>();

  const walk = (value: unknown, depth: number): unknown => {
    if (typeof value === 'string') return redactString(value, maxString);
    if (value === null || typeof value !== 'object') {
      return typeof value === 'bigint' || typeof value === 'function' || typeof value === 'symbol'
        ? String(value)
        : value;
    }
    if (seen.has(value)) return '[circular]';
    if (depth >= maxDepth) return '[nested too deep]';
    seen.add(value);
    if (Array.isArray(value)) {
      const items = value.slice(0, maxItems).map((v) => walk(v, depth + 1));
      if (value.length > maxItems) items.push(`…[${value.length - maxItems} more items]`);
      return items;
    }
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      out[key] = SECRET_KEY.test(key) ? REDACTED : walk(v, depth + 1);
    }
    return out;
  };

  return walk(args, 0) ?? null;
}
