import { z } from 'zod';
import { request } from '@swarmops/bus';
import { HealthReportSchema, HealthRpc, HealthScopeSchema, InventoryRpc, Role } from '@swarmops/contracts';
import { serviceStack } from './deployer-calls.js';
import { clusterWideForbidden, healthRunOptions } from './health-calls.js';
import { renderReport } from './render-health.js';
import { defineTool } from './tool.js';

const ExecuteHealthCheckInputSchema = z
  .strictObject({
    scope: HealthScopeSchema.default('cluster').describe(
      '`cluster` (default, every check), `node`, `service` or `stack`. A token scoped to stacks may only ' +
        'use `stack` or `service` within its stacks.',
    ),
    target: z
      .string()
      .min(1)
      .max(255)
      .optional()
      .describe(
        'The node (id or hostname), service (name like `shop_api`, or id) or stack; required unless scope is `cluster`.',
      ),
  })
  .superRefine((args, ctx) => {
    if (args.scope !== 'cluster' && args.target === undefined) {
      ctx.addIssue({ code: 'custom', path: ['target'], message: `required when scope is \`${args.scope}\`` });
    }
    if (args.scope === 'cluster' && args.target !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['target'], message: 'not allowed when scope is `cluster`' });
    }
  });

export const executeHealthCheck = defineTool({
  name: 'execute_health_check',
  title: 'Run a health check',
  description:
    'Run the health analyzers now and return the verdict with evidence: `status` healthy|degraded|unhealthy ' +
    '(unhealthy: something is out of service), `checkedAt`, and `checks` [{ id, status ok|warn|fail, severity, ' +
    'subject, message, evidence?, fix? }] covering nodes (down, drained, quorum, leader, engine skew, resources, ' +
    'disk), services (replicas, pending with reason, crash loops, healthchecks, paused updates, image drift, ' +
    'privileged mounts), certificates, secret/config age and the platform (NATS, JetStream, PostgreSQL, ' +
    'Swarmops services). Narrow it with `scope` + `target` (a node, service or stack). The report is stored: ' +
    '`reportId` reads it again with get_health_report. To ask why one service does not converge, use ' +
    'diagnose_service.',
  input: ExecuteHealthCheckInputSchema,
  output: HealthReportSchema,
  // It stores a report and, cluster-wide, may emit state-change events; it changes nothing in the cluster.
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  requiredRole: Role.operator,
  calls: [HealthRpc.checkRun.subject, InventoryRpc.servicesGet.subject],
  stackOf: (args) => (args.scope === 'stack' ? args.target : undefined),
  resolveStack: async (args, ctx) => {
    if (args.scope === 'service' && args.target !== undefined) return serviceStack(ctx, args.target);
    throw clusterWideForbidden(`a health check of scope \`${args.scope}\``, ctx.principal.stacks);
  },
  run: (args, ctx) =>
    request(
      ctx.nc,
      HealthRpc.checkRun,
      { scope: args.scope, ...(args.target === undefined ? {} : { target: args.target }) },
      healthRunOptions(ctx),
    ),
  render: (r) => renderReport(r),
});
