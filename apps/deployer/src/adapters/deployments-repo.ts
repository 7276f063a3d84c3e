import { and, desc, eq, inArray, lt, max, or, sql } from 'drizzle-orm';
import type pg from 'pg';
import { enqueueOutbox } from '@swarmops/bus';
import { AppError } from '@swarmops/contracts';
import type { Deployment, DeploymentStep, DeploymentSummary, EventEnvelope } from '@swarmops/contracts';
import { createDatabase, deployments, deploymentSteps, stackVersions } from '@swarmops/db';
import type { Database } from '@swarmops/db';

// The deployer's tables through drizzle. Status changes and their outbox events commit together.

/** A new deployment row. */
export interface NewDeployment {
  id: string;
  clusterId: string;
  stack: string;
  kind: Deployment['kind'];
  version: number;
  strategy: Deployment['strategy'];
  status: 'running' | 'planned';
  requestedBy: string | null;
  services: Deployment['services'];
  target: unknown;
  previous: unknown;
  owner: string;
}

/** How a deployment ends. */
export interface DeploymentEnd {
  status: 'succeeded' | 'failed' | 'rolled-back';
  error: string | null;
  services: Deployment['services'];
  recovery?: 'resumed' | 'rolled-back' | null;
}

/** A stored row with the fields recovery needs. */
export interface DeploymentRow extends DeploymentSummary {
  target: unknown;
  previous: unknown;
  owner: string;
  heartbeatAt: string;
}

/** One recorded compose file of a stack. */
export interface StackVersion {
  stack: string;
  version: number;
  compose: string;
  env: Record<string, string>;
  strategy: string;
  deploymentId: string;
  digests: Record<string, string>;
  deployedAt: string;
}

/** A step to append (its seq is assigned by the store). */
export type NewStep = Omit<DeploymentStep, 'seq' | 'at'> & { at?: Date };

export type DeploymentsRepo = ReturnType<typeof createDeploymentsRepo>;

const RUNNING_INDEX = 'deployments_one_running_per_stack_uq';

