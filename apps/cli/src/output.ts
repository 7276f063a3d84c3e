// The one place the CLI writes to the terminal: everything else calls these functions, so
// stdout stays clean for `--json` and for the MCP stdio server later.

/** Writes one line to stdout. */
export function say(line = ''): void {
  process.stdout.write(`${line}\n`);
}

/** Writes one progress line (`==> ...`) to stdout. */
export function step(line: string): void {
  process.stdout.write(`==> ${line}\n`);
}

/** Writes one line to stderr. */
export function warn(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Writes a value as pretty JSON to stdout. */
export function sayJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
