import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

const DATABASE_URL = 'postgres://u:p@127.0.0.1:5432/db';

describe('loadConfig', () => {
  it('applies the defaults of every inventory variable', () => {
    const config = loadConfig({ DATABASE_URL });
    expect(config).toMatchObject({
      HTTP_PORT: 7071,
      INVENTORY_RESYNC_SECONDS: 30,
      INVENTORY_TASK_POLL_SECONDS: 2,
      INVENTORY_DEBOUNCE_MS: 100,
    });
  });

  it('refuses to start without DATABASE_URL, naming it', () => {
    expect(() => loadConfig({})).toThrow(/DATABASE_URL/);
  });

  it('names a bad interval', () => {
    expect(() => loadConfig({ DATABASE_URL, INVENTORY_RESYNC_SECONDS: '0' })).toThrow(
      /INVENTORY_RESYNC_SECONDS/,
    );
    expect(() => loadConfig({ DATABASE_URL, INVENTORY_DEBOUNCE_MS: 'soon' })).toThrow(
      /INVENTORY_DEBOUNCE_MS/,
    );
  });

  it('reads the intervals given', () => {
    const config = loadConfig({ DATABASE_URL, INVENTORY_TASK_POLL_SECONDS: '1', INVENTORY_DEBOUNCE_MS: '0' });
    expect(config.INVENTORY_TASK_POLL_SECONDS).toBe(1);
    expect(config.INVENTORY_DEBOUNCE_MS).toBe(0);
  });
});
