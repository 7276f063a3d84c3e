import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAppError } from '@swarmops/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BackupSummaryInput } from './backup-store.js';
import { sha256Hex } from './canonical-json.js';
import { encrypt } from './crypto.js';
import { createLocalStore } from './local-store.js';

const A = '20261127T224100Z-3f9a1c2b';
const B = '20261128T010000Z-00000001';

function input(createdAt: string): BackupSummaryInput {
  return {
    createdAt,
    counts: { stacks: 1, services: 2, networks: 1, configs: 1, secrets: 1, nodes: 1, stackVersions: 2 },
    clusterId: 'k2p7x9c4ud1wq8m3r5t6y0zabc',
    stacks: null,
    trigger: 'manual',
    swarmopsVersion: '0.1.0',
    durationMs: 1234,
    requestedBy: null,
  };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return error.code;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('createLocalStore', () => {
  let parent: string;
  let dir: string;
  beforeEach(async () => {
    parent = await mkdtemp(join(tmpdir(), 'backup-store-'));
    dir = join(parent, 'nested', 'backups');
  });
  afterEach(async () => {
    await rm(parent, { recursive: true, force: true });
  });

  it('stores an archive and its summary with modes 0700/0600 and lists them newest first', async () => {
    const store = createLocalStore(dir);
    expect(await store.list()).toEqual([]);
    const bytes = Buffer.from('plain tar.gz bytes');
    const a = await store.put(A, bytes, input('2026-11-27T22:41:00.000Z'));
    expect(a).toEqual({
      ...input('2026-11-27T22:41:00.000Z'),
      backupId: A,
      location: join(dir, `${A}.tar.gz`),
      sizeBytes: bytes.length,
      sha256: sha256Hex(bytes),
      encrypted: false,
    });
    const sealed = encrypt(Buffer.from('secret archive'), Buffer.alloc(32, 7));
    const b = await store.put(B, sealed, {
      ...input('2026-11-28T01:00:00.000Z'),
      sizeBytes: 1,
      encrypted: false,
    });
    expect(b.location).toBe(join(dir, `${B}.tar.gz.enc`));
    expect(b.encrypted).toBe(true);
    expect(b.sizeBytes).toBe(sealed.length);

    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    const files = (await readdir(dir)).sort();
    expect(files).toEqual([`${A}.json`, `${A}.tar.gz`, `${B}.json`, `${B}.tar.gz.enc`]);
    for (const file of files) expect((await stat(join(dir, file))).mode & 0o777).toBe(0o600);

    expect(await store.list()).toEqual([b, a]);
    expect(await store.get(A)).toEqual(bytes);
    expect(await store.get(B)).toEqual(sealed);
    expect(await store.stat(A)).toEqual(a);
    expect(JSON.parse(await readFile(join(dir, `${A}.json`), 'utf8'))).toEqual(a);
  });

  it('is the source of truth: another store on the same directory sees the same archives', async () => {
    await createLocalStore(dir).put(A, Buffer.from('x'), input('2026-11-27T22:41:00.000Z'));
    const other = createLocalStore(join(parent, 'nested', '..', 'nested', 'backups'));
    expect((await other.list()).map((summary) => summary.backupId)).toEqual([A]);
  });

  it('refuses a second put of the same id and ids that are not backup ids', async () => {
    const store = createLocalStore(dir);
    await store.put(A, Buffer.from('x'), input('2026-11-27T22:41:00.000Z'));
    expect(await codeOf(store.put(A, Buffer.from('y'), input('2026-11-27T22:41:00.000Z')))).toBe('CONFLICT');
    expect(await codeOf(store.get('../../etc/passwd'))).toBe('INVALID_REQUEST');
    expect(await codeOf(store.put('x', Buffer.from('y'), input('2026-11-27T22:41:00.000Z')))).toBe(
      'INVALID_REQUEST',
    );
  });

  it('answers NOT_FOUND / null for a backup it does not have', async () => {
    const store = createLocalStore(dir);
    expect(await codeOf(store.get(A))).toBe('NOT_FOUND');
    expect(await store.stat(A)).toBeNull();
    expect(await store.remove(A)).toBe(false);
  });

  it('removes the archive and its summary', async () => {
    const store = createLocalStore(dir);
    await store.put(A, Buffer.from('x'), input('2026-11-27T22:41:00.000Z'));
    expect(await store.remove(A)).toBe(true);
    expect(await readdir(dir)).toEqual([]);
    expect(await store.list()).toEqual([]);
  });

  it('reports, without failing, a summary whose archive is missing, an archive without summary and a bad summary', async () => {
    const problems: unknown[] = [];
    const store = createLocalStore(dir, { onProblem: (problem) => problems.push(problem) });
    await store.put(A, Buffer.from('x'), input('2026-11-27T22:41:00.000Z'));
    await store.put(B, Buffer.from('y'), input('2026-11-28T01:00:00.000Z'));
    await rm(join(dir, `${A}.tar.gz`));
    await writeFile(join(dir, '20261101T000000Z-0000000a.tar.gz'), 'orphan');
    await writeFile(join(dir, '20261102T000000Z-0000000b.json'), '{"backupId": 3}');
    await writeFile(join(dir, 'README.txt'), 'not ours');
    const listed = await store.list();
    expect(listed.map((summary) => summary.backupId)).toEqual([B]);
    expect(problems).toEqual([
      expect.objectContaining({
        backupId: '20261102T000000Z-0000000b',
        message: expect.stringMatching(/^unreadable summary/) as string,
      }),
      { backupId: A, file: `${A}.json`, message: `its archive ${A}.tar.gz is missing` },
      {
        backupId: '20261101T000000Z-0000000a',
        file: '20261101T000000Z-0000000a.tar.gz',
        message: 'an archive without its summary (an interrupted backup?)',
      },
    ]);
    expect(await codeOf(store.get(A))).toBe('NOT_FOUND');
  });

  it('leaves no temp file behind', async () => {
    const store = createLocalStore(dir);
    await store.put(A, Buffer.alloc(1 << 20, 1), input('2026-11-27T22:41:00.000Z'));
    expect((await readdir(dir)).filter((name) => name.startsWith('.'))).toEqual([]);
  });
});
