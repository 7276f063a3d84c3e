import type { DockerEvent } from '@swarmops/docker';
import { describe, expect, it } from 'vitest';
import { createWorkQueue } from './work-queue.js';
import { mergeWork, work, workForEvent } from './work.js';
import type { Work } from './work.js';

const event = (Type: string, ID: string, extra: Partial<DockerEvent> = {}): DockerEvent => ({
  Type,
  Action: 'update',
  Actor: { ID, Attributes: {} },
  time: 1,
  timeNano: 1_000_000_000n,
  ...extra,
});

describe('workForEvent', () => {
  it('refreshes the service of a service or task container event, and re-lists other kinds', () => {
    expect([...workForEvent(event('service', 'svc1'))!.services]).toEqual(['svc1']);
    const container = event('container', 'c1', {
      Actor: { ID: 'c1', Attributes: { 'com.docker.swarm.service.id': 'svc2' } },
    });
    expect([...workForEvent(container)!.services]).toEqual(['svc2']);
    expect(workForEvent(event('container', 'c2'))).toBeUndefined();
    expect(workForEvent(event('node', 'n1'))).toMatchObject({ nodes: true, eventsSince: 1_000_000_000n });
    expect(workForEvent(event('network', 'x', { scope: 'local' }))).toBeUndefined();
    expect(workForEvent(event('network', 'x', { scope: 'swarm' }))).toMatchObject({ networks: true });
    expect(workForEvent(event('secret', 's'))).toMatchObject({ secrets: true });
    expect(workForEvent(event('config', 'c'))).toMatchObject({ configs: true });
  });

  it('merges work keeping the newest event time', () => {
    const merged = mergeWork(
      work({ services: ['a'], eventsSince: 5n }),
      work({ services: ['b'], nodes: true, eventsSince: 3n }),
    );
    expect(merged).toMatchObject({ nodes: true, eventsSince: 5n });
    expect([...merged.services].sort()).toEqual(['a', 'b']);
  });
});

describe('createWorkQueue', () => {
  it('never runs twice at once and coalesces requests made during a run into one follow-up', async () => {
    const runs: Work[] = [];
    let active = 0;
    let release: (() => void) | undefined;
    const queue = createWorkQueue(async (w) => {
      active += 1;
      expect(active).toBe(1);
      runs.push(w);
      if (runs.length === 1) await new Promise<void>((r) => (release = r));
      active -= 1;
      return runs.length;
    });
    const first = queue.request(work({ full: true }));
    await Promise.resolve();
    const second = queue.request(work({ services: ['a'] }));
    const third = queue.request(work({ nodes: true }));
    release!();
    expect(await first).toBe(1);
    expect(await second).toBe(2);
    expect(await third).toBe(2);
    expect(runs).toHaveLength(2);
    expect(runs[1]).toMatchObject({ nodes: true, full: false });
    await queue.idle();
  });

  it('rejects the waiters of a failed run and keeps serving', async () => {
    let fail = true;
    const queue = createWorkQueue(() =>
      fail ? Promise.reject(new Error('docker down')) : Promise.resolve('ok'),
    );
    await expect(queue.request(work({ full: true }))).rejects.toThrow('docker down');
    fail = false;
    await expect(queue.request(work({ full: true }))).resolves.toBe('ok');
  });
});
