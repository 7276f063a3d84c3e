import { z } from 'zod';
import { request } from '@swarmops/bus';
import { HealthRpc, InventoryRpc, Role, ServiceDiagnosisSchema } from '@swarmops/contracts';
import type { ServiceDiagnosis } from '@swarmops/contracts';
import { assertInScope } from '../mcp/ports.js';
import { serviceStack } from './deployer-calls.js';
import { healthRunOptions } from './health-calls.js';
import { nameArg } from './paging.js';
import { renderCheck, worstFirst } from './render-health.js';
import { bound } from './render.js';
import { READ_ONLY, defineTool } from './tool.js';

function renderDiagnosis(d: ServiceDiagnosis): string {
  const lines = [
    `${d.service}${d.stack === null ? '' : ` (stack ${d.stack})`}: ${d.status}, ` +
      `${d.replicas.running}/${d.replicas.desired} running (checked ${d.checkedAt})`,
    d.summary,
  ];
  const problems = worstFirst(d.checks.filter((c) => c.status !== 'ok'));
  if (problems.length > 0)
    lines.push('failing checks:', ...problems.slice(0, 6).map((c) => `- ${renderCheck(c)}`));
  if (d.taskErrors.length > 0) {
    lines.push('task errors:', ...d.taskErrors.slice(0, 5).map((e) => `- ${e.at} ${e.state}: ${e.error}`));
  }
  if (d.fixes.length > 0) lines.push('fixes to try:', ...d.fixes.slice(0, 5).map((f, i) => `${i + 1}. ${f}`));
  if (d.recentEvents.length > 0) {
    lines.push(
      'recent events:',
      ...d.recentEvents.slice(0, 5).map((e) => `- ${e.time} ${e.type}: ${e.summary}`),
    );
  }
  if (d.recentDeployments.length > 0) {
    lines.push(
      'recent deployments:',
      ...d.recentDeployments
        .slice(0, 3)
        .map(
          (x) =>
            `- ${x.id} ${x.kind} v${x.version} ${x.status} ${x.startedAt}${x.error === null ? '' : ` error: ${x.error}`}`,
        ),
    );
  }
  return bound(lines.join('\n'));
}

export const diagnoseService = defineTool({
  name: 'diagnose_service',
  title: 'Diagnose a service',
  description:
    'Explain why a service is not converging, not starting or restarting: its health checks (replicas, ' +
    "pending with the scheduler's reason, crash loop, failing healthcheck, paused or rolled-back update, image " +
    'drift, privileges) with evidence, its recent task errors, recent events (task state changes, scales, ' +
    'updates), recent deployments of its stack, and the fixes to try, most likely first. `service` is the full ' +
    'name (e.g. `shop_api`) or the id. Runs the analyzers for that service now; changes nothing.',
  input: z.strictObject({ service: nameArg('Service name (e.g. `shop_api`) or id.') }),
  output: ServiceDiagnosisSchema,
  annotations: READ_ONLY,
  requiredRole: Role.viewer,
  calls: [HealthRpc.serviceDiagnose.subject, InventoryRpc.servicesGet.subject],
  resolveStack: (args, ctx) => serviceStack(ctx, args.service),
  async run(args, ctx) {
    const diagnosis = await request(ctx.nc, HealthRpc.serviceDiagnose, args, healthRunOptions(ctx));
    // The scope was checked before the request (resolveStack); the answer is checked too, in case the
    // service moved between the two reads.
    assertInScope(ctx.principal, diagnosis.stack, `service ${args.service}`);
    return diagnosis;
  },
  render: renderDiagnosis,
});
