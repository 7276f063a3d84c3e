import { BackupIdSchema } from '@swarmops/contracts';
import { describe, expect, it } from 'vitest';
import { newBackupId } from './backup-id.js';

describe('newBackupId', () => {
  it('is the UTC second then the random suffix, valid for the contract', () => {
    const id = newBackupId(new Date('2026-11-27T22:41:00.123Z'), () => '3f9a1c2b');
    expect(id).toBe('20261127T224100Z-3f9a1c2b');
    expect(BackupIdSchema.safeParse(id).success).toBe(true);
  });

  it('draws a different suffix each time by default', () => {
    const at = new Date('2026-01-02T03:04:05Z');
    const a = newBackupId(at);
    const b = newBackupId(at);
    expect(a.slice(0, 16)).toBe('20260102T030405Z');
    expect(BackupIdSchema.safeParse(a).success).toBe(true);
    expect(a).not.toBe(b);
  });
});
