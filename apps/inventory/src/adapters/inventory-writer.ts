import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { enqueueOutbox } from '@swarmops/bus';
import { createEvent } from '@swarmops/contracts';
import type { EventEnvelope, InventoryKind } from '@swarmops/contracts';
import {
  diffSnapshot,
  eventsFor,
  KINDS,
  loadScopeOf,
  planNext,
  preferFresher,
  swarmFacts,
} from '../domain/index.js';
import type { Change, Entry, LoadScope, Observation, Snapshot } from '../domain/index.js';
import { deleteSql, KIND_TABLES, selectSql, upsertRecords, upsertSql } from './inventory-writer-tables.js';

/** One write of what Docker showed. */
export interface ApplyInput {
  clusterId: string;
  observation: Observation;
  /** Set for a full reconcile: records `last_reconcile_at` and its duration since this time. */
  reconcileStartedAt?: Date;
  /**
   * When the Docker read began. Rows written after it (by a newer read, e.g. another process) are
   * left as they are. Default: no guard.
   */
  observedAt?: Date;
  /** Newest Docker event time applied (ns since the epoch), persisted so a restart resumes after it. */
  eventsSince?: bigint;
}

/** What one apply did. */
export interface ApplyResult {
  changes: Change[];
  events: EventEnvelope[];
  /** Objects per kind after the apply, for the kinds it loaded completely. */
  counts: Partial<Record<InventoryKind, number>>;
}

/** The persisted progress of a cluster. */
export interface StoredState {
  eventsSince?: bigint;
  lastChangeAt?: Date;
}

/** Writes diffs of the cluster to PostgreSQL, serialized per cluster. */
export interface InventoryWriter {
  apply(input: ApplyInput): Promise<ApplyResult>;
  /** What a restart resumes from: the persisted Docker event time and the last change time. */
  readState(clusterId: string): Promise<StoredState>;
}

/** Options of {@link createInventoryWriter}. */
export interface InventoryWriterOptions {
  pool: pg.Pool;
  now?: () => Date;
  newId?: () => string;
  /** `source` of every event. */
  source?: string;
  /** Test seam: runs after every write of the transaction, just before COMMIT. Throwing aborts it all. */
  beforeCommit?: (result: ApplyResult) => Promise<void> | void;
}

/**
 * Applies observations in ONE transaction each: lock the cluster's `cluster_state` row, read the
 * stored rows inside the lock, diff, write batched deletes and upserts, enqueue one outbox event
 * per change, update `cluster_state`, commit. Two writers (in one process or two) are serialized
 * by the row lock and each diffs against what the other committed, so no change is announced twice.
 */
export function createInventoryWriter({
  pool,
  now = () => new Date(),
  newId = randomUUID,
  source = 'inventory',
  beforeCommit,
}: InventoryWriterOptions): InventoryWriter {
  return {
    async apply(input) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await applyInTransaction(client, input, { now, newId, source });
        await beforeCommit?.(result);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async readState(clusterId) {
      const { rows } = await pool.query<{ events_since: string | null; last_change_at: Date | null }>(
        'SELECT events_since, last_change_at FROM cluster_state WHERE cluster_id = $1',
        [clusterId],
      );
      const state: StoredState = {};
      const row = rows[0];
      if (row?.events_since) state.eventsSince = BigInt(row.events_since);
      if (row?.last_change_at) state.lastChangeAt = row.last_change_at;
      return state;
    },
  };
}

interface Deps {
  now: () => Date;
  newId: () => string;
  source: string;
}

async function applyInTransaction(
  client: pg.PoolClient,
  input: ApplyInput,
  deps: Deps,
): Promise<ApplyResult> {
  const { clusterId, observation } = input;
  await lockCluster(client, clusterId);
  const scope = loadScopeOf(observation);
  const stored = await loadStored(client, clusterId, scope);
  const planned = planNext(stored, observation);
  const next = input.observedAt ? preferFresher(stored, planned, input.observedAt.getTime()) : planned;
  const changes = diffSnapshot(stored, next);
  const at = deps.now();
  const events = changes
    .flatMap(eventsFor)
    .map((event) =>
      createEvent(
        { newId: deps.newId, now: () => at },
        { type: event.type, source: deps.source, clusterId, data: event.data },
      ),
    );
  await writeChanges(client, clusterId, changes, at);
  await enqueueOutbox(client, events);
  await updateClusterState(client, input, changes.length > 0, at);
  const counts: ApplyResult['counts'] = {};
  for (const kind of KINDS) {
    const loadedAll = kind === 'task' ? scope.task === 'all' : scope[kind];
    if (loadedAll && next[kind]) counts[kind] = next[kind].size;
  }
  return { changes, events, counts };
}

