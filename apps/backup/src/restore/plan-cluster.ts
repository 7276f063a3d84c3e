import type { RestorePlanItem } from '@swarmops/contracts';
import type { ClusterState } from '../domain/cluster-state.js';
import { fieldChanges } from './field-changes.js';
import { swarmSettings } from './swarm-settings.js';

/** The swarm settings item: update when they differ; says so when restoring into another swarm. */
export function planSwarm(archive: ClusterState, live: ClusterState): RestorePlanItem[] {
  if (archive.swarm === null) return [];
  const other =
    archive.clusterId === live.clusterId
      ? undefined
      : `restoring into another swarm: the backup is of ${archive.clusterId}, this swarm is ${live.clusterId}`;
  const base = { kind: 'swarm', name: 'swarm', stack: null } as const;
  if (live.swarm === null) {
    return [{ ...base, action: 'skip', reason: 'the settings of this swarm could not be read' }];
  }
  const changes = fieldChanges(swarmSettings(live.swarm.spec), swarmSettings(archive.swarm.spec));
  const item: RestorePlanItem =
    changes.length === 0 ? { ...base, action: 'unchanged' } : { ...base, action: 'update', changes };
  return [other === undefined ? item : { ...item, reason: other }];
}

/** One item per archived node, matched to a live node by hostname: labels and availability. */
export function planNodes(archive: ClusterState, live: ClusterState): RestorePlanItem[] {
  return [...archive.nodes]
    .sort((a, b) => a.hostname.localeCompare(b.hostname))
    .map((node): RestorePlanItem => {
      const base = { kind: 'node', name: node.hostname, stack: null } as const;
      const match = live.nodes.find((n) => n.hostname === node.hostname);
      if (match === undefined) {
        return {
          ...base,
          action: 'skip',
          reason: `no node with hostname ${node.hostname} in this swarm: node labels and availability restore only onto a node of the same hostname`,
        };
      }
      const changes = fieldChanges(
        { labels: match.labels, availability: match.availability },
        { labels: node.labels, availability: node.availability },
      );
      return changes.length === 0 ? { ...base, action: 'unchanged' } : { ...base, action: 'update', changes };
    });
}
