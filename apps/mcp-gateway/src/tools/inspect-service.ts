import { z } from 'zod';
import { request } from '@swarmops/bus';
import { InventoryRpc, Role, ServiceDetailSchema } from '@swarmops/contracts';
import { assertInScope } from '../mcp/ports.js';
import { nameArg } from './paging.js';
import { bound } from './render.js';
import { READ_ONLY, busOptions, defineTool } from './tool.js';

export const inspectService = defineTool({
  name: 'inspect_service',
  title: 'Inspect a service',
  description:
    'Show one service in detail: its Docker spec (image, env names, resources, placement, update config), ' +
    'its tasks with their states, desired vs running replicas, and its most recent task errors. Use it to ' +
    'diagnose a service that is not converging, crash-looping or misplaced. `service` is a service id or name. ' +
    'Secret values are never part of the answer.',
  input: z.strictObject({ service: nameArg('Service id or name.') }),
  output: ServiceDetailSchema,
  annotations: READ_ONLY,
  requiredRole: Role.viewer,
  calls: [InventoryRpc.servicesGet.subject],
  async run(args, ctx) {
    const detail = await request(ctx.nc, InventoryRpc.servicesGet, { id: args.service }, busOptions(ctx));
    assertInScope(ctx.principal, detail.service.stack, `service ${args.service}`);
    return detail;
  },
  render: (d) => {
    const s = d.service;
    const lines = [
      `${s.name} (${s.id.slice(0, 12)}) image ${s.image} mode ${s.mode}${s.stack === null ? '' : ` stack ${s.stack}`}`,
      `replicas: ${d.tasks.running}/${d.tasks.desired} running; ${d.tasks.items.length} tasks known`,
      ...d.tasks.items
        .slice(0, 10)
        .map((t) => `- task ${t.id.slice(0, 12)} ${t.state} (want ${t.desiredState}) ${t.message}`),
    ];
    if (d.lastTaskErrors.length > 0) {
      lines.push('recent task errors:');
      lines.push(...d.lastTaskErrors.slice(0, 5).map((e) => `- ${e.at} ${e.state}: ${e.error}`));
    }
    lines.push('Full spec in structuredContent.spec.');
    return bound(lines.join('\n'));
  },
});
