const UNIT_MS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
  y: 31_536_000_000,
};

/**
 * Parses a token lifetime such as `90d`, `12h`, `30m`, `2w`, `1y` into milliseconds.
 * Returns `null` for anything else (including zero).
 */
export function parseDuration(text: string): number | null {
  const m = /^(\d{1,6})([smhdwy])$/.exec(text.trim());
  if (!m) return null;
  const n = Number(m[1]);
  const unit = UNIT_MS[m[2] ?? ''];
  return n > 0 && unit !== undefined ? n * unit : null;
}
