import { z } from 'zod';
import { AuditEntrySchema, AuditLogListRequestSchema, Role } from '@swarmops/contracts';
import { TOOL_PAGE_DEFAULT, ToolPageShape, toolPageSchema } from './paging.js';
import { renderList } from './render.js';
import { READ_ONLY, defineTool } from './tool.js';

const { principal, tool, decision, since } = AuditLogListRequestSchema.shape;

export const getAuditLog = defineTool({
  name: 'get_audit_log',
  title: 'Read the audit log',
  description:
    'Read the gateway audit trail, newest first: every tool call with its time, principal, token or client id, ' +
    'tool, redacted arguments, decision (allowed/denied), outcome, error code, duration and trace id. Use it to ' +
    'answer who did what and when, or to investigate denied calls. Filter by `principal`, `tool`, `decision` ' +
    'and `since` (ISO time). Admin only. Returns `{ items, nextCursor }`; page with `cursor`.',
  input: z.strictObject({
    principal: principal.describe('Only calls by this principal id (e.g. `token:swo_ab12`).'),
    tool: tool.describe('Only calls of this tool.'),
    decision: decision.describe('Only allowed or only denied calls.'),
    since: since.describe('Only calls at or after this ISO-8601 time.'),
    ...ToolPageShape,
  }),
  output: toolPageSchema(AuditEntrySchema),
  annotations: READ_ONLY,
  requiredRole: Role.admin,
  calls: [],
  async run(args, ctx) {
    const page = await ctx.audit.list(
      AuditLogListRequestSchema.parse({ ...args, limit: args.limit ?? TOOL_PAGE_DEFAULT }),
    );
    return { items: page.items.map((e) => AuditEntrySchema.parse(e)), nextCursor: page.nextCursor };
  },
  render: (page) =>
    renderList(
      'audit entries',
      page,
      (e) =>
        `${e.time} ${e.principal} ${e.tool} ${e.decision}/${e.outcome}${e.errorCode === null ? '' : ` ${e.errorCode}`} ${e.durationMs} ms`,
    ),
});
