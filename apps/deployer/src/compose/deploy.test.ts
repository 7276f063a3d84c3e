import { describe, expect, it } from 'vitest';

import { createContext } from './context.js';
import {
  convertMode,
  convertPlacement,
  convertResources,
  convertRestartPolicy,
  convertUpdateConfig,
} from './deploy.js';
import type { DeployFile } from './model.js';

const ctx = () => createContext('s', {}, {});

describe('convertMode', () => {
  it('converts the four modes', () => {
    expect(convertMode(ctx(), 'd', {})).toEqual({
      kind: 'replicated',
      replicas: 1,
      mode: { Replicated: { Replicas: 1 } },
    });
    expect(convertMode(ctx(), 'd', { replicas: 3 })).toEqual({
      kind: 'replicated',
      replicas: 3,
      mode: { Replicated: { Replicas: 3 } },
    });
    expect(convertMode(ctx(), 'd', { replicas: 0 }).mode).toEqual({ Replicated: { Replicas: 0 } });
    expect(convertMode(ctx(), 'd', { mode: 'global' })).toEqual({
      kind: 'global',
      replicas: null,
      mode: { Global: {} },
    });
    expect(convertMode(ctx(), 'd', { mode: 'replicated-job', replicas: 4 })).toEqual({
      kind: 'replicated-job',
      replicas: 4,
      mode: { ReplicatedJob: { MaxConcurrent: 4, TotalCompletions: 4 } },
    });
    expect(convertMode(ctx(), 'd', { mode: 'replicated-job' }).mode).toEqual({ ReplicatedJob: {} });
    expect(convertMode(ctx(), 'd', { mode: 'global-job' })).toEqual({
      kind: 'global-job',
      replicas: null,
      mode: { GlobalJob: {} },
    });
  });

  it('refuses replicas on global modes and unknown modes', () => {
    const c = ctx();
    convertMode(c, 'services.a.deploy', { mode: 'global', replicas: 2 });
    convertMode(c, 'services.a.deploy', { mode: 'sometimes' });
    expect(c.issues.items).toEqual([
      {
        path: 'services.a.deploy.replicas',
        message: 'replicas can only be used with replicated or replicated-job mode',
      },
      {
        path: 'services.a.deploy.mode',
        message: expect.stringContaining('unknown mode "sometimes"') as string,
      },
    ]);
  });
});

describe('convertUpdateConfig', () => {
  it('defaults parallelism to 1 and converts durations', () => {
    expect(
      convertUpdateConfig(ctx(), 'u', {
        delay: '10s',
        monitor: '1m',
        failure_action: 'rollback',
        max_failure_ratio: 0.2,
        order: 'start-first',
      }),
    ).toEqual({
      Parallelism: 1,
      Delay: 10e9,
      FailureAction: 'rollback',
      Monitor: 60e9,
      MaxFailureRatio: 0.2,
      Order: 'start-first',
    });
    expect(convertUpdateConfig(ctx(), 'u', { parallelism: 0 })).toEqual({ Parallelism: 0 });
    expect(convertUpdateConfig(ctx(), 'u', undefined)).toBeUndefined();
  });
});

describe('convertResources', () => {
  it('converts limits and reservations', () => {
    const deploy: DeployFile = {
      resources: {
        limits: { cpus: '1.5', memory: '512M', pids: 64 },
        reservations: {
          cpus: 0.25,
          memory: '1gb',
          generic_resources: [{ discrete_resource_spec: { kind: 'gpu', value: 2 } }],
        },
      },
    };
    expect(convertResources(ctx(), 'r', deploy)).toEqual({
      Limits: { NanoCPUs: 1.5e9, MemoryBytes: 512 * 1024 ** 2, Pids: 64 },
      Reservations: {
        NanoCPUs: 0.25e9,
        MemoryBytes: 1024 ** 3,
        GenericResources: [{ DiscreteResourceSpec: { Kind: 'gpu', Value: 2 } }],
      },
    });
    expect(convertResources(ctx(), 'r', {})).toEqual({});
  });

  it('names a bad size or cpu count', () => {
    const c = ctx();
    convertResources(c, 'services.a.deploy.resources', {
      resources: { limits: { cpus: 'lots', memory: '12Q' } },
    });
    expect(c.issues.items.map((i) => i.path)).toEqual([
      'services.a.deploy.resources.limits.cpus',
      'services.a.deploy.resources.limits.memory',
    ]);
  });
});

describe('convertRestartPolicy', () => {
  it('converts deploy.restart_policy', () => {
    expect(
      convertRestartPolicy(
        ctx(),
        's',
        { restart_policy: { condition: 'on-failure', delay: '5s', max_attempts: 3, window: '2m' } },
        undefined,
      ),
    ).toEqual({
      Condition: 'on-failure',
      Delay: 5e9,
      MaxAttempts: 3,
      Window: 120e9,
    });
  });

  it('falls back to the legacy restart key like docker', () => {
    expect(convertRestartPolicy(ctx(), 's', {}, 'always')).toEqual({ Condition: 'any' });
    expect(convertRestartPolicy(ctx(), 's', {}, 'unless-stopped')).toEqual({ Condition: 'any' });
    expect(convertRestartPolicy(ctx(), 's', {}, 'on-failure:3')).toEqual({
      Condition: 'on-failure',
      MaxAttempts: 3,
    });
    expect(convertRestartPolicy(ctx(), 's', {}, 'no')).toBeUndefined();
    expect(convertRestartPolicy(ctx(), 's', { restart_policy: { condition: 'none' } }, 'always')).toEqual({
      Condition: 'none',
    });
  });

  it('refuses a bad legacy policy', () => {
    const c = ctx();
    convertRestartPolicy(c, 'services.a', {}, 'always:3');
    convertRestartPolicy(c, 'services.a', {}, 'sometimes');
    expect(c.issues.items.map((i) => i.path)).toEqual(['services.a.restart', 'services.a.restart']);
  });
});

describe('convertPlacement', () => {
  it('converts constraints, spread preferences and max replicas per node', () => {
    expect(
      convertPlacement({
        placement: {
          constraints: ['node.role==manager'],
          preferences: [{ spread: 'node.labels.zone' }],
          max_replicas_per_node: 2,
        },
      }),
    ).toEqual({
      Constraints: ['node.role==manager'],
      Preferences: [{ Spread: { SpreadDescriptor: 'node.labels.zone' } }],
      MaxReplicas: 2,
    });
    expect(convertPlacement({})).toEqual({});
  });
});
