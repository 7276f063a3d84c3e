import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

const base = { DATABASE_URL: 'postgres://u@127.0.0.1:5432/db', BACKUP_DIR: '/var/lib/swarmops/backups' };

describe('backup config', () => {
  it('defaults to port 7074, no encryption, no schedule and 7 last / 7 daily / 4 weekly kept', () => {
    const config = loadConfig(base);
    expect(config.HTTP_PORT).toBe(7074);
    expect(config.BACKUP_DIR).toBe('/var/lib/swarmops/backups');
    expect(config.BACKUP_ENCRYPTION_KEY).toBeUndefined();
    expect(config.BACKUP_SCHEDULE).toBeUndefined();
    expect(config.BACKUP_SECRETS_FILE).toBeUndefined();
    expect([config.BACKUP_KEEP_LAST, config.BACKUP_KEEP_DAILY, config.BACKUP_KEEP_WEEKLY]).toEqual([7, 7, 4]);
    expect(config.BACKUP_DOCKER_TIMEOUT_MS).toBe(30_000);
  });

  it('reads the encryption key as 64 hex digits or as base64 of 32 bytes', () => {
    const hex = 'ab'.repeat(32);
    expect(loadConfig({ ...base, BACKUP_ENCRYPTION_KEY: hex }).BACKUP_ENCRYPTION_KEY).toEqual(
      Buffer.from(hex, 'hex'),
    );
    const b64 = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig({ ...base, BACKUP_ENCRYPTION_KEY: b64 }).BACKUP_ENCRYPTION_KEY).toEqual(
      Buffer.alloc(32, 7),
    );
  });

  it('refuses a key that is not 32 bytes, naming the variable but never echoing the value', () => {
    const short = Buffer.alloc(16, 1).toString('base64');
    let message = '';
    try {
      loadConfig({ ...base, BACKUP_ENCRYPTION_KEY: short });
    } catch (err) {
      message = String(err);
    }
    expect(message).toMatch(/BACKUP_ENCRYPTION_KEY/);
    expect(message).not.toContain(short);
  });

  it('accepts a cron schedule and refuses one croner cannot parse, naming BACKUP_SCHEDULE', () => {
    expect(loadConfig({ ...base, BACKUP_SCHEDULE: '0 3 * * *' }).BACKUP_SCHEDULE).toBe('0 3 * * *');
    expect(loadConfig({ ...base, BACKUP_SCHEDULE: '@daily' }).BACKUP_SCHEDULE).toBe('@daily');
    expect(() => loadConfig({ ...base, BACKUP_SCHEDULE: 'every night' })).toThrow(/BACKUP_SCHEDULE/);
    expect(() => loadConfig({ ...base, BACKUP_SCHEDULE: '61 * * * *' })).toThrow(/BACKUP_SCHEDULE/);
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ ...base, BACKUP_KEEP_LAST: '0' })).toThrow(/BACKUP_KEEP_LAST/);
    expect(() => loadConfig({ ...base, BACKUP_KEEP_WEEKLY: 'many' })).toThrow(/BACKUP_KEEP_WEEKLY/);
    expect(() => loadConfig({ DATABASE_URL: base.DATABASE_URL })).toThrow(/BACKUP_DIR/);
    expect(() => loadConfig({ BACKUP_DIR: base.BACKUP_DIR })).toThrow(/DATABASE_URL/);
  });
});
