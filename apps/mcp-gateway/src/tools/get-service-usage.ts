import { z } from 'zod';
import { request } from '@swarmops/bus';
import { AnalyzeWindowSchema, InventoryRpc, MetricsRpc, Role, ServiceUsageSchema } from '@swarmops/contracts';
import { assertInScope } from '../mcp/ports.js';
import { serviceStack } from './deployer-calls.js';
import { analyzeOptions } from './metrics-calls.js';
import { nameArg } from './paging.js';
import { renderServiceUsage } from './render-metrics.js';
import { READ_ONLY, defineTool } from './tool.js';

export const getServiceUsage = defineTool({
  name: 'get_service_usage',
  title: 'Get a service’s resource usage',
  description:
    'Show how much CPU, memory and network one service uses over a window (default the last hour), summed ' +
    'over its tasks: current, p50, p95 and max, next to its per-task limits and reservations; desired and ' +
    'running replicas; restarts; recommended per-task reservations and limits (p95 plus headroom; null ' +
    'without enough data); the insights about it; and every PromQL query behind the numbers. CPU is in cores ' +
    '(1 = one core busy), memory in bytes. `service` is its name (like `shop_api`) or id. A token scoped to ' +
    'stacks may ask only about services of its stacks.',
  input: z.strictObject({
    service: nameArg('Service name (like `shop_api`) or id.'),
    window: AnalyzeWindowSchema.optional().describe('How far back to look, `1m` to `7d`; default `1h`.'),
  }),
  output: ServiceUsageSchema,
  annotations: READ_ONLY,
  requiredRole: Role.viewer,
  calls: [MetricsRpc.serviceUsage.subject, InventoryRpc.servicesGet.subject],
  resolveStack: (args, ctx) => serviceStack(ctx, args.service),
  async run(args, ctx) {
    const usage = await request(ctx.nc, MetricsRpc.serviceUsage, args, analyzeOptions(ctx));
    // The stack Prometheus saw, checked again: inventory may have known the service under another one.
    assertInScope(ctx.principal, usage.stack, `service ${args.service}`);
    return usage;
  },
  render: (u) => renderServiceUsage(u),
});
