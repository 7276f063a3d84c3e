// Filter clauses shared by the list queries.

/** `key` matches objects carrying the label; `key=value` those carrying it with that value. */
export function labelClause(column: string, filter: string, param: (value: unknown) => string): string {
  const eq = filter.indexOf('=');
  if (eq === -1) return `${column} ? ${param(filter)}`;
  return `${column} @> jsonb_build_object(${param(filter.slice(0, eq))}::text, ${param(filter.slice(eq + 1))}::text)`;
}

/** Escapes `%`, `_` and `\` so a substring is matched literally by `ILIKE ... ESCAPE '\'`. */
export function likeSubstring(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Case-insensitive substring match of `column`. */
export function substringClause(column: string, text: string, param: (value: unknown) => string): string {
  return `${column} ILIKE ${param(likeSubstring(text))} ESCAPE '\\'`;
}
