import { InventoryEventType } from '@swarmops/contracts';
import {
  ensureTestImage,
  natsFixture,
  pgFixture,
  removeLabeled,
  requireDocker,
  TEST_LABEL,
  uniqueName,
} from '@swarmops/testkit';
import { expect, it } from 'vitest';
import { createServiceCli, dockerCli } from '../fixtures/inventory/docker-cli.js';
import { countByType, startEventLog } from '../fixtures/inventory/event-log.js';
import type { EventLog } from '../fixtures/inventory/event-log.js';
import { listAllServices } from '../fixtures/inventory/inventory-client.js';
import { startInventory } from '../fixtures/inventory/inventory-process.js';
import type { InventoryProcess } from '../fixtures/inventory/inventory-process.js';
import { pollUntil, sleep } from '../fixtures/inventory/poll.js';

it('catches every change made while it was stopped in the first reconcile, and announces each once', async () => {
  const docker = await requireDocker();
  const image = await ensureTestImage(docker);
  const pg = await pgFixture();
  const nats = await natsFixture('inventory-restart-test');
  const scope = uniqueName('inv-restart');
  const label = `${TEST_LABEL}=${scope}`;
  const labels = { [TEST_LABEL]: scope };
  const [scaled, removed, created] = ['inv-scale', 'inv-rm', 'inv-new'].map(uniqueName) as [
    string,
    string,
    string,
  ];
  let log: EventLog | undefined;
  let inventory: InventoryProcess | undefined;
  try {
    log = await startEventLog(nats.js);
    await createServiceCli(scaled, image, { labels });
    await createServiceCli(removed, image, { labels });
    const env = { INVENTORY_RESYNC_SECONDS: '3600' }; // only the start-up reconcile may catch up
    inventory = await startInventory({ databaseUrl: pg.url, env });
    await inventory.ready();
    await pollUntil('both services listed', async () =>
      (await listAllServices(nats.nc, { label })).length === 2 ? true : undefined,
    );
    expect(await inventory.stop('SIGTERM')).toBe(0);

    await createServiceCli(created, image, { labels });
    await dockerCli('service', 'scale', '--detach', `${scaled}=1`);
    await dockerCli('service', 'rm', removed);

    const restartedAt = performance.now();
    inventory = await startInventory({ databaseUrl: pg.url, env });
    await inventory.ready();
    const readyMs = Math.round(performance.now() - restartedAt);
    // Ready means the first reconcile has completed: the list must already be right, no polling.
    const listed = await listAllServices(nats.nc, { label });
    console.log(`restart: ready (first reconcile done) ${readyMs} ms after spawn`);
    expect(listed.map((s) => s.name).sort()).toEqual([created, scaled].sort());
    expect(listed.find((s) => s.name === scaled)?.replicas.desired).toBe(1);

    await sleep(3000); // the relay publishes the missed events
    const events = await log.ours(pg.pool, (e) => e.change.kind === 'service');
    const byName = (name: string) => countByType(events.filter((e) => e.change.name === name));
    const counts = { [scaled]: byName(scaled), [removed]: byName(removed), [created]: byName(created) };
    console.log(`restart events: ${JSON.stringify(counts)}`);
    expect(counts[scaled]).toEqual({
      [InventoryEventType.serviceCreated]: 1,
      [InventoryEventType.serviceScaled]: 1,
    });
    expect(counts[removed]).toEqual({
      [InventoryEventType.serviceCreated]: 1,
      [InventoryEventType.serviceRemoved]: 1,
    });
    expect(counts[created]).toEqual({ [InventoryEventType.serviceCreated]: 1 });
  } finally {
    await inventory?.stop();
    await removeLabeled(docker, scope);
    await log?.stop();
    await nats.cleanup();
    await pg.cleanup();
  }
});
