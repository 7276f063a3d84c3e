import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

const base = { DATABASE_URL: 'postgres://u@127.0.0.1:5432/db' };

describe('health config', () => {
  it('defaults to a 15 s interval, port 7073 and no healing actions beyond six an hour', () => {
    const config = loadConfig(base);
    expect(config.HTTP_PORT).toBe(7073);
    expect(config.HEALTH_INTERVAL_SECONDS).toBe(15);
    expect(config.HEALTH_PLATFORM_SERVICES).toEqual(['inventory', 'deployer']);
    expect(config.HEALTH_HEALING_MAX_PER_HOUR).toBe(6);
    expect(config.HEALTH_ALERT_WEBHOOKS).toEqual([]);
  });

  it('parses comma-separated webhooks and platform services', () => {
    const config = loadConfig({
      ...base,
      HEALTH_ALERT_WEBHOOKS: 'http://127.0.0.1:9/a, https://hooks.slack.com/services/x',
      HEALTH_PLATFORM_SERVICES: 'inventory,deployer,backup',
    });
    expect(config.HEALTH_ALERT_WEBHOOKS).toHaveLength(2);
    expect(config.HEALTH_PLATFORM_SERVICES).toEqual(['inventory', 'deployer', 'backup']);
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ ...base, HEALTH_INTERVAL_SECONDS: 'soon' })).toThrow(/HEALTH_INTERVAL_SECONDS/);
    expect(() => loadConfig({})).toThrow(/DATABASE_URL/);
  });
});