/** Creates the cluster's row if needed, then holds its lock until the transaction ends. */
async function lockCluster(client: pg.PoolClient, clusterId: string): Promise<void> {
  await client.query(
    `INSERT INTO cluster_state (cluster_id, swarm) VALUES ($1, '{}'::jsonb) ON CONFLICT (cluster_id) DO NOTHING`,
    [clusterId],
  );
  await client.query('SELECT cluster_id FROM cluster_state WHERE cluster_id = $1 FOR UPDATE', [clusterId]);
}

async function loadStored(client: pg.PoolClient, clusterId: string, scope: LoadScope): Promise<Snapshot> {
  const stored: Snapshot = {};
  for (const kind of KINDS) {
    const wanted = scope[kind];
    if (wanted === false) continue;
    const t = KIND_TABLES[kind];
    const byService = kind === 'task' && Array.isArray(wanted);
    const { rows } = await client.query<{
      id: string;
      doc: Entry['doc'];
      spec?: Entry['doc'];
      version?: number;
      updated_at: Date;
    }>(selectSql(t, byService), byService ? [clusterId, wanted] : [clusterId]);
    stored[kind] = new Map(
      rows.map((r) => {
        const entry: Entry = {
          id: r.id,
          name: t.nameOf(r.doc),
          doc: r.doc,
          writtenAt: r.updated_at.getTime(),
        };
        if (r.spec !== undefined) entry.spec = r.spec;
        if (r.version !== undefined) entry.version = r.version;
        return [r.id, entry];
      }),
    );
  }
  return stored;
}

async function writeChanges(
  client: pg.PoolClient,
  clusterId: string,
  changes: Change[],
  at: Date,
): Promise<void> {
  for (const kind of KINDS) {
    const t = KIND_TABLES[kind];
    const ofKind = changes.filter((c) => c.kind === kind);
    const deletes = ofKind.filter((c) => c.op === 'delete').map((c) => c.id);
    const upserts = ofKind.flatMap((c) => (c.entry ? [c.entry] : []));
    if (deletes.length > 0) await client.query(deleteSql(t), [clusterId, deletes]);
    if (upserts.length > 0) {
      await client.query(upsertSql(t), [clusterId, JSON.stringify(upsertRecords(t, upserts)), at]);
    }
  }
}

async function updateClusterState(
  client: pg.PoolClient,
  input: ApplyInput,
  changed: boolean,
  at: Date,
): Promise<void> {
  const swarm = input.observation.swarm ? swarmFacts(input.observation.swarm) : null;
  const started = input.reconcileStartedAt;
  await client.query(
    `UPDATE cluster_state SET
       swarm = COALESCE($2::jsonb, swarm),
       last_change_at = CASE WHEN $3::boolean THEN $4::timestamptz ELSE last_change_at END,
       last_reconcile_at = CASE WHEN $5::boolean THEN $4::timestamptz ELSE last_reconcile_at END,
       last_reconcile_ms = CASE WHEN $5::boolean THEN $6::integer ELSE last_reconcile_ms END,
       events_since = CASE WHEN events_since IS NULL OR $7::numeric > events_since::numeric
                           THEN COALESCE($7::text, events_since) ELSE events_since END,
       updated_at = $4::timestamptz
     WHERE cluster_id = $1`,
    [
      input.clusterId,
      swarm === null ? null : JSON.stringify(swarm),
      changed,
      at,
      started !== undefined,
      started === undefined ? null : Math.max(0, Math.round(at.getTime() - started.getTime())),
      input.eventsSince === undefined ? null : input.eventsSince.toString(),
    ],
  );
}
