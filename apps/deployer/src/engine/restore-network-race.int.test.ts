import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RestoreApplyRequestSchema } from '@swarmops/contracts';
import type { RestoreApplyItem } from '@swarmops/contracts';
import { TEST_IMAGE } from '@swarmops/testkit';
import { createHarness } from './__fixtures__/harness.js';
import type { EngineHarness } from './__fixtures__/harness.js';

// A stack removed right before a restore: Swarm keeps listing its overlay network until the removed tasks
// have stopped, but refuses it to a new service ("network <id> not found"), and refuses to create the name
// again until it is gone. restore.apply must get past that window on its own.
describe('restore.apply right after the stack was removed', () => {
  let h: EngineHarness;
  beforeEach(async () => {
    h = await createHarness();
  });
  afterEach(async () => {
    await h.cleanup();
  });

  const apply = (items: RestoreApplyItem[]) =>
    h.engine.restoreApply(
      RestoreApplyRequestSchema.parse({
        restoreId: randomUUID(),
        stack: h.stack,
        items,
        requestedBy: 'test',
      }),
    );

  it('creates the network again once Swarm has deleted it, then the service', async () => {
    const s = h.stack;
    const labels = { 'swarmops.test': s, 'com.docker.stack.namespace': s };
    const network = `${s}_default`;
    const networkSpec = { Name: network, Driver: 'overlay', Labels: labels };
    const name = `${s}_api`;
    // `sleep` as PID 1 ignores SIGTERM, so a removed task takes its stop grace period to go, and the
    // network stays listed (being deleted) for that long.
    const spec = (target: string) => ({
      Name: name,
      Labels: labels,
      TaskTemplate: {
        ContainerSpec: { Image: TEST_IMAGE, Command: ['sleep', '3600'], StopGracePeriod: 20_000_000_000 },
        Networks: [{ Target: target, Aliases: ['api'] }],
      },
      Mode: { Replicated: { Replicas: 1 } },
    });
    const networkId = await h.deps.docker.createNetwork({ ...networkSpec, CheckDuplicate: true });
    const serviceId = await h.deps.docker.createService(spec(networkId));
    await waitFor(async () => {
      const tasks = await h.deps.docker.tasks([serviceId]);
      return tasks.some((t) => t.state === 'running') ? true : null;
    });

    // What the deployer's stack.remove does: the service, then the network.
    await h.docker.getService(serviceId).remove();
    await h.docker.getNetwork(networkId).remove();
    expect((await h.deps.docker.networkNames())[networkId]).toBe(network);

    // Without the network's item the service cannot be restored yet, and the error says why.
    const service: RestoreApplyItem = { kind: 'service', name, spec: spec(network) };
    const bare = await apply([service]);
    expect(bare.status).toBe('failed');
    expect(bare.outcomes[0]?.error).toContain(`network ${network} is being deleted by Swarm`);

    // With it (as backup sends it even when its plan says the network is there), the restore succeeds.
    const item: RestoreApplyItem = { kind: 'network', name: network, spec: networkSpec };
    const restored = await apply([item, service]);
    expect(restored.outcomes.map((o) => `${o.kind}:${o.outcome}`)).toEqual([
      'network:unchanged',
      'service:created',
    ]);
    expect(restored.status).toBe('succeeded');
    expect(restored.services).toEqual([{ name, replicas: { desired: 1, running: 1 } }]);

    const names = await h.deps.docker.networkNames();
    const live = await h.deps.docker.findService(name);
    const target = live?.spec.TaskTemplate?.Networks?.[0]?.Target ?? '';
    expect(names[target]).toBe(network);
    expect(target).not.toBe(networkId);
    const record = await h.engine.get(restored.deploymentId);
    const recreated = record.steps.find((st) => st.name === 'restore-network' && st.status === 'succeeded');
    expect(recreated?.message).toContain(`created network ${network} for service ${name}`);

    // Idempotent: applied again, nothing changes.
    const again = await apply([item, service]);
    expect(again.status).toBe('succeeded');
    expect(again.outcomes.map((o) => o.outcome)).toEqual(['unchanged', 'unchanged']);
    expect((await h.deps.docker.findService(name))?.version).toBe(live?.version);
  });
});

async function waitFor<T>(probe: () => Promise<T | null>, timeoutMs = 240_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}
