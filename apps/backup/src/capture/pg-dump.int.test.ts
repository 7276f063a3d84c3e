import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgFixture } from '@swarmops/testkit';
import type { PgFixture } from '@swarmops/testkit';
import { findPgDump } from './find-pg-dump.js';
import { pgDump } from './pg-dump.js';

const run = promisify(execFile);
let pg: PgFixture;
let dir = '';

beforeAll(async () => {
  pg = await pgFixture();
  dir = await mkdtemp(join(tmpdir(), 'pg-dump-int-'));
});

afterAll(async () => {
  await pg?.cleanup();
  await rm(dir, { recursive: true, force: true });
});

describe('pgDump against the real PostgreSQL', () => {
  it('writes a custom-format dump that pg_restore reads back with the rows', async () => {
    const compose = `services: {} # ${randomUUID()}`;
    await pg.pool.query(
      `insert into stack_versions (cluster_id, stack, version, compose, strategy, deployment_id)
       values ('c1', 'shop', 1, $1, 'rolling', $2)`,
      [compose, randomUUID()],
    );
    const started = performance.now();
    const dump = await pgDump({ databaseUrl: pg.url });
    console.log(
      `pg_dump of a fresh database: ${dump.length} bytes in ${(performance.now() - started).toFixed(0)} ms`,
    );
    expect(dump.subarray(0, 5).toString()).toBe('PGDMP');

    const file = join(dir, 'database.pgdump');
    await writeFile(file, dump);
    const pgRestore = join(findPgDump().replace(/pg_dump$/, ''), 'pg_restore');
    const listing = (await run(pgRestore, ['--list', file])).stdout;
    expect(listing).toMatch(/TABLE public stack_versions/);
    expect(listing).toMatch(/TABLE public backups/);
    const data = (await run(pgRestore, ['--data-only', '--table=stack_versions', '--file=-', file])).stdout;
    expect(data).toContain(compose);
  });

  it('fails with the server message when the password is wrong', async () => {
    const url = new URL(pg.url);
    url.password = 'not-the-password';
    await expect(pgDump({ databaseUrl: url.toString() })).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringMatching(/pg_dump .* exited with 1: .*password authentication failed/s) as string,
    });
  });
});
