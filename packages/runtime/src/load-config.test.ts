import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CommonConfigSchema } from './common-config.js';
import { ConfigError } from './config-error.js';
import { envBool, envDurationMs, envPort } from './env-schemas.js';
import { loadConfig } from './load-config.js';

function configErrorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies the common defaults to an empty environment', () => {
    expect(loadConfig(CommonConfigSchema, {})).toEqual({
      NATS_URL: 'nats://127.0.0.1:4222',
      LOG_LEVEL: 'info',
      HTTP_HOST: '127.0.0.1',
    });
  });

  it('names every invalid variable and never echoes its value', () => {
    const err = configErrorOf(() =>
      loadConfig(CommonConfigSchema, {
        NATS_URL: 'not a url',
        HTTP_PORT: 'seventy',
        DATABASE_URL: 'mysql://u:hunter2@db/x',
      }),
    );
    expect(err.name).toBe('ConfigError');
    expect(err.issues.map((i) => i.variable).sort()).toEqual(['DATABASE_URL', 'HTTP_PORT', 'NATS_URL']);
    expect(err.message).toMatch(/^invalid configuration: /);
    expect(err.message).toContain('NATS_URL: expected a URL');
    expect(err.message).toContain('HTTP_PORT: expected a port number (0-65535)');
    expect(err.message).not.toContain('hunter2');
  });

  it('names a missing required variable', () => {
    const schema = z.object({ API_TOKEN_PEPPER: z.string() });
    expect(() => loadConfig(schema, {})).toThrow(/API_TOKEN_PEPPER: /);
  });

  it('treats an empty string as unset', () => {
    const config = loadConfig(CommonConfigSchema, { OTEL_EXPORTER_OTLP_ENDPOINT: '', LOG_LEVEL: '' });
    expect(config.OTEL_EXPORTER_OTLP_ENDPOINT).toBeUndefined();
    expect(config.LOG_LEVEL).toBe('info');
  });

  it('lets a service extend the common schema with its own port default', () => {
    const schema = CommonConfigSchema.extend({ HTTP_PORT: envPort().default(7071) });
    expect(loadConfig(schema, {}).HTTP_PORT).toBe(7071);
    expect(loadConfig(schema, { HTTP_PORT: '0' }).HTTP_PORT).toBe(0);
  });

  it('accepts a comma-separated NATS cluster', () => {
    const env = { NATS_URL: 'nats://a:4222, tls://b:4222' };
    expect(loadConfig(CommonConfigSchema, env).NATS_URL).toBe('nats://a:4222, tls://b:4222');
  });
});

describe('env helpers', () => {
  const schema = z.object({ PORT: envPort(), ON: envBool(), WAIT: envDurationMs() });

  it('parse ports, booleans and durations', () => {
    expect(loadConfig(schema, { PORT: '7070', ON: 'Yes', WAIT: '10s' })).toEqual({
      PORT: 7070,
      ON: true,
      WAIT: 10_000,
    });
    expect(loadConfig(schema, { PORT: '0', ON: '0', WAIT: '250' })).toEqual({
      PORT: 0,
      ON: false,
      WAIT: 250,
    });
    expect(loadConfig(schema, { PORT: '1', ON: 'off', WAIT: '5m' }).WAIT).toBe(300_000);
  });

  it('reject out-of-range ports, unknown booleans and bad durations by name', () => {
    const err = configErrorOf(() => loadConfig(schema, { PORT: '70000', ON: 'maybe', WAIT: '5 days' }));
    expect(err.issues.map((i) => i.variable)).toEqual(['PORT', 'ON', 'WAIT']);
  });
});
