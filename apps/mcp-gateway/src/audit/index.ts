export { createAuditLog } from './audit-log.js';
export type { AuditLog, AuditLogOptions, AuditRecordInput } from './audit-log.js';
export { REDACTED, redactArguments } from './redact.js';
export type { RedactOptions } from './redact.js';
