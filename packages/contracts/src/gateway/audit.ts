import { z } from 'zod';
import { ListRequestSchema } from '../paging.js';
import { TimestampSchema } from '../model/common.js';

/** Whether the gateway let a call through. */
export const AuditDecision = { allowed: 'allowed', denied: 'denied' } as const;
export type AuditDecision = (typeof AuditDecision)[keyof typeof AuditDecision];
export const AuditDecisionSchema = z.enum(['allowed', 'denied']);

/** How a call ended: `denied` when refused before it left the gateway. */
export const AuditOutcome = { ok: 'ok', error: 'error', denied: 'denied' } as const;
export type AuditOutcome = (typeof AuditOutcome)[keyof typeof AuditOutcome];
export const AuditOutcomeSchema = z.enum(['ok', 'error', 'denied']);

/**
 * One call through the gateway, allowed or denied. `arguments` are redacted (secret-looking keys
 * replaced, huge strings truncated) before they are stored. `principal` is the principal id
 * (`token:<prefix>`, `oauth:<sub>`, `stdio`, or `anonymous`), never a token.
 */
export const AuditEntrySchema = z.object({
  id: z.uuid(),
  time: TimestampSchema,
  principal: z.string().min(1).max(512),
  tokenId: z.string().nullable(),
  clientId: z.string().nullable(),
  tool: z.string().min(1).max(255),
  arguments: z.unknown(),
  decision: AuditDecisionSchema,
  outcome: AuditOutcomeSchema,
  errorCode: z.string().nullable(),
  durationMs: z.number().int().min(0),
  traceId: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** The `get_audit_log` request: newest first, keyset-paged, with optional filters. Strict. */
export const AuditLogListRequestSchema = z.strictObject({
  ...ListRequestSchema.shape,
  principal: z.string().min(1).max(512).optional(),
  tool: z.string().min(1).max(255).optional(),
  decision: AuditDecisionSchema.optional(),
  /** Only entries at or after this time. */
  since: TimestampSchema.optional(),
});
export type AuditLogListRequest = z.infer<typeof AuditLogListRequestSchema>;

/** Event types the gateway emits; `audit.recorded` carries one {@link AuditEntry} as `data`. */
export const GatewayEventType = {
  auditRecorded: 'audit.recorded',
} as const;
export type GatewayEventType = (typeof GatewayEventType)[keyof typeof GatewayEventType];
