/** One row of `swarmops status`. */
export interface PartStatus {
  readonly name: string;
  readonly ready: boolean;
  /** Where it answers, e.g. "nats://127.0.0.1:4222". */
  readonly address: string;
  /** Short facts: version, swarm state, pid, the /readyz answer. */
  readonly detail: string;
}

const HEADERS = ['PART', 'STATE', 'ADDRESS', 'DETAIL'] as const;

function pad(cells: readonly string[], widths: readonly number[]): string {
  return cells
    .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
    .join('  ')
    .trimEnd();
}

/** Renders the parts as an aligned text table, one line per part. */
export function renderStatusTable(parts: readonly PartStatus[]): string {
  const rows = parts.map((p) => [p.name, p.ready ? 'ready' : 'NOT READY', p.address, p.detail]);
  const all = [[...HEADERS], ...rows];
  const widths = HEADERS.map((_, col) => Math.max(...all.map((row) => (row[col] ?? '').length)));
  return all.map((row) => pad(row, widths)).join('\n');
}

/** Whether every part is ready (the exit code of `status`). */
export function allReady(parts: readonly PartStatus[]): boolean {
  return parts.every((p) => p.ready);
}
