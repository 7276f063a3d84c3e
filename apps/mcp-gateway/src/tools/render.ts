/** Most lines a list rendering shows; the rest is in structuredContent. */
export const MAX_TEXT_LINES = 25;
/** Most characters any text rendering has. */
export const MAX_TEXT_CHARS = 4_000;

/** Cuts `text` to {@link MAX_TEXT_CHARS}, saying so. */
export function bound(text: string): string {
  if (text.length <= MAX_TEXT_CHARS) return text;
  const note = '\n… (text truncated; see structuredContent)';
  return `${text.slice(0, MAX_TEXT_CHARS - note.length)}${note}`;
}

/**
 * Renders a page of items, one line each, with a header and a footer that says when the page is
 * truncated (more lines than shown) and when more pages exist (the cursor to pass).
 */
export function renderList<T>(
  noun: string,
  page: { items: readonly T[]; nextCursor: string | null },
  line: (item: T) => string,
): string {
  const shown = page.items.slice(0, MAX_TEXT_LINES).map((item) => `- ${line(item)}`);
  const parts = [`${page.items.length} ${noun} on this page:`, ...shown];
  if (page.items.length > shown.length) {
    parts.push(`… ${page.items.length - shown.length} more on this page in structuredContent.items`);
  }
  if (page.nextCursor !== null) {
    parts.push(`Truncated: more ${noun} exist; call again with cursor "${page.nextCursor}".`);
  }
  if (page.items.length === 0) parts[0] = `No ${noun} match.`;
  return bound(parts.join('\n'));
}

/** `key=value,...` of labels, at most 5 shown. */
export function renderLabels(labels: Record<string, string>): string {
  const entries = Object.entries(labels);
  if (entries.length === 0) return '';
  const shown = entries.slice(0, 5).map(([k, v]) => (v === '' ? k : `${k}=${v}`));
  return ` labels ${shown.join(',')}${entries.length > 5 ? ',…' : ''}`;
}

/** Bytes as GiB with one decimal. */
export function gib(bytes: number): string {
  return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
}
