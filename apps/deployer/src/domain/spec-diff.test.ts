import { describe, expect, it } from 'vitest';
import { diffSpecs } from './spec-diff.js';

describe('diffSpecs', () => {
  it('reports changed leaves by dotted path', () => {
    const a = {
      TaskTemplate: { ContainerSpec: { Image: 'a:1', Env: ['X=1'] } },
      Mode: { Replicated: { Replicas: 2 } },
    };
    const b = {
      TaskTemplate: { ContainerSpec: { Image: 'a:2', Env: ['X=1'] } },
      Mode: { Replicated: { Replicas: 3 } },
    };
    expect(diffSpecs(a, b)).toEqual([
      { path: 'Mode.Replicated.Replicas', old: 2, new: 3 },
      { path: 'TaskTemplate.ContainerSpec.Image', old: 'a:1', new: 'a:2' },
    ]);
  });

  it('treats engine-filled empties and defaults as absent', () => {
    const live = {
      TaskTemplate: {
        ContainerSpec: { Image: 'a', Isolation: 'default', DNSConfig: {} },
        Runtime: 'container',
        ForceUpdate: 0,
        Resources: { Limits: {} },
      },
      EndpointSpec: { Mode: 'vip' },
    };
    expect(diffSpecs(live, { TaskTemplate: { ContainerSpec: { Image: 'a' } } })).toEqual([]);
  });

  it('ignores the engine version label and resolved object ids', () => {
    const live = {
      Labels: { 'com.swarmops.stack.version': '3', a: 'b' },
      TaskTemplate: {
        ContainerSpec: { Configs: [{ ConfigID: 'x1', ConfigName: 's_c-1', File: { Name: '/c' } }] },
      },
    };
    const desired = {
      Labels: { a: 'b' },
      TaskTemplate: { ContainerSpec: { Configs: [{ ConfigName: 's_c-1', File: { Name: '/c' } }] } },
    };
    expect(diffSpecs(live, desired)).toEqual([]);
  });

  it('compares arrays as a whole', () => {
    expect(diffSpecs({ Args: ['a', 'b'] }, { Args: ['a'] })).toEqual([
      { path: 'Args', old: ['a', 'b'], new: ['a'] },
    ]);
  });
});
