import { describe, expect, it } from 'vitest';

import { toComposePath, validateComposeSchema } from './validate-schema.js';

function issuesOf(config: Record<string, unknown>): unknown {
  try {
    validateComposeSchema(config);
  } catch (error) {
    const appError = error as { code: string; message: string; details: { issues: unknown } };
    expect(appError.code).toBe('INVALID_REQUEST');
    return appError.details.issues;
  }
  return [];
}

const svc = (extra: Record<string, unknown>): Record<string, unknown> => ({
  services: { api: { image: 'busybox', ...extra } },
});

describe('validateComposeSchema', () => {
  it('accepts a valid file with x- extensions', () => {
    expect(issuesOf({ ...svc({ 'x-note': 1 }), 'x-common': { a: 1 }, version: '3.8' })).toEqual([]);
  });

  it('names the path of a wrong type in compose terms', () => {
    expect(issuesOf(svc({ deploy: { replicas: 'three' } }))).toEqual([
      { path: 'services.api.deploy.replicas', message: 'expected integer' },
    ]);
    expect(issuesOf(svc({ ports: [{ target: 'x' }] }))).toEqual([
      { path: 'services.api.ports[0].target', message: 'expected integer' },
    ]);
  });

  it('names unknown top-level and service keys', () => {
    expect(issuesOf({ ...svc({ colour: 'red' }), bogus: 1 })).toEqual([
      { path: 'bogus', message: 'unknown key (not allowed here)' },
      { path: 'services.api.colour', message: 'unknown key (not allowed here)' },
    ]);
  });

  it('refuses a bad duration', () => {
    expect(issuesOf(svc({ healthcheck: { interval: '10' } }))).toEqual([
      {
        path: 'services.api.healthcheck.interval',
        message: 'invalid duration (Go syntax, e.g. 1m30s or 500ms)',
      },
    ]);
  });

  it('refuses an enum value outside the spec', () => {
    expect(issuesOf(svc({ deploy: { update_config: { order: 'sideways' } } }))).toEqual([
      { path: 'services.api.deploy.update_config.order', message: 'expected one of start-first, stop-first' },
    ]);
  });

  it('refuses a service that is not a mapping', () => {
    expect(issuesOf({ services: { api: 'busybox' } })).toEqual([
      { path: 'services.api', message: 'expected object' },
    ]);
  });

  it('reports every problem, not only the first', () => {
    const issues = issuesOf(svc({ deploy: { replicas: 'x' }, tty: 'yes', nope: 1 })) as unknown[];
    expect(issues).toHaveLength(3);
  });

  it('accepts the keys added by the schema extensions', () => {
    const config = {
      name: 'proj',
      services: {
        api: {
          image: 'busybox',
          healthcheck: { test: 'true', start_interval: '1s' },
          deploy: { resources: { limits: { pids: 10, memory: 1024 }, reservations: { memory: 512 } } },
          ports: [{ target: 80, published: '8080-8081', name: 'web', app_protocol: 'http' }],
          volumes: [
            { type: 'volume', source: 'v', target: '/v', volume: { subpath: 'sub' } },
            { type: 'tmpfs', target: '/t', tmpfs: { mode: 0o755 } },
          ],
          networks: { n: { driver_opts: { a: 'b' } } },
        },
      },
      networks: { n: {} },
      volumes: { v: {} },
      configs: { c: { content: 'x' }, d: { environment: 'D' } },
      secrets: { s: { content: 'x' }, t: { environment: 'T' } },
    };
    expect(issuesOf(config)).toEqual([]);
  });
});

describe('toComposePath', () => {
  it('turns JSON pointers into compose paths', () => {
    expect(toComposePath('/services/api/ports/0/target')).toBe('services.api.ports[0].target');
    expect(toComposePath('/services/a~1b')).toBe('services.a/b');
    expect(toComposePath('')).toBe('');
  });
});
