import { randomBytes } from 'node:crypto';
import type { AppError } from '@swarmops/contracts';
import type { AuditRecord } from '../mcp/ports.js';

interface JsonRpcLike {
  method?: unknown;
  params?: { name?: unknown; arguments?: unknown };
}

/**
 * The audit rows of tool calls refused at the HTTP edge (no or bad bearer): one per `tools/call`
 * in the body (a single message or a batch), so a refused call is on the trail like any other.
 */
export function refusedToolCalls(body: unknown, error: AppError): AuditRecord[] {
  const messages: unknown[] = Array.isArray(body) ? body : [body];
  return messages.flatMap((m): AuditRecord[] => {
    const msg = m as JsonRpcLike | null;
    if (msg === null || typeof msg !== 'object' || msg.method !== 'tools/call') return [];
    const name = typeof msg.params?.name === 'string' ? msg.params.name.slice(0, 255) : '(unknown)';
    return [
      {
        principal: 'anonymous',
        tokenId: null,
        clientId: null,
        tool: name === '' ? '(unknown)' : name,
        arguments: msg.params?.arguments ?? {},
        decision: 'denied',
        outcome: 'denied',
        errorCode: error.code,
        durationMs: 0,
        traceId: randomBytes(16).toString('hex'),
      },
    ];
  });
}

/** Reads a JSON body from a clone of the request, or `undefined` when it is not JSON. */
export async function peekJson(request: Request): Promise<unknown> {
  try {
    const value: unknown = await request.clone().json();
    return value;
  } catch {
    return undefined;
  }
}
