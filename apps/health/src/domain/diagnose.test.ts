import type { CheckResult, EventEnvelope, ServiceDetail } from '@swarmops/contracts';
import { ServiceDiagnosisSchema } from '@swarmops/contracts';
import { describe, expect, it } from 'vitest';
import { describeServiceEvent, diagnose } from './diagnose.js';

const NOW = new Date('2026-11-27T10:00:00.000Z');

const detail: ServiceDetail = {
  service: {
    id: 'svc1',
    name: 'shop_api',
    image: 'swarmops/busybox:test',
    mode: 'replicated',
    replicas: { desired: 2, running: 0 },
    constraints: [],
    labels: {},
    stack: 'shop',
  },
  spec: {},
  tasks: { desired: 2, running: 0, items: [] },
  lastTaskErrors: [
    {
      taskId: 't9',
      nodeId: 'n1',
      state: 'failed',
      error: 'task: non-zero exit (3)',
      at: '2026-11-27T09:59:50.000Z',
    },
  ],
};

const check = (
  id: string,
  status: CheckResult['status'],
  severity: CheckResult['severity'],
  fix?: string,
) => ({
  id,
  status,
  severity,
  subject: 'service:shop_api',
  message: `${id} says ${status}`,
  ...(fix === undefined ? {} : { fix }),
});

describe('diagnose', () => {
  it('puts the worst problem first and adds the last task error when no check names it', () => {
    const out = diagnose({
      detail,
      checks: [
        check('service.image-drift', 'warn', 'medium', 'redeploy one image'),
        check('service.replicas', 'fail', 'critical', 'read the logs'),
        check('service.crash-loop', 'fail', 'high', 'read the logs'),
        check('service.privileged', 'ok', 'info'),
      ],
      events: [],
      deployments: [],
      now: NOW,
    });
    expect(ServiceDiagnosisSchema.parse(out)).toEqual(out);
    expect(out.status).toBe('unhealthy');
    expect(out.summary).toBe('service.replicas says fail. Last task error: task: non-zero exit (3).');
    expect(out.fixes).toEqual(['read the logs', 'redeploy one image']);
    expect(out.taskErrors).toEqual(detail.lastTaskErrors);
    expect(out.replicas).toEqual({ desired: 2, running: 0 });
    expect(out.stack).toBe('shop');
  });

  it('names the second problem when a check already carries the task error', () => {
    const crash = {
      ...check('service.crash-loop', 'fail', 'high'),
      evidence: { error: 'task: non-zero exit (3)' },
    };
    const out = diagnose({
      detail,
      checks: [crash, check('service.update', 'warn', 'medium')],
      events: [],
      deployments: [],
      now: NOW,
    });
    expect(out.summary).toBe('service.crash-loop says fail. Also: service.update says warn.');
  });

  it('says no problem was found for a healthy service, newest events first', () => {
    const healthy = {
      ...detail,
      lastTaskErrors: [],
      service: { ...detail.service, replicas: { desired: 2, running: 2 } },
    };
    const out = diagnose({
      detail: healthy,
      checks: [check('service.replicas', 'ok', 'info')],
      events: [
        { type: 'service.created', time: '2026-11-27T09:00:00.000Z', summary: 'service created' },
        { type: 'service.scaled', time: '2026-11-27T09:30:00.000Z', summary: 'scaled' },
      ],
      deployments: [],
      now: NOW,
    });
    expect(out.status).toBe('healthy');
    expect(out.summary).toBe('shop_api: 2 of 2 replicas running; no problem found.');
    expect(out.recentEvents.map((e) => e.type)).toEqual(['service.scaled', 'service.created']);
  });
});

describe('describeServiceEvent', () => {
  const envelope = (type: string, data: Record<string, unknown>): EventEnvelope => ({
    id: '7a3e8a64-2a0c-4c55-9e43-30e4d1b1c0a1',
    type,
    source: 'inventory',
    time: '2026-11-27T09:59:00.000Z',
    clusterId: 'c1',
    data,
  });
  const svc = { id: 'svc1', name: 'shop_api' };

  it('describes a task of the service with its state flip and error', () => {
    const e = envelope('task.state-changed', {
      kind: 'task',
      id: 't1',
      name: 'shop_api.1',
      changes: {
        state: { old: 'running', new: 'failed' },
        error: { old: null, new: 'task: non-zero exit (3)' },
      },
    });
    expect(describeServiceEvent(e, svc)?.summary).toBe(
      'task shop_api.1 running → failed: task: non-zero exit (3)',
    );
  });

  it('ignores tasks and services of other services', () => {
    const other = envelope('task.state-changed', {
      kind: 'task',
      id: 't2',
      name: 'shop_api.web.1',
      changes: { state: { old: null, new: 'new' } },
    });
    expect(describeServiceEvent(other, svc)).toBeNull();
    const svcEvent = envelope('service.updated', {
      kind: 'service',
      id: 'svc2',
      name: 'shop_db',
      changes: {},
    });
    expect(describeServiceEvent(svcEvent, svc)).toBeNull();
  });

  it('describes a scale of the service', () => {
    const e = envelope('service.scaled', {
      kind: 'service',
      id: 'svc1',
      name: 'shop_api',
      changes: { replicas: { old: { desired: 1, running: 1 }, new: { desired: 3, running: 1 } } },
    });
    expect(describeServiceEvent(e, svc)?.summary).toBe('scaled from 1 to 3 replicas');
  });
});
