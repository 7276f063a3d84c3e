import { userInfo } from 'node:os';
import { parseDuration } from '@swarmops/auth';
import { RoleSchema } from '@swarmops/contracts';
import { CliError } from '../cli-error.js';
import type { Context } from '../context.js';
import { parseStacksOption, renderCreatedToken, renderTokenTable } from '../domain/token-table.js';
import { say, sayJson } from '../output.js';
import { resolveDatabaseUrl, withTokenStore } from '../parts/token-store.js';

export interface TokenCreateOptions {
  readonly role?: string;
  readonly name?: string;
  readonly stacks?: string;
  readonly expires?: string;
}

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

/** `swarmops token create --role R [--name N] [--stacks a,b] [--expires 90d]`: prints the token once. */
export async function tokenCreateCommand(ctx: Context, options: TokenCreateOptions): Promise<number> {
  const role = RoleSchema.safeParse(options.role);
  if (!role.success) throw new CliError('--role must be one of viewer, operator, admin', { exitCode: 2 });
  if (options.expires !== undefined && parseDuration(options.expires) === null) {
    throw new CliError('--expires must be a lifetime like 90d, 12h, 30m, 2w or 1y', { exitCode: 2 });
  }
  const stacks = parseStacksOption(options.stacks);
  const name = options.name ?? `${role.data} token`;
  const created = await withTokenStore(resolveDatabaseUrl(ctx), (store) =>
    store.create({
      name,
      role: role.data,
      ...(stacks ? { stacks } : {}),
      ...(options.expires !== undefined ? { expiresIn: options.expires } : {}),
      createdBy: `cli:${osUser()}`,
    }),
  );
  say(renderCreatedToken(created.token, created.record));
  return 0;
}

/** `swarmops token list [--json]`: every token, newest first; never a secret. */
export async function tokenListCommand(ctx: Context, options: { json?: boolean }): Promise<number> {
  const records = await withTokenStore(resolveDatabaseUrl(ctx), (store) => store.list());
  if (options.json) sayJson(records);
  else say(renderTokenTable(records, new Date()));
  return 0;
}

/** `swarmops token revoke <prefix|id>`. */
export async function tokenRevokeCommand(ctx: Context, idOrPrefix: string): Promise<number> {
  const record = await withTokenStore(resolveDatabaseUrl(ctx), (store) => store.revoke(idOrPrefix));
  say(`revoked ${record.prefix} (${record.name}) at ${record.revokedAt?.toISOString() ?? 'an earlier time'}`);
  return 0;
}
