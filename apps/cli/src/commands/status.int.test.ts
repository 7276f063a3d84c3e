import { describe, expect, it } from 'vitest';
import { createContext } from '../context.js';
import { dockerStatus } from '../parts/docker.js';
import { natsStatus } from '../parts/nats.js';
import { postgresStatus } from '../parts/postgres.js';

// Reads the dependencies `./swarmops test` brought up; it never starts or stops them.
function required(name: 'NATS_URL' | 'DATABASE_URL' | 'DOCKER_HOST'): string {
  const value = process.env[name];
  if (!value)
    throw new Error(`${name} not set: run ./swarmops test (or . .swarmops/env after ./swarmops up)`);
  return value;
}

function contextFromEnv() {
  const nats = new URL(required('NATS_URL'));
  const pg = new URL(required('DATABASE_URL'));
  return createContext({
    ...process.env,
    DOCKER_HOST: required('DOCKER_HOST'),
    SWARMOPS_NATS_PORT: nats.port || '4222',
    SWARMOPS_PG_PORT: pg.port || '5432',
  });
}

describe('status against the running dependencies', () => {
  it('reports the Docker engine as a swarm manager', async () => {
    const part = await dockerStatus(contextFromEnv());
    expect(part.ready, part.detail).toBe(true);
    expect(part.detail).toMatch(/swarm active, manager, \d+ manager\(s\), \d+ node\(s\)/);
  });

  it('reports NATS reachable with JetStream enabled', async () => {
    const part = await natsStatus(contextFromEnv());
    expect(part.ready, part.detail).toBe(true);
    expect(part.detail).toContain('JetStream enabled');
  });

  it('reports the .swarmops/pg cluster accepting connections on its port', async () => {
    const ctx = contextFromEnv();
    const part = await postgresStatus(ctx);
    expect(part.ready, part.detail).toBe(true);
    expect(part.address).toBe(`postgres://127.0.0.1:${ctx.pgPort}/swarmops`);
  });

  it('reports a port where nothing listens as not reachable', async () => {
    const ctx = createContext({ ...process.env, SWARMOPS_NATS_PORT: '1' });
    const part = await natsStatus(ctx);
    expect(part.ready).toBe(false);
    expect(part.detail).toMatch(/^not reachable/);
  });
});
