import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';

export interface RunOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  /** Written to the child's stdin, then stdin is closed. */
  readonly input?: string;
  /** Killed with SIGKILL after this long; the result then has code 124. */
  readonly timeoutMs?: number;
  /** `capture` (default) buffers output; `inherit` streams it to the terminal; a path appends it to that log. */
  readonly output?: 'capture' | 'inherit' | { readonly logFile: string };
}

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command to completion. Never throws for a failing command: read `code`. */
export function run(cmd: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const mode = options.output ?? 'capture';
  const logFd = typeof mode === 'object' ? openSync(mode.logFile, 'a') : undefined;
  const out = logFd ?? (mode === 'inherit' ? 'inherit' : 'pipe');
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      env: options.env ?? process.env,
      cwd: options.cwd,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', out, out],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    if (options.input !== undefined) child.stdin?.end(options.input);
    let timedOut = false;
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            child.kill('SIGKILL');
          }, options.timeoutMs);
    const finish = (code: number, extra = ''): void => {
      if (timer) clearTimeout(timer);
      if (logFd !== undefined) closeSync(logFd);
      resolve({ code, stdout, stderr: stderr + extra });
    };
    child.on('error', (err) => finish(127, `${cmd}: ${err.message}`));
    child.on('close', (code, signal) => {
      if (timedOut) finish(124, `${cmd}: timed out after ${options.timeoutMs} ms`);
      else finish(code ?? (signal ? 128 : 1));
    });
  });
}
