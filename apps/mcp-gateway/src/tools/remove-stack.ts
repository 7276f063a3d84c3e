import { z } from 'zod';
import { request } from '@swarmops/bus';
import { DeployerRpc, RemoveStackDataSchema, Role, StackNameSchema } from '@swarmops/contracts';
import { MutationArgsShape, deployerOptions, mutate } from './deployer-calls.js';
import { followUp } from './render-deployment.js';
import { bound } from './render.js';
import { defineTool } from './tool.js';

export const removeStack = defineTool({
  name: 'remove_stack',
  title: 'Remove a stack',
  description:
    'Remove a stack and everything it owns: its services (their tasks stop), networks, configs and secrets, like ' +
    '`docker stack rm`, and wait until they are gone. Destructive and not undoable from here (redeploy with ' +
    'rollback_stack or deploy_stack). The user is asked to confirm when the client supports it; otherwise pass ' +
    '`confirm: true` after the user agreed. Admin only. Returns `{ deploymentId, status, stack, removed }`.',
  input: z.strictObject({
    name: StackNameSchema.describe('The stack to remove.'),
    ...MutationArgsShape,
  }),
  output: RemoveStackDataSchema,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
  requiredRole: Role.admin,
  calls: [DeployerRpc.stackRemove.subject],
  stackOf: (args) => args.name,
  confirmation: (args) =>
    `Remove stack "${args.name}"? Its services stop and its networks, configs and secrets are deleted.`,
  run: (args, ctx) => {
    const { confirm: _confirm, ...rest } = args;
    return mutate(ctx, rest, (ids) =>
      request(ctx.nc, DeployerRpc.stackRemove, { ...rest, ...ids }, deployerOptions(ctx, rest)),
    );
  },
  render: (d) => {
    const r = d.removed;
    const lines = [
      `remove ${d.stack}: ${d.status} (deployment ${d.deploymentId})`,
      `removed ${r.services.length} services, ${r.networks.length} networks, ${r.configs.length} configs, ` +
        `${r.secrets.length} secrets`,
      ...r.services.slice(0, 20).map((s) => `- ${s}`),
    ];
    if (d.error !== undefined) lines.splice(1, 0, `error: ${d.error}`);
    lines.push(...followUp(d.status, d.deploymentId));
    return bound(lines.join('\n'));
  },
});
