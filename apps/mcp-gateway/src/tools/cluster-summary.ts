import { z } from 'zod';
import { request } from '@swarmops/bus';
import { ClusterSummarySchema, InventoryRpc, Role } from '@swarmops/contracts';
import { bound } from './render.js';
import { READ_ONLY, busOptions, defineTool } from './tool.js';

export const clusterSummary = defineTool({
  name: 'cluster_summary',
  title: 'Cluster summary',
  description:
    'One-call overview of the swarm: counts of nodes (managers, workers, ready), services, tasks (running), ' +
    'stacks, networks, configs and secrets; the managers with leader and reachability; engine versions; and ' +
    'when inventory last reconciled. Use it first when asked how the cluster is doing, then drill down with ' +
    'list_nodes, list_services or list_tasks.',
  input: z.strictObject({}),
  output: ClusterSummarySchema,
  annotations: READ_ONLY,
  requiredRole: Role.viewer,
  calls: [InventoryRpc.clusterSummary.subject],
  run: (_args, ctx) => request(ctx.nc, InventoryRpc.clusterSummary, {}, busOptions(ctx)),
  render: (s) => {
    const c = s.counts;
    return bound(
      [
        `cluster ${s.clusterId}: ${c.nodes} nodes (${c.managers} managers, ${c.workers} workers, ${c.nodesReady} ready)`,
        `${c.services} services, ${c.tasksRunning}/${c.tasks} tasks running, ${c.stacks} stacks, ${c.networks} networks, ${c.configs} configs, ${c.secrets} secrets`,
        `leader: ${s.leader === null ? 'none' : s.leader.hostname}`,
        ...s.managers.map(
          (m) => `- manager ${m.hostname} ${m.status} ${m.reachability}${m.leader ? ' (leader)' : ''}`,
        ),
        `last reconcile: ${s.lastReconcileAt ?? 'never'}`,
      ].join('\n'),
    );
  },
});
