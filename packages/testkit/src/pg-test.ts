import { test } from 'vitest';
import { natsTest } from './nats-test.js';
import { pgFixture } from './pg-fixture.js';
import type { PgFixture } from './pg-fixture.js';

/**
 * vitest `test` with a `pg` fixture: a fresh migrated database, dropped after the test.
 *
 * @example pgTest('inserts', async ({ pg }) => { await pg.pool.query('select 1'); });
 */
export const pgTest = test.extend<{ pg: PgFixture }>({
  // eslint-disable-next-line no-empty-pattern
  pg: async ({}, use) => {
    const fixture = await pgFixture();
    try {
      await use(fixture);
    } finally {
      await fixture.cleanup();
    }
  },
});

/** vitest `test` with both the `nats` and the `pg` fixtures. */
export const natsPgTest = natsTest.extend<{ pg: PgFixture }>({
  // eslint-disable-next-line no-empty-pattern
  pg: async ({}, use) => {
    const fixture = await pgFixture();
    try {
      await use(fixture);
    } finally {
      await fixture.cleanup();
    }
  },
});
