import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Msg } from '@nats-io/nats-core';
import type { RequestOptions } from '@swarmops/bus';
import {
  AppError,
  BackupEventDataSchema,
  BackupEventType,
  DEPLOY_TIMEOUT_DEFAULT_SECONDS,
  ErrorCode,
  ServiceRefSchema,
  StackNameSchema,
  eventSubject,
} from '@swarmops/contracts';
import type { BackupEventData } from '@swarmops/contracts';
import { eventData, relayProgress } from './event-progress.js';
import type { ProgressUpdate } from './event-progress.js';
import type { ToolContext } from './tool.js';

/** How long `backup_configs` waits for the archive (capture, pg_dump, write, store) before it stops waiting. */
export const BACKUP_CREATE_TIMEOUT_MS = 600_000;
/** How long a verify (read the archive back, capture the live cluster, plan) may take at least. */
export const BACKUP_VERIFY_TIMEOUT_MS = 60_000;
/** Slack over the restore's own convergence timeout, for the archive checks and the plan before it. */
export const RESTORE_SLACK_SECONDS = 60;

/** The bus options of a backup create: the archive is waited for whatever MCP_REQUEST_TIMEOUT_MS says. */
export function createOptions(ctx: Pick<ToolContext, 'timeoutMs' | 'signal'>): RequestOptions {
  return { timeoutMs: Math.max(ctx.timeoutMs, BACKUP_CREATE_TIMEOUT_MS), signal: ctx.signal };
}

/** The bus options of a verify (also the plan a restore's confirmation shows). */
export function verifyOptions(ctx: Pick<ToolContext, 'timeoutMs' | 'signal'>): RequestOptions {
  return { timeoutMs: Math.max(ctx.timeoutMs, BACKUP_VERIFY_TIMEOUT_MS), signal: ctx.signal };
}

/**
 * The bus options of a restore: the backup service applies one deployer group after another, each waiting
 * up to `timeoutSeconds` for convergence, so the gateway waits twice that plus slack before it gives up.
 */
export function restoreOptions(
  ctx: Pick<ToolContext, 'timeoutMs' | 'signal'>,
  timeoutSeconds: number | undefined,
): RequestOptions {
  const seconds = 2 * (timeoutSeconds ?? DEPLOY_TIMEOUT_DEFAULT_SECONDS) + RESTORE_SLACK_SECONDS;
  return { timeoutMs: Math.max(ctx.timeoutMs, seconds * 1000), signal: ctx.signal };
}

/** A backup id for a backup created now: `20261127T224100Z-3f9a1c2b` (UTC start, 8 random hex digits). */
export function newBackupId(now: Date, random: () => string = () => randomBytes(4).toString('hex')): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
  return `${stamp}-${random()}`;
}

/** `stacks` of backup_configs, verify_backup and restore_backup. */
export const StacksArg = z
  .array(StackNameSchema)
  .min(1)
  .max(200)
  .optional()
  .describe('Only these stacks (their services, networks, configs, secrets and compose versions).');

/** `services` of verify_backup and restore_backup. */
export const ServicesArg = z
  .array(ServiceRefSchema)
  .min(1)
  .max(1000)
  .optional()
  .describe('Only these services (by name, e.g. `shop_api`) and the networks, configs and secrets they use.');

/**
 * For a caller limited to stacks: the stack to authorize (the first one outside its scope, so the
 * pipeline refuses naming it, else the first one). A call covering the whole cluster, or selecting
 * services by name, is refused outright: it could reach objects of other stacks.
 */
export function stacksInScope(
  args: { stacks?: string[] | undefined; services?: string[] | undefined },
  ctx: Pick<ToolContext, 'principal'>,
  what: string,
): Promise<string> {
  const allowed = ctx.principal.stacks ?? [];
  const forbidden = (message: string) =>
    Promise.reject(
      new AppError(ErrorCode.FORBIDDEN, message, { details: { reason: 'stack_scope', stacks: allowed } }),
    );
  if (args.services !== undefined) {
    return forbidden(
      `forbidden: ${what} by \`services\` may reach other stacks' objects; this token is limited to the stacks ` +
        `${allowed.join(', ')}: pass \`stacks\` instead`,
    );
  }
  const stacks = args.stacks;
  if (stacks === undefined || stacks.length === 0) {
    return forbidden(
      `forbidden: ${what} of the whole cluster covers every stack, and this token is limited to the stacks ` +
        `${allowed.join(', ')}: pass \`stacks\``,
    );
  }
  return Promise.resolve(stacks.find((s) => !allowed.includes(s)) ?? stacks[0] ?? '');
}

/** Whether a backup (its `stacks`, null for everything) lies wholly within a caller's stacks. */
export function backupInScope(stacks: readonly string[] | null, scope: readonly string[] | null): boolean {
  if (scope === null) return true;
  return stacks !== null && stacks.length > 0 && stacks.every((s) => scope.includes(s));
}

/** The data of a backup or restore event, or undefined when the message is not one. */
export function backupEventOf(msg: Pick<Msg, 'json'>): BackupEventData | undefined {
  return eventData(msg, (data) => {
    const parsed = BackupEventDataSchema.safeParse(data);
    return parsed.success ? parsed.data : undefined;
  });
}

/** An event as an MCP progress update: `done` of `total`, the step in the message. */
export function progressUpdateOf(data: BackupEventData): ProgressUpdate {
  const message = data.message === '' ? data.step : `${data.step}: ${data.message}`;
  return { progress: data.done, total: data.total > 0 ? data.total : undefined, message };
}

/** Runs the backup create request while relaying `backup.progress` of `backupId` as MCP progress. */
export function withBackupProgress<T>(
  ctx: ToolContext,
  backupId: string,
  work: () => Promise<T>,
): Promise<T> {
  return relayProgress(
    ctx,
    eventSubject(BackupEventType.progress),
    (msg) => {
      const data = backupEventOf(msg);
      return data?.backupId === backupId && data.restoreId === null ? progressUpdateOf(data) : undefined;
    },
    work,
  );
}

/** Runs the restore request while relaying `backup.restore.progress` of `restoreId` as MCP progress. */
export function withRestoreProgress<T>(
  ctx: ToolContext,
  restoreId: string,
  work: () => Promise<T>,
): Promise<T> {
  return relayProgress(
    ctx,
    eventSubject(BackupEventType.restoreProgress),
    (msg) => {
      const data = backupEventOf(msg);
      return data?.restoreId === restoreId ? progressUpdateOf(data) : undefined;
    },
    work,
  );
}
