import { z } from 'zod';
import { request } from '@swarmops/bus';
import {
  DeployerRpc,
  DeploymentStatusSchema,
  DeploymentSummarySchema,
  Role,
  StackNameSchema,
} from '@swarmops/contracts';
import { inScope } from '../mcp/ports.js';
import { TOOL_PAGE_DEFAULT, ToolPageShape, toolPageSchema } from './paging.js';
import { renderList } from './render.js';
import { READ_ONLY, busOptions, defineTool } from './tool.js';

export const listDeployments = defineTool({
  name: 'list_deployments',
  title: 'List deployments',
  description:
    'List deployments (stack deploys, scales, image updates, rollbacks, removals), newest first: id, stack, ' +
    'kind, version, strategy, status (running/succeeded/failed/rolled-back/planned), who asked, start and end ' +
    'time, error, and replicas per service. Use it to see what changed recently, to find a version for ' +
    'rollback_stack, or a deployment id for get_deployment. Filter by `stack` and `status`. Returns ' +
    '`{ items, nextCursor }`; page with `cursor`. A token scoped to stacks only sees those stacks.',
  input: z.strictObject({
    stack: StackNameSchema.optional().describe('Only deployments of this stack.'),
    status: DeploymentStatusSchema.optional().describe('Only deployments in this status.'),
    ...ToolPageShape,
  }),
  output: toolPageSchema(DeploymentSummarySchema),
  annotations: READ_ONLY,
  requiredRole: Role.viewer,
  calls: [DeployerRpc.deploymentsList.subject],
  stackOf: (args) => args.stack,
  async run(args, ctx) {
    const page = await request(
      ctx.nc,
      DeployerRpc.deploymentsList,
      { ...args, limit: args.limit ?? TOOL_PAGE_DEFAULT },
      busOptions(ctx),
    );
    return { items: page.items.filter((d) => inScope(ctx.principal, d.stack)), nextCursor: page.nextCursor };
  },
  render: (page) =>
    renderList(
      'deployments',
      page,
      (d) =>
        `${d.id} ${d.stack} ${d.kind} v${d.version} ${d.status} ${d.startedAt}` +
        `${d.requestedBy === null ? '' : ` by ${d.requestedBy}`}${d.error === null ? '' : ` error: ${d.error}`}`,
    ),
});
