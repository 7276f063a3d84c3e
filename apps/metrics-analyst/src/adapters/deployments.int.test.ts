import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { endpoint, serve, silentLogger } from '@swarmops/bus';
import { DeployerRpc } from '@swarmops/contracts';
import { startPrivateNats } from '@swarmops/testkit';
import type { PrivateNats } from '@swarmops/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployment } from './__fixtures__/deployment.js';
import { createDeploymentSource, natsDeploymentsList } from './deployments.js';

// Over a real NATS: the deployer's list contract end to end (a stand-in deployer answering the real
// DeployerRpc.deploymentsList contract with cursor pages), and no deployer at all.

let nats: PrivateNats;
let nc: NatsConnection;

beforeAll(async () => {
  nats = await startPrivateNats();
  nc = await connect({ servers: nats.url });
});

afterAll(async () => {
  await nc?.close();
  await nats?.stop();
});

const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();

describe('deployment source over NATS', () => {
  it('pages the deployer by cursor until older than since', async () => {
    const history = [
      deployment(4, 'shop', at(5)),
      deployment(3, 'blog', at(10)),
      deployment(2, 'shop', at(20)),
      deployment(1, 'shop', at(120)),
    ];
    const seen: unknown[] = [];
    const deployer = await serve(nc, { name: 'deployer', version: '0.0.0', logger: silentLogger }, [
      endpoint(DeployerRpc.deploymentsList, (req) => {
        seen.push(req);
        const rows = history.filter((d) => req.stack === undefined || d.stack === req.stack);
        const from = req.cursor === undefined ? 0 : Number(req.cursor);
        const next = from + req.limit;
        return { items: rows.slice(from, next), nextCursor: next < rows.length ? String(next) : null };
      }),
    ]);
    try {
      const source = createDeploymentSource({
        list: natsDeploymentsList(nc, 5_000),
        logger: silentLogger,
        pageSize: 2,
      });
      const since = new Date(Date.now() - 3_600_000);
      expect((await source.since(since, {})).map((d) => d.version)).toEqual([4, 3, 2]);
      expect(seen).toEqual([{ limit: 2 }, { limit: 2, cursor: '2' }]);
      expect((await source.since(since, { stacks: ['shop'] })).map((d) => d.version)).toEqual([4, 2]);
    } finally {
      await deployer.stop();
    }
  });

  it('skips correlation with a warning when no deployer answers', async () => {
    const warnings: object[] = [];
    const source = createDeploymentSource({
      list: natsDeploymentsList(nc, 2_000),
      logger: { ...silentLogger, warn: (fields) => warnings.push(fields) },
    });
    expect(await source.since(new Date(0), {})).toEqual([]);
    expect(warnings).toEqual([expect.objectContaining({ code: 'UNAVAILABLE' })]);
  });
});
