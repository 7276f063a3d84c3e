import { clusterSummary } from './cluster-summary.js';
import { getAuditLog } from './get-audit-log.js';
import { inspectService } from './inspect-service.js';
import { inspectStack } from './inspect-stack.js';
import { listNodes } from './list-nodes.js';
import { listServices } from './list-services.js';
import { listStacks } from './list-stacks.js';
import { listTasks } from './list-tasks.js';
import type { ToolDefinition } from './tool.js';

export { defineTool, READ_ONLY } from './tool.js';
export type { AuditReader, ToolContext, ToolDefinition, ToolHints } from './tool.js';
export { NodeItemSchema, toNodeItem } from './list-nodes.js';

/** Every tool the gateway serves. Later issues add theirs here. */
export const TOOLS: readonly ToolDefinition[] = [
  listNodes,
  listServices,
  inspectService,
  listTasks,
  listStacks,
  inspectStack,
  clusterSummary,
  getAuditLog,
];
