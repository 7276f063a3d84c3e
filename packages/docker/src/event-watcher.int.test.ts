import { ensureTestImage, requireDocker, withDockerCleanup } from '@swarmops/testkit';
import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { createDockerClient } from './client.js';
import type { DockerEvent } from './docker-event.js';
import { watchDockerEvents, type DockerEventWatch } from './event-watcher.js';

/** Polls until `check` is true; bounded so a lost event fails the test instead of hanging it. */
async function waitFor(what: string, check: () => boolean, maxMs = 30_000): Promise<void> {
  const deadline = Date.now() + maxMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function serviceSpec(name: string, image: string, labels: Record<string, string>) {
  return {
    Name: name,
    Labels: labels,
    TaskTemplate: { ContainerSpec: { Image: image, Command: ['sleep', '3600'], Init: true } },
    Mode: { Replicated: { Replicas: 0 } },
  };
}

function startWatch(
  docker: Docker,
  events: DockerEvent[],
  connects: Array<string | undefined>,
  delayMs = 200,
) {
  return watchDockerEvents({
    docker,
    filters: { type: ['service'] },
    onEvent: (event) => events.push(event),
    onConnect: ({ since }) => connects.push(since),
    reconnectDelayMs: delayMs,
  });
}

const count = (events: DockerEvent[], name: string, action: string) =>
  events.filter((e) => e.Actor.Attributes.name === name && e.Action === action).length;

describe('watchDockerEvents against the engine', () => {
  it('receives the create and remove events of a service', async () => {
    await requireDocker();
    const docker = createDockerClient({ timeoutMs: 30_000 });
    const image = await ensureTestImage(docker);
    const events: DockerEvent[] = [];
    const connects: Array<string | undefined> = [];
    let watch: DockerEventWatch | undefined;
    try {
      watch = startWatch(docker, events, connects);
      await waitFor('the event stream to connect', () => connects.length > 0);
      await withDockerCleanup(docker, async ({ labels, name }) => {
        const svc = name('ev');
        const created = await docker.createService(serviceSpec(svc, image, labels));
        await waitFor(`create event of ${svc}`, () => count(events, svc, 'create') === 1);
        await docker.getService(created.id).remove();
        await waitFor(`remove event of ${svc}`, () => count(events, svc, 'remove') === 1);
        const create = events.find((e) => e.Actor.Attributes.name === svc && e.Action === 'create')!;
        expect(create.Type).toBe('service');
        expect(create.Actor.ID).toBe(created.id);
        expect(watch!.lastSeen).toBeGreaterThanOrEqual(create.timeNano);
      });
    } finally {
      await watch?.stop();
    }
  });

  it('resumes after a dropped stream and delivers an event of the gap exactly once', async () => {
    await requireDocker();
    const docker = createDockerClient({ timeoutMs: 30_000 });
    const image = await ensureTestImage(docker);
    const events: DockerEvent[] = [];
    const connects: Array<string | undefined> = [];
    let watch: DockerEventWatch | undefined;
    try {
      watch = startWatch(docker, events, connects, 1_000);
      await waitFor('the event stream to connect', () => connects.length > 0);
      await withDockerCleanup(docker, async ({ labels, name }) => {
        const before = name('before');
        const gap = name('gap');
        const a = await docker.createService(serviceSpec(before, image, labels));
        await waitFor(`create event of ${before}`, () => count(events, before, 'create') === 1);
        const seenBeforeDrop = watch!.lastSeen!;

        // Drop the HTTP stream, then create a service while the watcher is disconnected: its event
        // can only arrive through the resumed stream.
        watch!.interrupt();
        const b = await docker.createService(serviceSpec(gap, image, labels));
        await waitFor(`create event of ${gap} after the reconnect`, () => count(events, gap, 'create') >= 1);

        // A later marker: once these removes arrived, any duplicate would have arrived too.
        await docker.getService(a.id).remove();
        await docker.getService(b.id).remove();
        await waitFor(
          'remove events',
          () => count(events, before, 'remove') === 1 && count(events, gap, 'remove') === 1,
        );

        expect(connects.length).toBeGreaterThanOrEqual(2);
        expect(connects[1]).toBe(formatSince(seenBeforeDrop));
        expect(count(events, before, 'create')).toBe(1);
        expect(count(events, gap, 'create')).toBe(1);
        // The engine's `since` is inclusive: it resent the last event seen before the drop.
        expect(watch!.duplicates).toBeGreaterThanOrEqual(1);
      });
    } finally {
      await watch?.stop();
    }
  });
});

function formatSince(nanos: bigint): string {
  return `${nanos / 1_000_000_000n}.${(nanos % 1_000_000_000n).toString().padStart(9, '0')}`;
}
