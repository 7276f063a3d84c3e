import { analyzeMetrics } from './analyze-metrics.js';
import { backupConfigs } from './backup-configs.js';
import { clusterSummary } from './cluster-summary.js';
import { deployStack } from './deploy-stack.js';
import { diagnoseService } from './diagnose-service.js';
import { executeHealthCheck } from './execute-health-check.js';
import { getAuditLog } from './get-audit-log.js';
import { getDeployment } from './get-deployment.js';
import { getHealthReport } from './get-health-report.js';
import { getServiceUsage } from './get-service-usage.js';
import { inspectService } from './inspect-service.js';
import { inspectStack } from './inspect-stack.js';
import { listNodes } from './list-nodes.js';
import { listServices } from './list-services.js';
import { listStacks } from './list-stacks.js';
import { listBackups } from './list-backups.js';
import { listDeployments } from './list-deployments.js';
import { listHealingActions } from './list-healing-actions.js';
import { listHealthHistory } from './list-health-history.js';
import { listTasks } from './list-tasks.js';
import { planStack } from './plan-stack.js';
import { queryMetrics } from './query-metrics.js';
import { removeStack } from './remove-stack.js';
import { restoreBackup } from './restore-backup.js';
import { rollbackService } from './rollback-service.js';
import { rollbackStack } from './rollback-stack.js';
import { scaleService } from './scale-service.js';
import { setHealingPolicy } from './set-healing-policy.js';
import { updateServiceImage } from './update-service-image.js';
import { verifyBackup } from './verify-backup.js';
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
  planStack,
  deployStack,
  scaleService,
  updateServiceImage,
  rollbackService,
  rollbackStack,
  removeStack,
  listDeployments,
  getDeployment,
  executeHealthCheck,
  getHealthReport,
  listHealthHistory,
  diagnoseService,
  setHealingPolicy,
  listHealingActions,
  backupConfigs,
  listBackups,
  verifyBackup,
  restoreBackup,
  analyzeMetrics,
  queryMetrics,
  getServiceUsage,
];
