import { AppError, ErrorCode } from '@swarmops/contracts';

/** The position after the last item of a page, newest first: its time and id. */
export interface AuditCursor {
  time: string;
  id: string;
}

/** Encodes a keyset position as an opaque cursor. */
export function encodeAuditCursor(cursor: AuditCursor): string {
  return Buffer.from(JSON.stringify([cursor.time, cursor.id]), 'utf8').toString('base64url');
}

/** Decodes a cursor from {@link encodeAuditCursor}; INVALID_REQUEST naming `cursor` otherwise. */
export function decodeAuditCursor(text: string): AuditCursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      !Number.isNaN(Date.parse(value[0])) &&
      typeof value[1] === 'string' &&
      /^[0-9a-f-]{36}$/i.test(value[1])
    ) {
      return { time: value[0], id: value[1] };
    }
  } catch {
    // fall through to the error below
  }
  throw new AppError(ErrorCode.INVALID_REQUEST, 'cursor: not a cursor returned by get_audit_log', {
    details: { issues: [{ path: 'cursor', message: 'not a cursor returned by get_audit_log' }] },
  });
}
