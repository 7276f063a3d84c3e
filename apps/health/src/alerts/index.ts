export { createAlertListener } from './alert-listener.js';
export type { AlertFormat, AlertListenerDeps, AlertLogger, RecordAlertSent } from './alert-listener.js';
export { formatFor, genericBody, slackBody, summaryOf } from './alert-body.js';
export type { WebhookFormat } from './alert-body.js';
export { logSent, planAlerts } from './alert-plan.js';
export type { Alert, AlertBatch, AlertKind, SentLog } from './alert-plan.js';
export { postWebhook, redactUrl } from './post-webhook.js';
export type { WebhookResult } from './post-webhook.js';
