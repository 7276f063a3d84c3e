import { test } from 'vitest';
import { natsFixture } from './nats-fixture.js';
import type { NatsFixture } from './nats-fixture.js';

/**
 * vitest `test` with a `nats` fixture: a connection, unique names, and cleanup after the test.
 *
 * @example natsTest('publishes', async ({ nats }) => { nats.nc.publish(nats.uniqueSubject('x')); });
 */
export const natsTest = test.extend<{ nats: NatsFixture }>({
  // eslint-disable-next-line no-empty-pattern
  nats: async ({}, use) => {
    const fixture = await natsFixture();
    try {
      await use(fixture);
    } finally {
      await fixture.cleanup();
    }
  },
});
