import type { Analyzer } from '../analyzer.js';
import { activeTasksOn, nodeFacts, nodeSubject, okResult } from './cluster-results.js';

const ID = 'node.availability';

/** Nodes that are paused (no new tasks) or drained (tasks moved away). */
export const nodeAvailabilityAnalyzer: Analyzer = {
  id: ID,
  title: 'nodes paused or drained',
  subjectKind: 'node',
  analyze(snapshot) {
    const active = snapshot.nodes.filter((n) => n.availability === 'active');
    const results = snapshot.nodes
      .filter((n) => n.availability !== 'active')
      .map((node) => {
        const tasks = activeTasksOn(snapshot.tasks, node.id);
        const effect =
          node.availability === 'drain'
            ? 'takes no tasks and its tasks were moved to other nodes'
            : 'takes no new tasks';
        return {
          id: ID,
          status: 'warn' as const,
          // No active node left means nothing can be scheduled anywhere.
          severity: active.length === 0 ? ('high' as const) : ('low' as const),
          subject: nodeSubject(node),
          message: `${node.role} ${node.hostname} is ${node.availability === 'drain' ? 'drained' : 'paused'}: it ${effect}`,
          evidence: {
            ...nodeFacts(node),
            tasksStillAssigned: tasks.length,
            activeNodes: active.length,
            nodes: snapshot.nodes.length,
          },
          fix: `when its maintenance is over: docker node update --availability active ${node.hostname}`,
        };
      });
    if (results.length > 0) return results;
    return [okResult(ID, `all ${snapshot.nodes.length} nodes are active`, { nodes: snapshot.nodes.length })];
  },
};
