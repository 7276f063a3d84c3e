import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  isOwnedAlive,
  liveOwnedPid,
  readPidFile,
  startDetached,
  stopOwned,
  writePidFile,
} from './processes.js';

// Real processes, no shared dependencies: a detached `sleep` stands in for a daemon.
describe('detached processes by pid', () => {
  const dirs: string[] = [];
  const pids: number[] = [];

  afterEach(() => {
    for (const pid of pids.splice(0)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  function tempDir(): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'swarmops-cli-'));
    dirs.push(dir);
    return dir;
  }

  it('starts a process in its own session, records it, and stops it with SIGTERM', async () => {
    const dir = tempDir();
    const pidFile = path.join(dir, 'sleeper.pid');
    const pid = startDetached({
      cmd: 'sleep',
      args: ['300'],
      logFile: path.join(dir, 'sleeper.log'),
      pidFile,
      match: 'sleep 300',
    });
    pids.push(pid);
    expect(readPidFile(pidFile)).toEqual({ pid, match: 'sleep 300' });
    expect(liveOwnedPid(pidFile)).toBe(pid);
    expect(readFileSync(path.join(dir, 'sleeper.log'), 'utf8')).toContain('swarmops starts: sleep 300');
    expect(await stopOwned({ pid, match: 'sleep 300' }, 5_000)).toBe('stopped');
    expect(isOwnedAlive(pid, 'sleep 300')).toBe(false);
  });

  it('refuses a pid file whose pid now runs something else', async () => {
    const dir = tempDir();
    const pidFile = path.join(dir, 'nats.pid');
    writePidFile(pidFile, { pid: process.pid, match: 'nats-server -js' });
    expect(liveOwnedPid(pidFile)).toBeUndefined();
    expect(await stopOwned({ pid: process.pid, match: 'nats-server -js' }, 1_000)).toBe('gone');
  });

  it('also stops the children the process leaves behind', async () => {
    const dir = tempDir();
    const pidFile = path.join(dir, 'parent.pid');
    // The parent ignores SIGTERM so the grace period ends in SIGKILL; its child must still go.
    const pid = startDetached({
      cmd: 'sh',
      args: ['-c', "sleep 301 & trap '' TERM; wait"],
      logFile: path.join(dir, 'parent.log'),
      pidFile,
      match: 'sleep 301',
    });
    pids.push(pid);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await stopOwned({ pid, match: 'sleep 301' }, 500)).toBe('killed');
    const left = await import('node:child_process').then((cp) =>
      cp.execFileSync('sh', ['-c', 'pgrep -f "^sleep 301$" || true']).toString().trim(),
    );
    expect(left).toBe('');
  });
});
