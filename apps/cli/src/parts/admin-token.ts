import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import type { Context } from '../context.js';
import { say } from '../output.js';
import { withTokenStore } from './token-store.js';

/** The name of the token `up` creates. */
export const ADMIN_TOKEN_NAME = 'admin (created by up)';

/**
 * Creates `.swarmops/admin.token` (mode 0600) with a new admin token when the file does not
 * exist yet; a later `up` keeps the file. Runs after the migrations. Never prints the secret.
 */
export async function ensureAdminToken(ctx: Context, databaseUrl: string): Promise<'created' | 'kept'> {
  if (existsSync(ctx.adminTokenFile)) return 'kept';
  await withTokenStore(databaseUrl, async (store) => {
    const { token, record } = await store.create({ name: ADMIN_TOKEN_NAME, role: 'admin', createdBy: 'up' });
    try {
      writeFileSync(ctx.adminTokenFile, `${token}\n`, { mode: 0o600, flag: 'wx' });
      chmodSync(ctx.adminTokenFile, 0o600);
    } catch (err) {
      await store.revoke(record.id);
      throw err;
    }
    say(`    admin token ${record.prefix} written to ${ctx.adminTokenFile} (mode 0600)`);
  });
  return 'created';
}
