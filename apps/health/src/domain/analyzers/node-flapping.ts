import type { Analyzer } from '../analyzer.js';
import { nodeFacts, nodeSubject, okResult } from './cluster-results.js';

const ID = 'node.flapping';

/**
 * Nodes whose status changed at least `flapCount` times within `flapWindowMinutes`. Reported as `fail`
 * (severity medium) so that it is tracked as a failing check and a `drain-node` healing policy can act on it.
 */
export const nodeFlappingAnalyzer: Analyzer = {
  id: ID,
  title: 'nodes flapping between ready and down',
  subjectKind: 'node',
  analyze(snapshot, { now, settings }) {
    const windowStart = now.getTime() - settings.flapWindowMinutes * 60_000;
    const recent = snapshot.nodeStatusChanges.filter((c) => {
      const at = Date.parse(c.at);
      return at >= windowStart && at <= now.getTime();
    });
    const results = snapshot.nodes.flatMap((node) => {
      const changes = recent.filter((c) => c.nodeId === node.id).sort((a, b) => a.at.localeCompare(b.at));
      if (changes.length < settings.flapCount) return [];
      return [
        {
          id: ID,
          status: 'fail' as const,
          severity: 'medium' as const,
          subject: nodeSubject(node),
          message: `${node.hostname} changed status ${changes.length} times in the last ${settings.flapWindowMinutes} min; its tasks are rescheduled each time it drops out`,
          evidence: {
            ...nodeFacts(node),
            changes: changes.map((c) => ({ status: c.status, at: c.at })),
            count: changes.length,
            flapCount: settings.flapCount,
            windowMinutes: settings.flapWindowMinutes,
          },
          fix: `look for network loss or dockerd restarts on ${node.hostname} (its dockerd log, link errors); meanwhile keep tasks off it: docker node update --availability drain ${node.hostname}`,
        },
      ];
    });
    if (results.length > 0) return results;
    return [
      okResult(
        ID,
        `no node changed status ${settings.flapCount} times in the last ${settings.flapWindowMinutes} min`,
        {
          changesInWindow: recent.length,
        },
      ),
    ];
  },
};
