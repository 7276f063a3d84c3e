import { randomUUID } from 'node:crypto';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serve, silentLogger } from '@swarmops/bus';
import { startPrivateNats } from '@swarmops/testkit';
import type { PrivateNats } from '@swarmops/testkit';
import { createNodeDocker } from '../adapters/docker-nodes.js';
import { createHarness } from '../engine/__fixtures__/harness.js';
import type { EngineHarness } from '../engine/__fixtures__/harness.js';
import { createDeployerHandlers } from './index.js';

interface Reply {
  ok: boolean;
  data?: { deploymentId: string; status: string; outcomes: unknown[]; services: unknown[] };
  error?: { code: string; message: string };
}

// restore.apply over a private NATS: the reply keeps its contract; bad input is refused naming the field.
describe('restore.apply subject', () => {
  let nats: PrivateNats;
  let nc: NatsConnection;
  let h: EngineHarness;
  let stop: () => Promise<void>;

  beforeEach(async () => {
    nats = await startPrivateNats();
    nc = await connect({ servers: nats.url });
    h = await createHarness();
    const service = await serve(
      nc,
      { name: 'deployer', version: '0.0.0' },
      createDeployerHandlers({ engine: h.engine, nodes: createNodeDocker(h.docker), logger: silentLogger }),
    );
    stop = async () => {
      await service.stop();
    };
  });
  afterEach(async () => {
    try {
      await stop();
      await h.cleanup();
      await nc.close();
    } finally {
      await nats.stop();
    }
  });

  const call = async (body: unknown): Promise<Reply> => {
    const msg = await nc.request('swarmops.deployer.restore.apply', JSON.stringify(body), {
      timeout: 240_000,
    });
    return JSON.parse(new TextDecoder().decode(msg.data)) as Reply;
  };

  it('creates a cluster-wide network as a restore deployment and answers with its outcomes', async () => {
    const name = `${h.stack}_shared`;
    const reply = await call({
      restoreId: randomUUID(),
      stack: null,
      items: [
        {
          kind: 'network',
          name,
          spec: { Name: name, Driver: 'overlay', Attachable: true, Labels: { 'swarmops.test': h.stack } },
        },
      ],
    });
    expect(reply).toMatchObject({
      ok: true,
      data: { status: 'succeeded', outcomes: [{ kind: 'network', name, outcome: 'created' }], services: [] },
    });
    const deployment = await h.engine.get(reply.data?.deploymentId ?? '');
    expect(deployment).toMatchObject({ kind: 'restore', stack: '-cluster-', status: 'succeeded' });
    expect(Object.values(await h.deps.docker.networkNames())).toContain(name);
  });

  it('refuses a request without items, naming the field', async () => {
    const reply = await call({ restoreId: randomUUID(), stack: h.stack, items: [] });
    expect(reply.error?.code).toBe('INVALID_REQUEST');
    expect(reply.error?.message).toContain('items');
  });
});
