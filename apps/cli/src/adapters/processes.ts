import { spawn } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { cmdlineMatches, formatPidFile, parsePidFile } from '../domain/pid-file.js';
import type { PidRecord } from '../domain/pid-file.js';

export interface StartOptions {
  readonly cmd: string;
  readonly args: readonly string[];
  readonly logFile: string;
  readonly pidFile: string;
  /** Fragment of the command line, stored in the pid file to guard against pid reuse. */
  readonly match: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
}

/**
 * Starts a long-running process in its own session (setsid), detached from the terminal,
 * with stdout and stderr appended to its log, and records its pid.
 */
export function startDetached(options: StartOptions): number {
  const fd = openSync(options.logFile, 'a');
  try {
    writeSync(
      fd,
      `--- ${new Date().toISOString()} swarmops starts: ${options.cmd} ${options.args.join(' ')}\n`,
    );
    const child = spawn(options.cmd, options.args, {
      detached: true,
      stdio: ['ignore', fd, fd],
      env: options.env ?? process.env,
      cwd: options.cwd,
    });
    child.unref();
    if (child.pid === undefined) throw new Error(`could not start ${options.cmd}`);
    writePidFile(options.pidFile, { pid: child.pid, match: options.match });
    return child.pid;
  } finally {
    closeSync(fd);
  }
}

export function writePidFile(file: string, record: PidRecord): void {
  writeFileSync(file, formatPidFile(record));
}

export function readPidFile(file: string): PidRecord | undefined {
  try {
    return parsePidFile(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

export function removePidFile(file: string): void {
  rmSync(file, { force: true });
}

function readProc(pid: number, entry: string): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/${entry}`, 'utf8');
  } catch {
    return undefined;
  }
}

/** The state letter from /proc/<pid>/stat (R, S, Z, ...), undefined when gone. */
function procState(pid: number): string | undefined {
  const stat = readProc(pid, 'stat');
  return stat === undefined ? undefined : stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
}

/** Whether the pid runs (not a zombie) and its command line contains `match`. */
export function isOwnedAlive(pid: number, match: string | undefined): boolean {
  const state = procState(pid);
  if (state === undefined || state === 'Z') return false;
  return cmdlineMatches(readProc(pid, 'cmdline') ?? '', match);
}

/** The pid from a pid file when that process still runs what we started there. */
export function liveOwnedPid(file: string): number | undefined {
  const record = readPidFile(file);
  return record && isOwnedAlive(record.pid, record.match) ? record.pid : undefined;
}

interface ProcEntry {
  readonly pid: number;
  readonly ppid: number;
  readonly pgid: number;
}

/** Every live (non-zombie) process with its parent and process group. */
function listProcesses(): ProcEntry[] {
  const entries: ProcEntry[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readProc(Number(entry), 'stat');
    if (stat === undefined) continue;
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[0] === 'Z') continue;
    entries.push({ pid: Number(entry), ppid: Number(fields[1]), pgid: Number(fields[2]) });
  }
  return entries;
}

/** Live members of a process group. */
export function groupMembers(pgid: number): number[] {
  return listProcesses()
    .filter((p) => p.pgid === pgid)
    .map((p) => p.pid);
}

/** The process's children, grandchildren, ... with their command lines (to re-check before a kill). */
function descendants(pid: number): Map<number, string> {
  const all = listProcesses();
  const found = new Map<number, string>();
  const queue = [pid];
  while (queue.length > 0) {
    const parent = queue.shift();
    for (const child of all.filter((p) => p.ppid === parent && !found.has(p.pid))) {
      found.set(child.pid, readProc(child.pid, 'cmdline') ?? '');
      queue.push(child.pid);
    }
  }
  return found;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function waitGone(isGone: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (isGone()) return true;
    await sleep(100);
  }
  return isGone();
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

/**
 * Stops a process we started: SIGTERM, wait up to `graceMs`, then SIGKILL. Afterwards whatever it
 * left behind (its process group, and the children it had when we asked it to stop, if they still
 * run the same command line) gets the same treatment, so nothing `up` started outlives `down`.
 * Returns 'killed' when SIGKILL was needed.
 */
export async function stopOwned(record: PidRecord, graceMs: number): Promise<'stopped' | 'killed' | 'gone'> {
  const { pid, match } = record;
  if (!isOwnedAlive(pid, match)) return 'gone';
  const ownGroup = groupMembers(pid).includes(pid);
  const children = descendants(pid);
  signal(pid, 'SIGTERM');
  let outcome: 'stopped' | 'killed' = 'stopped';
  if (!(await waitGone(() => !isOwnedAlive(pid, match), graceMs))) {
    signal(pid, 'SIGKILL');
    outcome = 'killed';
    await waitGone(() => !isOwnedAlive(pid, match), 5_000);
  }
  const leftovers = (): number[] => {
    const inGroup = ownGroup ? groupMembers(pid) : [];
    const orphans = [...children].filter(
      ([child, cmdline]) =>
        procState(child) !== undefined && procState(child) !== 'Z' && readProc(child, 'cmdline') === cmdline,
    );
    return [...new Set([...inGroup, ...orphans.map(([child]) => child)])];
  };
  if (leftovers().length === 0) return outcome;
  for (const left of leftovers()) signal(left, 'SIGTERM');
  if (!(await waitGone(() => leftovers().length === 0, 5_000))) {
    for (const left of leftovers()) signal(left, 'SIGKILL');
    outcome = 'killed';
  }
  return outcome;
}
