import { describe, expect, it } from 'vitest';
import { BackupIdSchema } from '@swarmops/contracts';
import type { CallerPrincipal } from '../mcp/ports.js';
import {
  BACKUP_CREATE_TIMEOUT_MS,
  backupEventOf,
  backupInScope,
  createOptions,
  newBackupId,
  progressUpdateOf,
  restoreOptions,
  stacksInScope,
  verifyOptions,
} from './backup-calls.js';

const signal = new AbortController().signal;
const principal = (stacks: string[] | null): { principal: CallerPrincipal } => ({
  principal: { id: 'token:swo_x', kind: 'token', role: 'admin', stacks },
});

describe('newBackupId', () => {
  it('is the UTC start time and 8 random hex digits, valid for the contracts', () => {
    const id = newBackupId(new Date('2026-11-27T22:41:00.123Z'), () => '3f9a1c2b');
    expect(id).toBe('20261127T224100Z-3f9a1c2b');
    expect(BackupIdSchema.safeParse(newBackupId(new Date())).success).toBe(true);
  });
});

describe('bus timeouts', () => {
  it('waits for an archive and a verify longer than the tool timeout', () => {
    expect(createOptions({ timeoutMs: 5000, signal })).toEqual({
      timeoutMs: BACKUP_CREATE_TIMEOUT_MS,
      signal,
    });
    expect(verifyOptions({ timeoutMs: 5000, signal }).timeoutMs).toBe(60_000);
    expect(verifyOptions({ timeoutMs: 90_000, signal }).timeoutMs).toBe(90_000);
  });

  it('waits for a restore twice its convergence timeout (default 300 s) plus 60 s', () => {
    expect(restoreOptions({ timeoutMs: 5000, signal }, undefined).timeoutMs).toBe(660_000);
    expect(restoreOptions({ timeoutMs: 5000, signal }, 30).timeoutMs).toBe(120_000);
  });
});

describe('stacksInScope', () => {
  it('returns the first stack outside the scope, so the pipeline refuses naming it', async () => {
    await expect(stacksInScope({ stacks: ['shop', 'bank'] }, principal(['shop']), 'a backup')).resolves.toBe(
      'bank',
    );
    await expect(stacksInScope({ stacks: ['shop'] }, principal(['shop', 'x']), 'a backup')).resolves.toBe(
      'shop',
    );
  });

  it('refuses the whole cluster and services by name to a scoped caller', async () => {
    await expect(stacksInScope({}, principal(['shop']), 'a backup')).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('a backup of the whole cluster') as string,
    });
    await expect(
      stacksInScope({ stacks: ['shop'], services: ['shop_api'] }, principal(['shop']), 'a restore'),
    ).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('`services`') as string });
  });
});

describe('backupInScope', () => {
  it('shows a scoped caller only backups limited to its stacks', () => {
    expect(backupInScope(null, null)).toBe(true);
    expect(backupInScope(['shop'], ['shop', 'bank'])).toBe(true);
    expect(backupInScope(['shop', 'other'], ['shop'])).toBe(false);
    expect(backupInScope(null, ['shop'])).toBe(false);
    expect(backupInScope([], ['shop'])).toBe(false);
  });
});

describe('backup events as progress', () => {
  const data = {
    backupId: '20261127T224100Z-3f9a1c2b',
    restoreId: null,
    step: 'capture services',
    done: 2,
    total: 7,
    message: '12 services',
    error: null,
  };
  const msg = (value: unknown) => ({ json: <T>() => value as T });

  it('reads the data of an event envelope and ignores anything else', () => {
    expect(backupEventOf(msg({ type: 'backup.progress', data }))).toEqual(data);
    expect(backupEventOf(msg({ data: { ...data, backupId: 'latest' } }))).toBeUndefined();
    expect(
      backupEventOf({
        json: () => {
          throw new Error('not JSON');
        },
      }),
    ).toBeUndefined();
  });

  it('reports done of total with the step', () => {
    expect(progressUpdateOf(data)).toEqual({
      progress: 2,
      total: 7,
      message: 'capture services: 12 services',
    });
    expect(progressUpdateOf({ ...data, total: 0, message: '' })).toEqual({
      progress: 2,
      total: undefined,
      message: 'capture services',
    });
  });
});
