import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Service } from '@nats-io/services';
import { AppError } from '@swarmops/contracts';
import { natsFixture } from '@swarmops/testkit';
import type { NatsFixture } from '@swarmops/testkit';
import { echoContract } from '../testing/echo-contract.fixture.js';
import { endpoint } from './endpoint.js';
import { request } from './request.js';
import { serve } from './serve.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('request cancelled by an AbortSignal', () => {
  let nats: NatsFixture;
  let service: Service | undefined;

  beforeEach(async () => {
    nats = await natsFixture('bus-cancel-test');
  });

  afterEach(async () => {
    await service?.stop();
    service = undefined;
    await nats.cleanup();
  });

  /**
   * A responder that takes `delayMs` per request and logs when each request starts and replies;
   * `onStart` runs once the request has reached it.
   */
  async function slowResponder(delayMs: number, onStart: () => void = () => undefined) {
    const contract = echoContract(nats.uniqueSubject('slow'));
    const events: string[] = [];
    const done: Promise<void>[] = [];
    service = await serve(nats.nc, { name: 'bus-cancel-test', version: '0.1.0' }, [
      endpoint(contract, (req) => {
        events.push(`started ${req.name}`);
        onStart();
        const work = sleep(delayMs).then(() => {
          events.push(`replied ${req.name}`);
          return { greeting: `hello ${req.name}` };
        });
        done.push(work.then(() => undefined));
        return work;
      }),
    ]);
    return { contract, events, done };
  }

  it('rejects as soon as the signal fires, while the responder still finishes its work', async () => {
    const controller = new AbortController();
    // Abort 50 ms into the responder's 1 s of work.
    const { contract, events, done } = await slowResponder(1000, () =>
      setTimeout(() => controller.abort(), 50),
    );
    const pending = request(nats.nc, contract, { name: 'ada', count: 1 }, { signal: controller.signal });

    const err = await pending.catch((e: unknown) => e);
    events.push('rejected');
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({
      code: 'TIMEOUT',
      message: `request to ${contract.subject} cancelled by the caller`,
    });

    // The operation itself is not withdrawn: it runs to its end, after the caller stopped waiting.
    expect(done).toHaveLength(1);
    await Promise.all(done);
    expect(events).toEqual(['started ada', 'rejected', 'replied ada']);
  });

  it('ignores the NATS timeout of a request it stopped waiting for', async () => {
    const controller = new AbortController();
    const { contract, events, done } = await slowResponder(800, () =>
      controller.abort(new Error('client went away')),
    );
    const pending = request(
      nats.nc,
      contract,
      { name: 'bob', count: 1 },
      { timeoutMs: 200, signal: controller.signal },
    );
    const err = await pending.catch((e: unknown) => e);
    events.push('rejected');
    expect(err).toMatchObject({ code: 'TIMEOUT', message: expect.stringContaining('cancelled') as string });
    expect((err as AppError).cause).toEqual(new Error('client went away'));
    // The NATS timeout (200 ms) lapses while the responder (800 ms) works: no unhandled rejection.
    await Promise.all(done);
    expect(events).toEqual(['started bob', 'rejected', 'replied bob']);
  });

  it('sends nothing when the signal has already fired', async () => {
    const { contract, events } = await slowResponder(0);
    const err = await request(
      nats.nc,
      contract,
      { name: 'early', count: 1 },
      { signal: AbortSignal.abort() },
    ).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'TIMEOUT', message: expect.stringContaining('cancelled') as string });

    // Requests on one connection arrive in order, so had the first been sent it would show up first.
    await expect(request(nats.nc, contract, { name: 'later', count: 1 })).resolves.toEqual({
      greeting: 'hello later',
    });
    expect(events).toEqual(['started later', 'replied later']);
  });

  it('still validates the input first', async () => {
    const { contract, events } = await slowResponder(0);
    await expect(
      request(nats.nc, contract, { name: '', count: 1 }, { signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
    expect(events).toEqual([]);
  });
});
