import { randomBytes } from 'node:crypto';

/**
 * A new backup id: the UTC time to the second, then 8 random hex digits (`20261127T224100Z-3f9a1c2b`), so ids
 * sort by time and two backups in the same second still differ.
 */
export function newBackupId(now: Date, random: () => string = () => randomBytes(4).toString('hex')): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  return `${stamp}-${random()}`;
}
