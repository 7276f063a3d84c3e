/** Quotes a value for a POSIX shell: single quotes, with embedded quotes escaped. */
export function shellQuote(value: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * Renders `.swarmops/env`: one `export NAME=value` line per variable, in the given order,
 * so `. .swarmops/env` gives a shell the same connection settings the tests use.
 */
export function renderEnvFile(vars: Readonly<Record<string, string>>): string {
  const lines = Object.entries(vars).map(([name, value]) => `export ${name}=${shellQuote(value)}`);
  return `# Written by ./swarmops up; source it with: . .swarmops/env\n${lines.join('\n')}\n`;
}

/** The connection URL of the private PostgreSQL cluster. */
export function databaseUrl(options: { password: string; port: number; database?: string }): string {
  const db = options.database ?? 'swarmops';
  return `postgres://swarmops:${encodeURIComponent(options.password)}@127.0.0.1:${options.port}/${db}`;
}

/** Undoes {@link shellQuote}: a bare word, or single quotes with `'\''` for embedded quotes. */
function shellUnquote(raw: string): string {
  if (!raw.startsWith("'")) return raw;
  return raw
    .split(`'\\''`)
    .map((part) => part.replace(/^'|'$/g, ''))
    .join("'");
}

/** Reads what {@link renderEnvFile} wrote: `export NAME=value` lines; comments and blanks skipped. */
export function parseEnvFile(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (m?.[1] !== undefined && m[2] !== undefined) vars[m[1]] = shellUnquote(m[2].trim());
  }
  return vars;
}
