import type { InventoryKind } from '@swarmops/contracts';
import type { Doc, Entry } from '../domain/index.js';

/** One column a reconcile writes: its SQL type and how it is read from an entry. */
interface Column {
  name: string;
  type: 'text' | 'jsonb' | 'int';
  value: (entry: Entry) => unknown;
}

/** How one kind is stored: its table, id column and the columns beside `cluster_id`. */
export interface KindTable {
  table: string;
  idColumn: string;
  columns: readonly Column[];
  /** The display name of a stored row (used in events of removed objects). */
  nameOf: (doc: Doc) => string;
}

const text = (name: string, field: string): Column => ({
  name,
  type: 'text',
  value: (e) => e.doc[field] ?? null,
});
const id = (name: string): Column => ({ name, type: 'text', value: (e) => e.id });
const labels: Column = { name: 'labels', type: 'jsonb', value: (e) => e.doc.labels ?? {} };
const version: Column = { name: 'version', type: 'int', value: (e) => e.version ?? 0 };
const doc: Column = { name: 'doc', type: 'jsonb', value: (e) => e.doc };
const str = (value: unknown, fallback: string): string => (typeof value === 'string' ? value : fallback);
const byName = (d: Doc) => str(d.name, str(d.id, ''));

/** Where each kind lives. Stacks write only `doc`: compose file, version and deploy time are the deployer's. */
export const KIND_TABLES: Record<InventoryKind, KindTable> = {
  node: {
    table: 'nodes',
    idColumn: 'node_id',
    columns: [
      id('node_id'),
      text('hostname', 'hostname'),
      text('role', 'role'),
      text('status', 'status'),
      text('availability', 'availability'),
      labels,
      version,
      doc,
    ],
    nameOf: (d) => str(d.hostname, str(d.id, '')),
  },
  service: {
    table: 'services',
    idColumn: 'service_id',
    columns: [
      id('service_id'),
      text('name', 'name'),
      text('stack', 'stack'),
      labels,
      version,
      { name: 'spec', type: 'jsonb', value: (e) => e.spec ?? {} },
      doc,
    ],
    nameOf: byName,
  },
  task: {
    table: 'tasks',
    idColumn: 'task_id',
    columns: [
      id('task_id'),
      text('service_id', 'serviceId'),
      text('node_id', 'nodeId'),
      text('state', 'state'),
      text('desired_state', 'desiredState'),
      version,
      doc,
    ],
    nameOf: (d) =>
      `${str(d.serviceName, str(d.serviceId, ''))}.${typeof d.slot === 'number' ? d.slot : str(d.nodeId, str(d.id, ''))}`,
  },
  stack: { table: 'stacks', idColumn: 'name', columns: [id('name'), doc], nameOf: byName },
  network: {
    table: 'networks',
    idColumn: 'network_id',
    columns: [id('network_id'), text('name', 'name'), text('stack', 'stack'), labels, doc],
    nameOf: byName,
  },
  config: {
    table: 'configs',
    idColumn: 'config_id',
    columns: [id('config_id'), text('name', 'name'), text('stack', 'stack'), labels, version, doc],
    nameOf: byName,
  },
  secret: {
    table: 'secrets',
    idColumn: 'secret_id',
    columns: [id('secret_id'), text('name', 'name'), text('stack', 'stack'), labels, version, doc],
    nameOf: byName,
  },
};

/** `INSERT ... SELECT FROM jsonb_to_recordset($2) ON CONFLICT DO UPDATE`: every row in one statement. */
export function upsertSql(t: KindTable): string {
  const names = t.columns.map((c) => c.name);
  const record = t.columns.map((c) => `${c.name} ${c.type === 'int' ? 'integer' : c.type}`).join(', ');
  const updates = names.filter((n) => n !== t.idColumn).map((n) => `${n} = excluded.${n}`);
  return (
    `INSERT INTO ${t.table} (cluster_id, ${names.join(', ')}, updated_at) ` +
    `SELECT $1, ${names.map((n) => `r.${n}`).join(', ')}, $3 FROM jsonb_to_recordset($2::jsonb) AS r(${record}) ` +
    `ON CONFLICT (cluster_id, ${t.idColumn}) DO UPDATE SET ${[...updates, 'updated_at = excluded.updated_at'].join(', ')}`
  );
}

/** The JSON records {@link upsertSql} reads. */
export function upsertRecords(t: KindTable, entries: readonly Entry[]): Array<Record<string, unknown>> {
  return entries.map((e) => Object.fromEntries(t.columns.map((c) => [c.name, c.value(e)])));
}

/** `DELETE ... WHERE id = ANY($2)`: every row in one statement. */
export function deleteSql(t: KindTable): string {
  return `DELETE FROM ${t.table} WHERE cluster_id = $1 AND ${t.idColumn} = ANY($2::text[])`;
}

/** Reads the stored rows of a kind, optionally only the tasks of some services. */
export function selectSql(t: KindTable, byServiceIds: boolean): string {
  const spec = t.table === 'services' ? ', spec' : '';
  const ver = t.columns.some((c) => c.name === 'version') ? ', version' : '';
  const filter = byServiceIds ? ' AND service_id = ANY($2::text[])' : '';
  return `SELECT ${t.idColumn} AS id, doc${spec}${ver}, updated_at FROM ${t.table} WHERE cluster_id = $1${filter}`;
}
