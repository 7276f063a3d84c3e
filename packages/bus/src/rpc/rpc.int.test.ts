import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Svcm } from '@nats-io/services';
import type { Service } from '@nats-io/services';
import { AppError } from '@swarmops/contracts';
import { natsFixture } from '@swarmops/testkit';
import type { NatsFixture } from '@swarmops/testkit';
import { echoContract } from '../testing/echo-contract.fixture.js';
import { endpoint } from './endpoint.js';
import { request } from './request.js';
import { serve } from './serve.js';

describe('serve and request against nats-server', () => {
  let nats: NatsFixture;
  let service: Service | undefined;

  beforeEach(async () => {
    nats = await natsFixture('bus-rpc-test');
  });

  afterEach(async () => {
    await service?.stop();
    service = undefined;
    await nats.cleanup();
  });

  async function start(handler: Parameters<typeof endpoint<ReturnType<typeof echoContract>>>[1]) {
    const contract = echoContract(nats.uniqueSubject('echo'));
    const spy = vi.fn(handler);
    service = await serve(nats.nc, { name: 'bus-test', version: '0.1.0', description: 'test' }, [
      endpoint(contract, spy),
    ]);
    return { contract, spy };
  }

  it('returns the handler data for a valid request', async () => {
    const { contract } = await start((req) => ({ greeting: `hello ${req.name} x${req.count}` }));
    await expect(request(nats.nc, contract, { name: 'ada', count: 3 })).resolves.toEqual({
      greeting: 'hello ada x3',
    });
  });

  it('answers a bad request with INVALID_REQUEST naming the field, without calling the handler', async () => {
    const { contract, spy } = await start(() => ({ greeting: 'x' }));
    const reply = await nats.nc.request(contract.subject, JSON.stringify({ name: 'ada', count: 'three' }));
    expect(reply.json()).toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST', details: { issues: [{ path: 'count' }] } },
    });
    expect(reply.json<{ error: { message: string } }>().error.message).toContain('`count`');
    expect(reply.headers?.get('Nats-Service-Error-Code')).toBe('400');
    expect(reply.headers?.get('Nats-Service-Error')).toContain('INVALID_REQUEST');

    const notJson = await nats.nc.request(contract.subject, 'not json');
    expect(notJson.json()).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(spy).not.toHaveBeenCalled();
  });

  it('validates the input before sending and names the field', async () => {
    const { contract, spy } = await start(() => ({ greeting: 'x' }));
    const err = await request(nats.nc, contract, { name: '', count: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({
      code: 'INVALID_REQUEST',
      message: expect.stringContaining('`name`') as string,
    });
    expect(spy).not.toHaveBeenCalled();
  });

  it('rejects a reply that breaks the contract as INTERNAL on both ends', async () => {
    const { contract } = await start(() => ({ greeting: 7 }) as unknown as { greeting: string });
    await expect(request(nats.nc, contract, { name: 'a', count: 1 })).rejects.toMatchObject({
      code: 'INTERNAL',
    });

    // A responder outside the framework replying garbage: the requester still refuses it.
    const raw = echoContract(nats.uniqueSubject('raw'));
    const sub = nats.nc.subscribe(raw.subject, {
      callback: (_e, m) => {
        m.respond(JSON.stringify({ ok: true, data: {} }));
      },
    });
    try {
      const err = await request(nats.nc, raw, { name: 'a', count: 1 }).catch((e: unknown) => e);
      expect(err).toMatchObject({
        code: 'INTERNAL',
        message: expect.stringContaining('`data.greeting`') as string,
      });
    } finally {
      sub.unsubscribe();
    }
  });

  it('carries AppError codes across and reports unknown failures as INTERNAL', async () => {
    let fail: Error = new AppError('NOT_FOUND', 'no ada here', { details: { name: 'ada' } });
    const { contract } = await start(() => {
      throw fail;
    });
    await expect(request(nats.nc, contract, { name: 'ada', count: 1 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'no ada here',
      details: { name: 'ada' },
    });
    fail = new Error('db password is hunter2');
    const err = await request(nats.nc, contract, { name: 'ada', count: 1 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'INTERNAL', message: 'internal error' });
  });

  it('maps no responders to UNAVAILABLE and silence to TIMEOUT', async () => {
    const nobody = echoContract(nats.uniqueSubject('nobody'));
    await expect(request(nats.nc, nobody, { name: 'a', count: 1 })).rejects.toMatchObject({
      code: 'UNAVAILABLE',
    });

    const silent = echoContract(nats.uniqueSubject('silent'));
    const sub = nats.nc.subscribe(silent.subject, { callback: () => undefined });
    try {
      await expect(
        request(nats.nc, silent, { name: 'a', count: 1 }, { timeoutMs: 200 }),
      ).rejects.toMatchObject({
        code: 'TIMEOUT',
      });
    } finally {
      sub.unsubscribe();
    }
  });

  it('is listed by $SRV.PING and describes its endpoints in $SRV.INFO and $SRV.STATS', async () => {
    const { contract } = await start((req) => ({ greeting: req.name }));
    await request(nats.nc, contract, { name: 'a', count: 1 });
    const client = new Svcm(nats.nc).client();

    const pings = [];
    for await (const p of await client.ping('bus-test')) pings.push(p);
    expect(pings.map((p) => p.id)).toContain(service!.info().id);
    expect(pings.find((p) => p.id === service!.info().id)).toMatchObject({
      name: 'bus-test',
      version: '0.1.0',
    });

    const infos = [];
    for await (const i of await client.info('bus-test', service!.info().id)) infos.push(i);
    expect(infos[0]?.endpoints.map((e) => e.subject)).toEqual([contract.subject]);

    const stats = [];
    for await (const s of await client.stats('bus-test', service!.info().id)) stats.push(s);
    expect(stats[0]?.endpoints?.[0]?.num_requests).toBe(1);
  });
});
