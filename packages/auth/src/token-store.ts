import { randomUUID } from 'node:crypto';
import { and, desc, eq, or } from 'drizzle-orm';
import type pg from 'pg';
import { AppError, ErrorCode, RoleSchema, parseOrThrow } from '@swarmops/contracts';
import type { Role } from '@swarmops/contracts';
import { apiTokens, createDatabase } from '@swarmops/db';
import { authFailure } from './auth-failure.js';
import { parseDuration } from './duration.js';
import { generateToken, hashesEqual, hashToken, parseTokenPrefix } from './token-format.js';
import { tokenUnusableReason } from './token-record.js';
import type { TokenRecord } from './token-record.js';
import { createVerifyCache } from './verify-cache.js';

/** What {@link TokenStore.create} takes. */
export interface CreateTokenInput {
  name: string;
  role: Role;
  /** Limit the token to these stacks; omit (or empty) for every stack. */
  stacks?: readonly string[];
  /** Lifetime: milliseconds, or text such as `90d`, `12h`; omit for a token that never expires. */
  expiresIn?: number | string;
  /** Who creates it (OS user, `up`, a principal id). Default `cli`. */
  createdBy?: string;
}

/** The personal access token store; see {@link createTokenStore}. */
export interface TokenStore {
  /** Creates a token; `token` is the secret, shown once and never stored. */
  create(input: CreateTokenInput): Promise<{ token: string; record: TokenRecord }>;
  /** Every token of the cluster, newest first, revoked ones included. */
  list(): Promise<TokenRecord[]>;
  /** Revokes by id, `swo_<id>` prefix, or the bare 8-character id; idempotent. NOT_FOUND if none. */
  revoke(idOrPrefix: string): Promise<TokenRecord>;
  /** Checks a presented secret; throws UNAUTHORIZED (malformed, unknown, revoked, expired). */
  verify(secret: string): Promise<TokenRecord>;
  /** Waits for pending `last_used_at` writes (call before closing the pool). */
  flush(): Promise<void>;
}

/** Options of {@link createTokenStore}. */
export interface TokenStoreOptions {
  clusterId?: string;
  now?: () => Date;
  /** Write `last_used_at` at most this often per token, in milliseconds. Default 60000. */
  touchIntervalMs?: number;
  /** Called when a `last_used_at` write fails (it never fails the call). */
  onTouchError?: (err: unknown) => void;
  /**
   * Milliseconds `verify` may answer a token it already verified from memory instead of the
   * database. Default 0 (always look up). Expiry is still checked on every call, and `revoke` on
   * this store forgets the token at once; a revocation made elsewhere (another process, the CLI)
   * is seen after at most this long.
   */
  verifyCacheMs?: number;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NAME_MAX = 200;

type Row = typeof apiTokens.$inferSelect;

function toRecord(row: Row): TokenRecord {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    role: RoleSchema.parse(row.role),
    stacks: row.stacks ?? null,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
    lastUsedAt: row.lastUsedAt,
    createdBy: row.createdBy,
  };
}

function lifetimeMs(expiresIn: number | string): number {
  const ms = typeof expiresIn === 'number' ? expiresIn : parseDuration(expiresIn);
  if (ms === null || !Number.isFinite(ms) || ms <= 0) {
    throw new AppError(ErrorCode.INVALID_REQUEST, `expiresIn: expected a lifetime like 90d, 12h or 30m`, {
      details: { issues: [{ path: 'expiresIn', message: 'expected a lifetime like 90d, 12h or 30m' }] },
    });
  }
  return ms;
}

function checkInput(input: CreateTokenInput): void {
  parseOrThrow(RoleSchema, input.role, 'role');
  if (input.name.trim() === '' || input.name.length > NAME_MAX) {
    throw new AppError(ErrorCode.INVALID_REQUEST, `name: expected 1 to ${NAME_MAX} characters`);
  }
  for (const stack of input.stacks ?? []) {
    if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,254}$/.test(stack)) {
      throw new AppError(ErrorCode.INVALID_REQUEST, `stacks: "${stack}" is not a stack name`);
    }
  }
}

