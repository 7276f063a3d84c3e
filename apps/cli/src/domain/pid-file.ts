// A pid file written by `up`: the pid on the first line, then the fragment its
// /proc/<pid>/cmdline must contain. The second line guards `down` against pid reuse.

export interface PidRecord {
  readonly pid: number;
  /** A fragment of the command line (e.g. "nats-server"); absent in foreign pid files. */
  readonly match: string | undefined;
}

export function formatPidFile(record: PidRecord): string {
  return record.match === undefined ? `${record.pid}\n` : `${record.pid}\n${record.match}\n`;
}

/** Parses a pid file; undefined when it holds no positive integer pid. */
export function parsePidFile(text: string): PidRecord | undefined {
  const [first, second] = text.split('\n').map((line) => line.trim());
  if (first === undefined || !/^\d+$/.test(first)) return undefined;
  const pid = Number(first);
  if (pid <= 1) return undefined;
  return { pid, match: second === undefined || second === '' ? undefined : second };
}

/**
 * Whether a raw /proc/<pid>/cmdline (NUL-separated) belongs to the process we started:
 * it must contain the expected fragment. Without a fragment nothing is trusted.
 */
export function cmdlineMatches(rawCmdline: string, match: string | undefined): boolean {
  if (match === undefined || match === '') return false;
  const cmdline = rawCmdline.split('\0').join(' ');
  return cmdline.includes(match);
}
