import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

const DATABASE_URL = 'postgres://u:p@127.0.0.1:5432/db';

describe('loadConfig', () => {
  it('applies the defaults', () => {
    const config = loadConfig({ DATABASE_URL });
    expect(config).toMatchObject({
      HTTP_PORT: 7072,
      DEPLOYER_MAX_PARALLEL: 4,
      DEPLOYER_DEFAULT_TIMEOUT_SECONDS: 300,
      DEPLOYER_HEARTBEAT_SECONDS: 5,
      DEPLOYER_POLICY_BIND_PREFIXES: [],
      DEPLOYER_POLICY_TRUSTED_STACKS: [],
    });
    expect(config.PROMETHEUS_URL).toBeUndefined();
  });

  it('splits the policy lists', () => {
    const config = loadConfig({
      DATABASE_URL,
      DEPLOYER_POLICY_BIND_PREFIXES: '/srv/data, /var/log/app',
      DEPLOYER_POLICY_TRUSTED_STACKS: 'infra',
    });
    expect(config.DEPLOYER_POLICY_BIND_PREFIXES).toEqual(['/srv/data', '/var/log/app']);
    expect(config.DEPLOYER_POLICY_TRUSTED_STACKS).toEqual(['infra']);
  });

  it('names the bad variable', () => {
    expect(() => loadConfig({})).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL, DEPLOYER_MAX_PARALLEL: '0' })).toThrow(/DEPLOYER_MAX_PARALLEL/);
  });
});
