import { pgFixture } from '@swarmops/testkit';
import { expect, it } from 'vitest';
import { startInventory } from '../fixtures/inventory/inventory-process.js';

it('refuses to start on a database without the inventory tables, naming them and the fix', async () => {
  const pg = await pgFixture({ migrate: false });
  try {
    const inventory = await startInventory({ databaseUrl: pg.url });
    const code = await new Promise<number | null>((resolve) => inventory.child.once('exit', resolve));
    expect(code).toBe(1);
    expect(inventory.output()).toMatch(
      /inventory tables missing in DATABASE_URL \(nodes, services,.*run the migrations/,
    );
  } finally {
    await pg.cleanup();
  }
});
