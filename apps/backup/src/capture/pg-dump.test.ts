import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgDump, splitPassword } from './pg-dump.js';

// These run small shell scripts in place of pg_dump to check what the child is given; the real pg_dump
// against the real database is in pg-dump.int.test.ts.
let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pg-dump-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function script(name: string, body: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, `#!/bin/sh\n${body}\n`);
  await chmod(path, 0o755);
  return path;
}

describe('splitPassword', () => {
  it('moves a percent-encoded password out of the URL', () => {
    expect(splitPassword('postgres://ops:p%40ss%3Aw@db:5432/swarmops?sslmode=require')).toEqual({
      dbname: 'postgres://ops@db:5432/swarmops?sslmode=require',
      password: 'p@ss:w',
    });
  });

  it('leaves a URL without password as it is', () => {
    expect(splitPassword('postgres://ops@db/swarmops')).toEqual({
      dbname: 'postgres://ops@db/swarmops',
      password: null,
    });
  });
});

describe('pgDump', () => {
  it('asks for the custom format and passes the password only through PGPASSWORD', async () => {
    const bin = await script('args', 'echo "ARGS $*"; echo "PW $PGPASSWORD"');
    const out = (
      await pgDump({ databaseUrl: 'postgres://ops:hunter2@db:5432/x', pgDumpPath: bin })
    ).toString();
    expect(out).toContain('ARGS --format=custom --no-password --dbname=postgres://ops@db:5432/x');
    expect(out).toContain('PW hunter2');
    expect(out.split('\n')[0]).not.toContain('hunter2');
  });

  it('returns the bytes pg_dump wrote, unchanged', async () => {
    const bin = await script('bytes', "printf 'PGDMP\\000\\001\\377'");
    expect(await pgDump({ databaseUrl: 'postgres://ops@db/x', pgDumpPath: bin })).toEqual(
      Buffer.from([0x50, 0x47, 0x44, 0x4d, 0x50, 0, 1, 0xff]),
    );
  });

  it('fails with pg_dump stderr and exit code', async () => {
    const bin = await script(
      'fail',
      'echo \'pg_dump: error: connection to server failed: FATAL: no such database "x"\' >&2; exit 1',
    );
    await expect(pgDump({ databaseUrl: 'postgres://ops@db/x', pgDumpPath: bin })).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringMatching(/exited with 1: pg_dump: error: connection to server failed/) as string,
    });
  });

  it('fails clearly when the binary cannot be started, naming BACKUP_PG_DUMP', async () => {
    await expect(
      pgDump({ databaseUrl: 'postgres://ops@db/x', pgDumpPath: join(dir, 'missing-pg_dump') }),
    ).rejects.toThrow(/could not start.*BACKUP_PG_DUMP/);
  });

  it('kills a dump that takes too long', async () => {
    const bin = await script('slow', 'exec sleep 30');
    await expect(
      pgDump({ databaseUrl: 'postgres://ops@db/x', pgDumpPath: bin, timeoutMs: 200 }),
    ).rejects.toThrow(/was killed after 200 ms/);
  });
});
