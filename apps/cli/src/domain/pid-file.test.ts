import { describe, expect, it } from 'vitest';
import { cmdlineMatches, formatPidFile, parsePidFile } from './pid-file.js';

describe('pid files', () => {
  it('round-trips a pid with its command-line guard', () => {
    const text = formatPidFile({ pid: 4242, match: 'nats-server' });
    expect(text).toBe('4242\nnats-server\n');
    expect(parsePidFile(text)).toEqual({ pid: 4242, match: 'nats-server' });
  });

  it('reads a bare pid file written by another tool', () => {
    expect(parsePidFile('1234\n')).toEqual({ pid: 1234, match: undefined });
  });

  it('rejects empty, non-numeric and init pids', () => {
    expect(parsePidFile('')).toBeUndefined();
    expect(parsePidFile('abc\n')).toBeUndefined();
    expect(parsePidFile('1\n')).toBeUndefined();
    expect(parsePidFile('-5\n')).toBeUndefined();
  });
});

describe('cmdline guard', () => {
  it('accepts the process whose command line contains the fragment', () => {
    const raw = 'nats-server\0-js\0-sd\0/repo/.swarmops/nats\0';
    expect(cmdlineMatches(raw, 'nats-server')).toBe(true);
  });

  it('matches a fragment that spans arguments', () => {
    expect(cmdlineMatches('node\0apps/inventory/dist/main.js\0', 'node apps/inventory/dist/main.js')).toBe(
      true,
    );
  });

  it('refuses a reused pid that now runs something else', () => {
    expect(cmdlineMatches('bash\0-c\0sleep 100\0', 'nats-server')).toBe(false);
  });

  it('trusts nothing without a fragment', () => {
    expect(cmdlineMatches('nats-server\0', undefined)).toBe(false);
  });
});
