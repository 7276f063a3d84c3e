import type { RunListener } from '../domain/run-outcome.js';
import { formatFor, genericBody, slackBody } from './alert-body.js';
import { logSent, planAlerts } from './alert-plan.js';
import type { SentLog } from './alert-plan.js';
import { postWebhook } from './post-webhook.js';

/** How the body is chosen: `auto` (Slack for hooks.slack.com), or one format for every webhook. */
export type AlertFormat = 'auto' | 'generic' | 'slack';

/**
 * The port the runtime implements: remember that an alert for `key` went out at `at` (`last_alert_at`), so the
 * next runs carry it as `FailingCheck.lastAlertAt`, across restarts too.
 */
export type RecordAlertSent = (key: string, at: Date) => Promise<void>;

/** The few logger methods the listener uses (pino's). */
export interface AlertLogger {
  warn(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
  debug(fields: Record<string, unknown>, message: string): void;
}

export interface AlertListenerDeps {
  /** HEALTH_ALERT_WEBHOOKS; none means the listener does nothing. */
  webhooks: readonly string[];
  /** HEALTH_ALERT_FORMAT. */
  format: AlertFormat;
  /** HEALTH_ALERT_RESEND_SECONDS: a still-failing check is alerted again after this; in between, deduped. */
  resendSeconds: number;
  recordAlertSent: RecordAlertSent;
  logger: AlertLogger;
  now?: () => Date;
  /** Per POST; default 5,000 ms. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/**
 * A RunListener posting each run's alerts (checks entering `fail`, still failing at the resend interval, and
 * recovered) to every webhook, as generic JSON or a Slack body. One POST per webhook per run with alerts.
 * It never throws: a dead or slow webhook is logged and retried only with the next alert.
 */
export function createAlertListener(deps: AlertListenerDeps): RunListener {
  const now = deps.now ?? (() => new Date());
  const timeoutMs = deps.timeoutMs ?? 5_000;
  const fetcher = deps.fetch ?? globalThis.fetch;
  const sent: SentLog = new Map();
  return {
    name: 'alerts',
    async afterRun(outcome) {
      if (deps.webhooks.length === 0) return;
      const at = now();
      const batch = planAlerts(outcome, sent, at, deps.resendSeconds);
      if (batch.alerts.length === 0) return;
      const results = await Promise.all(
        deps.webhooks.map((url) =>
          postWebhook(url, formatFor(url, deps.format) === 'slack' ? slackBody(batch) : genericBody(batch), {
            timeoutMs,
            fetch: fetcher,
          }),
        ),
      );
      for (const r of results.filter((r) => !r.ok))
        deps.logger.warn(
          { webhook: r.target, status: r.status, error: r.error, alerts: batch.alerts.length },
          'alert webhook failed',
        );
      if (!results.some((r) => r.ok)) return;
      logSent(sent, batch.alerts, at);
      deps.logger.info(
        {
          reportId: batch.reportId,
          alerts: batch.alerts.map((a) => `${a.kind} ${a.key}`),
          webhooks: results.length,
        },
        'alerts sent',
      );
      for (const alert of batch.alerts) {
        if (alert.kind === 'recovered') continue;
        try {
          await deps.recordAlertSent(alert.key, at);
        } catch (error) {
          deps.logger.warn(
            { key: alert.key, error: error instanceof Error ? error.message : String(error) },
            'could not record the alert',
          );
        }
      }
    },
  };
}
