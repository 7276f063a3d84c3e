import type pg from 'pg';
import { AppError, ErrorCode } from '@swarmops/contracts';
import type {
  ClusterSummary,
  ConfigMeta,
  InventoryRpc,
  Network,
  Node,
  RpcRequest,
  SecretMeta,
  Service,
  ServiceDetail,
  Stack,
  Task,
} from '@swarmops/contracts';
import { CURRENT_CLUSTER_SQL } from './inventory-reader-cluster.js';
import { labelClause, substringClause } from './inventory-reader-filters.js';
import { keysetQuery, SqlWhere, toPage } from './inventory-reader-paging.js';
import type { Page } from './inventory-reader-paging.js';
import { readServiceDetail } from './inventory-reader-service-detail.js';
import { readClusterSummary } from './inventory-reader-summary.js';

type Req<K extends keyof typeof InventoryRpc> = RpcRequest<(typeof InventoryRpc)[K]>;
type NamedListRequest = Req<'networksList'>;

/** Read queries over the inventory tables; never touches Docker. */
export interface InventoryReader {
  listNodes(req: Req<'nodesList'>): Promise<Page<Node>>;
  getNode(idOrHostname: string): Promise<Node>;
  listServices(req: Req<'servicesList'>): Promise<Page<Service>>;
  getService(idOrName: string): Promise<ServiceDetail>;
  listTasks(req: Req<'tasksList'>): Promise<Page<Task>>;
  listStacks(req: Req<'stacksList'>): Promise<Page<Stack>>;
  getStack(name: string): Promise<Stack>;
  listNetworks(req: NamedListRequest): Promise<Page<Network>>;
  listConfigs(req: NamedListRequest): Promise<Page<ConfigMeta>>;
  listSecrets(req: NamedListRequest): Promise<Page<SecretMeta>>;
  summary(): Promise<ClusterSummary>;
}

/** Creates the reader over `pool`: every query is scoped to the current swarm. */
export function createInventoryReader({ pool }: { pool: pg.Pool }): InventoryReader {
  const inCluster = () => new SqlWhere().and(() => `cluster_id = ${CURRENT_CLUSTER_SQL}`);

  async function page<T>(
    table: string,
    keyColumns: readonly string[],
    where: SqlWhere,
    req: { limit: number; cursor?: string | undefined },
    docSql?: string,
  ): Promise<Page<T>> {
    const query = keysetQuery({ table, keyColumns, where, limit: req.limit, cursor: req.cursor, docSql });
    const { rows } = await pool.query<Record<string, unknown>>(query);
    return toPage<T>(rows, req.limit, keyColumns.length);
  }

  async function one<T>(sql: string, params: unknown[], notFound: () => AppError): Promise<T> {
    const { rows } = await pool.query<{ doc: T }>(sql, params);
    const row = rows[0];
    if (row === undefined) throw notFound();
    return row.doc;
  }

  function namedList<T>(table: string, idColumn: string, req: NamedListRequest): Promise<Page<T>> {
    const where = inCluster();
    if (req.stack !== undefined) where.and((p) => `stack = ${p(req.stack)}`);
    if (req.label !== undefined) where.and((p) => labelClause('labels', req.label ?? '', p));
    return page<T>(table, ['name', idColumn], where, req);
  }

  return {
    listNodes(req) {
      const where = inCluster();
      if (req.role !== undefined) where.and((p) => `role = ${p(req.role)}`);
      if (req.status !== undefined) where.and((p) => `status = ${p(req.status)}`);
      if (req.label !== undefined) where.and((p) => labelClause('labels', req.label ?? '', p));
      return page<Node>('nodes', ['hostname', 'node_id'], where, req);
    },
    getNode(id) {
      return one<Node>(
        `SELECT doc FROM nodes WHERE cluster_id = ${CURRENT_CLUSTER_SQL} AND (node_id = $1 OR hostname = $1)
         ORDER BY (node_id = $1) DESC, node_id LIMIT 1`,
        [id],
        () => notFound('node', 'id', id),
      );
    },
    listServices(req) {
      const where = inCluster();
      if (req.stack !== undefined) where.and((p) => `stack = ${p(req.stack)}`);
      if (req.name !== undefined) where.and((p) => substringClause('name', req.name ?? '', p));
      if (req.label !== undefined) where.and((p) => labelClause('labels', req.label ?? '', p));
      // `includeSpec` adds the raw Docker spec (health reads mounts, capabilities and reservations from it).
      const docSql = req.includeSpec === true ? `doc || jsonb_build_object('spec', spec)` : undefined;
      return page<Service>('services', ['name', 'service_id'], where, req, docSql);
    },
    async getService(id) {
      const detail = await readServiceDetail(pool, id);
      if (detail === null) throw notFound('service', 'id', id);
      return detail;
    },
    listTasks(req) {
      const where = inCluster();
      if (req.service !== undefined) {
        where.and((p) => {
          const s = p(req.service);
          return `service_id = ${s} OR service_id IN (SELECT service_id FROM services
            WHERE cluster_id = ${CURRENT_CLUSTER_SQL} AND name = ${s})`;
        });
      }
      if (req.node !== undefined) {
        where.and((p) => {
          const n = p(req.node);
          return `node_id = ${n} OR node_id IN (SELECT node_id FROM nodes
            WHERE cluster_id = ${CURRENT_CLUSTER_SQL} AND hostname = ${n})`;
        });
      }
      if (req.state !== undefined) where.and((p) => `state = ${p(req.state)}`);
      return page<Task>('tasks', ['service_id', 'task_id'], where, req);
    },
    listStacks(req) {
      return page<Stack>('stacks', ['name'], inCluster(), req);
    },
    getStack(name) {
      return one<Stack>(
        `SELECT doc FROM stacks WHERE cluster_id = ${CURRENT_CLUSTER_SQL} AND name = $1`,
        [name],
        () => notFound('stack', 'name', name),
      );
    },
    listNetworks: (req) => namedList<Network>('networks', 'network_id', req),
    listConfigs: (req) => namedList<ConfigMeta>('configs', 'config_id', req),
    listSecrets: (req) => namedList<SecretMeta>('secrets', 'secret_id', req),
    summary: () => readClusterSummary(pool),
  };
}

function notFound(kind: string, field: string, value: string): AppError {
  return new AppError(ErrorCode.NOT_FOUND, `${kind} \`${value}\` not found`, {
    details: { kind, [field]: value },
  });
}
