import { request } from '@swarmops/bus';
import { InventoryEventType, InventoryRpc } from '@swarmops/contracts';
import { natsFixture, pgFixture, requireDocker, uniqueName } from '@swarmops/testkit';
import { expect, it } from 'vitest';
import { dockerCli } from '../fixtures/inventory/docker-cli.js';
import { startEventLog } from '../fixtures/inventory/event-log.js';
import type { EventLog } from '../fixtures/inventory/event-log.js';
import { startInventory } from '../fixtures/inventory/inventory-process.js';
import type { InventoryProcess } from '../fixtures/inventory/inventory-process.js';
import { pollUntil, sleep } from '../fixtures/inventory/poll.js';

// Draining the only node stops every task on the shared engine: the drain is the last step, and
// `finally` restores `active` (and removes the label) whatever happened.
it('stores a node label change and a drain, each announced with old and new values', async () => {
  const docker = await requireDocker();
  const pg = await pgFixture();
  const nats = await natsFixture('inventory-node-test');
  const info = (await docker.info()) as { Swarm?: { NodeID?: string } };
  const nodeId = info.Swarm?.NodeID ?? '';
  expect(nodeId).not.toBe('');
  const labelKey = uniqueName('swarmops-test-label');
  let log: EventLog | undefined;
  let inventory: InventoryProcess | undefined;
  let drained = false;
  const node = () => request(nats.nc, InventoryRpc.nodesGet, { id: nodeId });
  try {
    log = await startEventLog(nats.js);
    inventory = await startInventory({ databaseUrl: pg.url, env: { INVENTORY_RESYNC_SECONDS: '5' } });
    await inventory.ready();
    expect((await node()).availability).toBe('active');

    await dockerCli('node', 'update', '--label-add', `${labelKey}=yes`, nodeId);
    await pollUntil('the label in the store', async () =>
      (await node()).labels[labelKey] === 'yes' ? true : undefined,
    );
    const labelled = await request(nats.nc, InventoryRpc.nodesList, { label: `${labelKey}=yes` });
    expect(labelled.items.map((n) => n.id)).toEqual([nodeId]);

    drained = true;
    await dockerCli('node', 'update', '--availability', 'drain', nodeId);
    await pollUntil('the drain in the store', async () =>
      (await node()).availability === 'drain' ? true : undefined,
    );
    await dockerCli('node', 'update', '--availability', 'active', nodeId);
    drained = false;
    await pollUntil('active again', async () =>
      (await node()).availability === 'active' ? true : undefined,
    );

    await sleep(2000);
    const events = await log.ours(
      pg.pool,
      (e) =>
        e.change.kind === 'node' &&
        e.change.id === nodeId &&
        e.envelope.type === InventoryEventType.nodeUpdated,
    );
    const labelEvents = events.filter((e) => e.change.changes.labels !== undefined);
    const availability = events.flatMap((e) => {
      const change = e.change.changes.availability;
      return change === undefined ? [] : [change];
    });
    console.log(
      `node.updated events: labels ${labelEvents.length}, availability ${JSON.stringify(availability)}`,
    );
    expect(labelEvents).toHaveLength(1);
    const labelChange = labelEvents[0]?.change.changes.labels as {
      old: Record<string, string>;
      new: Record<string, string>;
    };
    expect(labelChange.old[labelKey]).toBeUndefined();
    expect(labelChange.new[labelKey]).toBe('yes');
    expect(availability).toEqual([
      { old: 'active', new: 'drain' },
      { old: 'drain', new: 'active' },
    ]);
  } finally {
    if (drained) await dockerCli('node', 'update', '--availability', 'active', nodeId).catch(() => undefined);
    await dockerCli('node', 'update', '--label-rm', labelKey, nodeId).catch(() => undefined);
    await inventory?.stop();
    await log?.stop();
    await nats.cleanup();
    await pg.cleanup();
  }
});