/**
 * The personal access token store on the `api_tokens` table. Only the sha256 of each token is
 * stored; `verify` looks the token up by its visible prefix and compares hashes in constant time.
 *
 * @example
 * const tokens = createTokenStore(pool);
 * const { token } = await tokens.create({ name: 'ci', role: 'viewer', expiresIn: '90d' });
 */
export function createTokenStore(pool: pg.Pool, options: TokenStoreOptions = {}): TokenStore {
  const {
    clusterId = 'local',
    now = () => new Date(),
    touchIntervalMs = 60_000,
    verifyCacheMs = 0,
  } = options;
  const db = createDatabase(pool);
  const verified = createVerifyCache(verifyCacheMs);
  const lastTouch = new Map<string, number>();
  const pending = new Set<Promise<void>>();

  function touch(id: string): void {
    const at = now();
    const previous = lastTouch.get(id);
    if (previous !== undefined && at.getTime() - previous < touchIntervalMs) return;
    lastTouch.set(id, at.getTime());
    const write = db
      .update(apiTokens)
      .set({ lastUsedAt: at })
      .where(eq(apiTokens.id, id))
      .then(
        () => undefined,
        (err: unknown) => options.onTouchError?.(err),
      )
      .finally(() => pending.delete(write));
    pending.add(write);
  }

  return {
    async create(input) {
      checkInput(input);
      const at = now();
      const expiresAt =
        input.expiresIn === undefined ? null : new Date(at.getTime() + lifetimeMs(input.expiresIn));
      const stacks = input.stacks && input.stacks.length > 0 ? [...new Set(input.stacks)] : null;
      for (let attempt = 0; ; attempt++) {
        const { token, prefix } = generateToken();
        const rows = await db
          .insert(apiTokens)
          .values({
            id: randomUUID(),
            clusterId,
            name: input.name.trim(),
            prefix,
            hash: hashToken(token),
            role: input.role,
            stacks,
            createdAt: at,
            expiresAt,
            createdBy: input.createdBy ?? 'cli',
          })
          .onConflictDoNothing()
          .returning();
        const row = rows[0];
        if (row) return { token, record: toRecord(row) };
        if (attempt >= 3) throw new AppError(ErrorCode.CONFLICT, 'could not allocate a unique token prefix');
      }
    },

    async list() {
      const rows = await db
        .select()
        .from(apiTokens)
        .where(eq(apiTokens.clusterId, clusterId))
        .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
      return rows.map(toRecord);
    },

    async revoke(idOrPrefix) {
      const key = idOrPrefix.trim();
      const prefix = key.startsWith('swo_') ? key : `swo_${key}`;
      const match = UUID_RE.test(key)
        ? or(eq(apiTokens.id, key), eq(apiTokens.prefix, prefix))
        : eq(apiTokens.prefix, prefix);
      const rows = await db
        .select()
        .from(apiTokens)
        .where(and(eq(apiTokens.clusterId, clusterId), match));
      const row = rows[0];
      if (!row) throw new AppError(ErrorCode.NOT_FOUND, `no token with id or prefix ${key}`);
      verified.forgetToken(row.id);
      if (row.revokedAt !== null) return toRecord(row);
      const updated = await db
        .update(apiTokens)
        .set({ revokedAt: now() })
        .where(eq(apiTokens.id, row.id))
        .returning();
      return toRecord(updated[0] ?? row);
    },

    async verify(secret) {
      const prefix = parseTokenPrefix(secret);
      if (prefix === null) throw authFailure('malformed');
      const hash = hashToken(secret);
      const at = now();
      let record = verified.get(hash, at.getTime());
      if (record === undefined) {
        const rows = await db
          .select()
          .from(apiTokens)
          .where(and(eq(apiTokens.clusterId, clusterId), eq(apiTokens.prefix, prefix)));
        const row = rows[0];
        if (!row || !hashesEqual(row.hash, hash)) throw authFailure('unknown');
        record = toRecord(row);
        // Only a fresh read starts the window, so a busy token is still re-read every verifyCacheMs.
        if (tokenUnusableReason(record, at) === null) verified.set(hash, record, at.getTime());
      }
      const reason = tokenUnusableReason(record, at);
      if (reason !== null) throw authFailure(reason);
      touch(record.id);
      return record;
    },

    async flush() {
      await Promise.all([...pending]);
    },
  };
}
