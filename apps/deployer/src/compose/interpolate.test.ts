import { describe, expect, it } from 'vitest';

import { interpolateCompose } from './interpolate.js';

function issuesOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return (error as { details: { issues: unknown } }).details.issues;
  }
  throw new Error('expected a throw');
}

describe('interpolateCompose', () => {
  it('interpolates values from env only, never keys', () => {
    const input = { services: { '${SVC}': { image: 'busybox:${TAG:-1}', environment: ['A=${A}'] } } };
    expect(interpolateCompose(input, { TAG: '2', A: 'x', SVC: 'no' })).toEqual({
      services: { '${SVC}': { image: 'busybox:2', environment: ['A=x'] } },
    });
  });

  it('never reads process.env', () => {
    process.env.SWARMOPS_INTERPOLATE_PROBE = 'leak';
    try {
      expect(interpolateCompose({ x: '${SWARMOPS_INTERPOLATE_PROBE:-none}' }, {})).toEqual({ x: 'none' });
    } finally {
      delete process.env.SWARMOPS_INTERPOLATE_PROBE;
    }
  });

  it('casts interpolated values at typed paths like docker', () => {
    const input = {
      services: {
        api: {
          deploy: { replicas: '${N}' },
          read_only: '${RO}',
          ports: [{ target: '${P}' }],
          ulimits: { nofile: '${U}' },
          image: '${N}',
        },
      },
      networks: { n: { attachable: '${RO}' } },
    };
    expect(interpolateCompose(input, { N: '3', RO: 'yes', P: '80', U: '1024' })).toEqual({
      services: {
        api: {
          deploy: { replicas: 3 },
          read_only: true,
          ports: [{ target: 80 }],
          ulimits: { nofile: 1024 },
          image: '3',
        },
      },
      networks: { n: { attachable: true } },
    });
  });

  it('leaves uninterpolated strings uncast, so the schema reports them', () => {
    expect(interpolateCompose({ services: { a: { deploy: { replicas: 'three' } } } }, {})).toEqual({
      services: { a: { deploy: { replicas: 'three' } } },
    });
  });

  it('reports a bad cast with its path', () => {
    expect(
      issuesOf(() => interpolateCompose({ services: { a: { deploy: { replicas: '${N}' } } } }, { N: 'x' })),
    ).toEqual([{ path: 'services.a.deploy.replicas', message: 'interpolated value "x" is not a valid int' }]);
  });

  it('names the path and the variable of every missing required variable', () => {
    const input = { services: { api: { image: '${IMAGE:?set IMAGE}', environment: ['X=${X?}'] } } };
    expect(issuesOf(() => interpolateCompose(input, {}))).toEqual([
      { path: 'services.api.image', message: 'required variable IMAGE is missing a value: set IMAGE' },
      { path: 'services.api.environment[0]', message: 'required variable X is missing a value' },
    ]);
  });
});