/** Creates the repository over a pool. */
export function createDeploymentsRepo(pool: pg.Pool) {
  const db: Database = createDatabase(pool);
  return {
    /**
     * Records a deployment (and, for `running`, its started event). A second running deployment of the
     * same stack is refused with CONFLICT carrying the running one's id.
     */
    async insert(row: NewDeployment, events: EventEnvelope[]): Promise<void> {
      try {
        await db.transaction(async (tx) => {
          await tx.insert(deployments).values({ ...row, startedAt: new Date(), heartbeatAt: new Date() });
          await enqueueOutbox(tx, events);
        });
      } catch (err) {
        if (constraintOf(err) === RUNNING_INDEX) {
          const running = await db
            .select({ id: deployments.id })
            .from(deployments)
            .where(
              and(
                eq(deployments.clusterId, row.clusterId),
                eq(deployments.stack, row.stack),
                eq(deployments.status, 'running'),
              ),
            );
          const id = running[0]?.id ?? null;
          throw new AppError(
            'CONFLICT',
            `stack ${row.stack} has a deployment running (${id ?? 'unknown'}); wait for it to end`,
            {
              cause: err,
              details: { deploymentId: id, stack: row.stack },
            },
          );
        }
        if (constraintOf(err) === 'deployments_pkey') {
          throw new AppError('CONFLICT', `deployment id ${row.id} is already used`, {
            cause: err,
            details: { deploymentId: row.id },
          });
        }
        throw err;
      }
    },

    /** Ends a running deployment and enqueues its final event in the same transaction. */
    async finish(id: string, end: DeploymentEnd, events: EventEnvelope[]): Promise<void> {
      await db.transaction(async (tx) => {
        await tx
          .update(deployments)
          .set({
            status: end.status,
            error: end.error,
            services: end.services,
            finishedAt: new Date(),
            ...(end.recovery === undefined ? {} : { recovery: end.recovery }),
          })
          .where(and(eq(deployments.id, id), eq(deployments.status, 'running')));
        await enqueueOutbox(tx, events);
      });
    },

    /** Appends a step; seq is the next free number of the deployment. */
    async addStep(deploymentId: string, step: NewStep): Promise<void> {
      await db.execute(sql`
        INSERT INTO deployment_steps (deployment_id, seq, at, name, status, message, subject, details)
        SELECT ${deploymentId}, coalesce(max(seq) + 1, 0), ${(step.at ?? new Date()).toISOString()}, ${step.name},
               ${step.status}, ${step.message}, ${step.subject}, ${step.details === undefined ? null : JSON.stringify(step.details)}::jsonb
        FROM deployment_steps WHERE deployment_id = ${deploymentId}`);
    },

    async heartbeat(ids: readonly string[], owner: string): Promise<void> {
      if (ids.length === 0) return;
      await db
        .update(deployments)
        .set({ heartbeatAt: new Date() })
        .where(
          and(
            eq(deployments.owner, owner),
            eq(deployments.status, 'running'),
            inArray(deployments.id, [...ids]),
          ),
        );
    },

    /** Running deployments whose heartbeat is older than `staleBefore`. */
    async listStale(clusterId: string, staleBefore: Date): Promise<DeploymentRow[]> {
      const rows = await db
        .select()
        .from(deployments)
        .where(
          and(
            eq(deployments.clusterId, clusterId),
            eq(deployments.status, 'running'),
            lt(deployments.heartbeatAt, staleBefore),
          ),
        );
      return rows.map(toRow);
    },

    /** Takes over an orphaned deployment; false when another deployer took it first. */
    async adopt(id: string, previousOwner: string, owner: string): Promise<boolean> {
      const rows = await db
        .update(deployments)
        .set({ owner, heartbeatAt: new Date() })
        .where(
          and(
            eq(deployments.id, id),
            eq(deployments.owner, previousOwner),
            eq(deployments.status, 'running'),
          ),
        )
        .returning({ id: deployments.id });
      return rows.length === 1;
    },

    async get(clusterId: string, id: string): Promise<Deployment | null> {
      const rows = await db
        .select()
        .from(deployments)
        .where(and(eq(deployments.clusterId, clusterId), eq(deployments.id, id)));
      const row = rows[0];
      if (row === undefined) return null;
      const steps = await db
        .select()
        .from(deploymentSteps)
        .where(eq(deploymentSteps.deploymentId, id))
        .orderBy(deploymentSteps.seq);
      return {
        ...toSummary(row),
        steps: steps.map((s) => ({
          seq: s.seq,
          at: s.at.toISOString(),
          name: s.name,
          status: s.status as DeploymentStep['status'],
          message: s.message,
          subject: s.subject,
          ...(s.details === null ? {} : { details: s.details }),
        })),
      };
    },

    async getRow(id: string): Promise<DeploymentRow | null> {
      const rows = await db.select().from(deployments).where(eq(deployments.id, id));
      return rows[0] === undefined ? null : toRow(rows[0]);
    },

    /** Newest first, keyset-paged by (started_at, id). */
    async list(
      clusterId: string,
      query: {
        limit: number;
        cursor?: string | undefined;
        stack?: string | undefined;
        status?: string | undefined;
      },
    ): Promise<{ items: DeploymentSummary[]; nextCursor: string | null }> {
      const filters = [eq(deployments.clusterId, clusterId)];
      if (query.stack !== undefined) filters.push(eq(deployments.stack, query.stack));
      if (query.status !== undefined) filters.push(eq(deployments.status, query.status));
      if (query.cursor !== undefined) {
        const [at, id] = decodeCursor(query.cursor);
        const when = new Date(at);
        filters.push(
          or(lt(deployments.startedAt, when), and(eq(deployments.startedAt, when), lt(deployments.id, id)))!,
        );
      }
      const rows = await db
        .select()
        .from(deployments)
        .where(and(...filters))
        .orderBy(desc(deployments.startedAt), desc(deployments.id))
        .limit(query.limit + 1);
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      const nextCursor =
        rows.length > query.limit && last !== undefined
          ? encodeCursor(last.startedAt.toISOString(), last.id)
          : null;
      return { items: page.map(toSummary), nextCursor };
    },

    async latestVersion(clusterId: string, stack: string): Promise<number> {
      const rows = await db
        .select({ v: max(stackVersions.version) })
        .from(stackVersions)
        .where(and(eq(stackVersions.clusterId, clusterId), eq(stackVersions.stack, stack)));
      return rows[0]?.v ?? 0;
    },

    async getVersion(clusterId: string, stack: string, version: number): Promise<StackVersion | null> {
      const rows = await db
        .select()
        .from(stackVersions)
        .where(
          and(
            eq(stackVersions.clusterId, clusterId),
            eq(stackVersions.stack, stack),
            eq(stackVersions.version, version),
          ),
        );
      const row = rows[0];
      return row === undefined ? null : { ...row, deployedAt: row.deployedAt.toISOString() };
    },

    /** Records a deployed compose file; an existing (stack, version) row is left as it is. */
    async insertVersion(clusterId: string, v: Omit<StackVersion, 'deployedAt'>): Promise<void> {
      await db
        .insert(stackVersions)
        .values({ clusterId, ...v })
        .onConflictDoNothing();
    },

    /** Puts back an archived compose file with its original date; false when that (stack, version) exists. */
    async restoreVersion(clusterId: string, v: StackVersion): Promise<boolean> {
      const rows = await db
        .insert(stackVersions)
        .values({ clusterId, ...v, deployedAt: new Date(v.deployedAt) })
        .onConflictDoNothing()
        .returning({ version: stackVersions.version });
      return rows.length === 1;
    },
  };
}

type Row = typeof deployments.$inferSelect;

function toSummary(row: Row): DeploymentSummary {
  return {
    id: row.id,
    stack: row.stack,
    kind: row.kind as DeploymentSummary['kind'],
    version: row.version,
    strategy: row.strategy as DeploymentSummary['strategy'],
    status: row.status as DeploymentSummary['status'],
    requestedBy: row.requestedBy,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    error: row.error,
    recovery: row.recovery as DeploymentSummary['recovery'],
    services: row.services as DeploymentSummary['services'],
  };
}

function toRow(row: Row): DeploymentRow {
  return {
    ...toSummary(row),
    target: row.target,
    previous: row.previous,
    owner: row.owner,
    heartbeatAt: row.heartbeatAt.toISOString(),
  };
}

function constraintOf(err: unknown): string | undefined {
  let e: unknown = err;
  for (let i = 0; i < 4 && e !== undefined && e !== null; i++) {
    const c = (e as { constraint?: string }).constraint;
    if (c !== undefined) return c;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function encodeCursor(at: string, id: string): string {
  return Buffer.from(JSON.stringify([at, id]), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  const refuse = () =>
    new AppError('INVALID_REQUEST', 'invalid `cursor`: not a cursor from a previous page', {
      details: { issues: [{ path: 'cursor', message: 'not a cursor from a previous page' }] },
    });
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === 2 && typeof key[0] === 'string' && typeof key[1] === 'string') {
      if (!Number.isNaN(Date.parse(key[0])) && /^[0-9a-f-]{36}$/i.test(key[1])) return [key[0], key[1]];
    }
  } catch {
    throw refuse();
  }
  throw refuse();
}
