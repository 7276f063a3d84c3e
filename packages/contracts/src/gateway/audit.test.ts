import { describe, expect, it } from 'vitest';
import { AuditEntrySchema, AuditLogListRequestSchema } from './audit.js';
import { RoleSchema } from './role.js';

describe('gateway contracts', () => {
  it('refuses an unknown filter on the audit log request', () => {
    const result = AuditLogListRequestSchema.safeParse({ who: 'x' });
    expect(result.success).toBe(false);
  });

  it('defaults the page size and accepts the filters', () => {
    const req = AuditLogListRequestSchema.parse({ tool: 'list_nodes', decision: 'denied' });
    expect(req.limit).toBe(100);
    expect(req.decision).toBe('denied');
  });

  it('accepts a denied entry without token or trace', () => {
    const entry = AuditEntrySchema.parse({
      id: '0b0e1c9e-8a8c-4c53-9d1d-3c8a4c2b1f00',
      time: '2026-01-01T00:00:00.000Z',
      principal: 'anonymous',
      tokenId: null,
      clientId: null,
      tool: 'scale_service',
      arguments: { service: 'api' },
      decision: 'denied',
      outcome: 'denied',
      errorCode: 'UNAUTHORIZED',
      durationMs: 0,
      traceId: null,
    });
    expect(entry.outcome).toBe('denied');
  });

  it('knows exactly three roles', () => {
    expect(RoleSchema.options).toEqual(['viewer', 'operator', 'admin']);
  });
});
