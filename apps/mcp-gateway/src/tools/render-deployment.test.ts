import { describe, expect, it } from 'vitest';
import type { DeployStackData, Plan } from '@swarmops/contracts';
import { PLAN_CHANGES_SHOWN, renderPlan, renderStackDeployment } from './render-deployment.js';

function plan(changes: number, warnings: number): Plan {
  return {
    stack: 'shop',
    version: 4,
    changes: Array.from({ length: changes }, (_, i) => ({
      kind: 'service' as const,
      name: `s${i}`,
      fullName: `shop_s${i}`,
      action: 'update' as const,
      restartsTasks: i % 2 === 0,
      fields: [{ path: 'TaskTemplate.ContainerSpec.Image', old: 'a', new: 'b' }],
    })),
    warnings: Array.from({ length: warnings }, (_, i) => ({
      code: 'unsupported-key',
      path: `services.s${i}.build`,
      message: 'ignored',
    })),
    summary: { create: 0, update: changes, remove: 0, unchanged: 2, restarts: Math.ceil(changes / 2) },
  };
}

describe('renderPlan', () => {
  it('shows the summary, the first changes and every warning', () => {
    const lines = renderPlan(plan(PLAN_CHANGES_SHOWN + 3, 12));
    expect(lines[0]).toBe(
      'plan for shop version 4: 0 create, 13 update (7 restart tasks), 0 remove, 2 unchanged',
    );
    expect(lines[1]).toBe('- update service shop_s0 (restarts tasks): TaskTemplate.ContainerSpec.Image');
    expect(lines.filter((l) => l.startsWith('- update'))).toHaveLength(PLAN_CHANGES_SHOWN);
    expect(lines).toContain('… 3 more changes in structuredContent');
    expect(lines.filter((l) => l.startsWith('! unsupported-key'))).toHaveLength(12);
  });
});

describe('renderStackDeployment', () => {
  const base: DeployStackData = {
    deploymentId: '5f0c6f8e-3a55-4f0e-9f55-2b1b8f0f7a11',
    status: 'rolled-back',
    stack: 'shop',
    version: 5,
    services: [{ name: 'shop_api', replicas: { desired: 3, running: 3 } }],
    error: 'shop_api: healthcheck failed on the new tasks',
  };

  it('says the status, the version, why it rolled back and the replicas', () => {
    expect(renderStackDeployment('deploy', base)).toBe(
      [
        'deploy shop version 5: rolled-back (deployment 5f0c6f8e-3a55-4f0e-9f55-2b1b8f0f7a11)',
        'error: shop_api: healthcheck failed on the new tasks',
        '- shop_api 3/3 running',
      ].join('\n'),
    );
  });

  it('tells how to follow a deployment that is still running', () => {
    const text = renderStackDeployment('deploy', { ...base, status: 'running', error: undefined });
    expect(text).toContain('get_deployment { id: "5f0c6f8e-3a55-4f0e-9f55-2b1b8f0f7a11" }');
  });
});
