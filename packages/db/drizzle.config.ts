import { defineConfig } from 'drizzle-kit';

// `pnpm --filter @swarmops/db db:generate` writes the next migration into ./drizzle; commit it.
export default defineConfig({
  dialect: 'postgresql',
  schema: [
    './src/schema/platform.ts',
    './src/schema/inventory.ts',
    './src/schema/gateway.ts',
    './src/schema/deployer.ts',
    './src/schema/health.ts',
    './src/schema/backup.ts',
  ],
  out: './drizzle',
});
