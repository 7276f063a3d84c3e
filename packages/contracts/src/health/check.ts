import { z } from 'zod';

/** The outcome of one check. */
export const CheckStatus = { ok: 'ok', warn: 'warn', fail: 'fail' } as const;
export type CheckStatus = (typeof CheckStatus)[keyof typeof CheckStatus];
export const CheckStatusSchema = z.enum(['ok', 'warn', 'fail']);

/** How much a failing check matters: `critical` makes the verdict `unhealthy`. */
export const Severity = {
  info: 'info',
  low: 'low',
  medium: 'medium',
  high: 'high',
  critical: 'critical',
} as const;
export type Severity = (typeof Severity)[keyof typeof Severity];
export const SeveritySchema = z.enum(['info', 'low', 'medium', 'high', 'critical']);

/**
 * A check id: dotted lower-case words naming the analyzer, e.g. `node.status`, `service.crash-loop`,
 * `platform.nats`. Together with `subject` it identifies one check across runs.
 */
export const CheckIdSchema = z
  .string()
  .min(3)
  .max(64)
  .regex(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/, 'expected a check id like `service.crash-loop`');

/**
 * What a check is about: `cluster`, `node:<hostname>`, `service:<name>`, `stack:<name>`,
 * `secret:<name>`, `config:<name>` or `platform:<part>`.
 */
export const CheckSubjectSchema = z.string().min(1).max(300);

/** One check result: the fixed `execute_health_check` fields. */
export const CheckResultSchema = z.object({
  id: CheckIdSchema,
  status: CheckStatusSchema,
  severity: SeveritySchema,
  subject: CheckSubjectSchema,
  /** One sentence a person can act on. */
  message: z.string().min(1),
  /** The facts behind the verdict (task ids and errors, counts, dates...). Never secret values. */
  evidence: z.record(z.string(), z.unknown()).optional(),
  /** What to try, in words or as a command. */
  fix: z.string().optional(),
});
export type CheckResult = z.infer<typeof CheckResultSchema>;

/** The key of a check across runs: `<id>|<subject>`. State changes and alerts are tracked per key. */
export function checkKey(check: Pick<CheckResult, 'id' | 'subject'>): string {
  return `${check.id}|${check.subject}`;
}
