import type { Alert, AlertBatch } from './alert-plan.js';

/** The body a webhook gets: generic JSON, or Slack's incoming-webhook shape (`text` + `blocks`). */
export type WebhookFormat = 'generic' | 'slack';

/** `auto` picks Slack for `hooks.slack.com`, generic JSON for anything else. */
export function formatFor(url: string, format: 'auto' | WebhookFormat): WebhookFormat {
  if (format !== 'auto') return format;
  try {
    return new URL(url).hostname === 'hooks.slack.com' ? 'slack' : 'generic';
  } catch {
    return 'generic';
  }
}

/** Generic JSON: the batch as it is, with a version and a one-line summary. */
export function genericBody(batch: AlertBatch): Record<string, unknown> {
  return {
    source: 'swarmops-health',
    version: 1,
    summary: summaryOf(batch),
    clusterId: batch.clusterId,
    reportId: batch.reportId,
    checkedAt: batch.checkedAt,
    status: batch.status,
    verdictChange: batch.verdictChange,
    alerts: batch.alerts.map((a) => ({
      kind: a.kind,
      key: a.key,
      id: a.check.id,
      subject: a.check.subject,
      status: a.check.status,
      severity: a.check.severity,
      message: a.check.message,
      since: a.since,
      previous: a.previous,
      reason: a.reason,
      evidence: a.check.evidence ?? null,
      fix: a.check.fix ?? null,
    })),
  };
}

/** Slack allows 50 blocks and 3,000 characters per section text. */
const MAX_ALERT_BLOCKS = 40;
const MAX_SECTION = 2900;

/** A Slack incoming-webhook body: a fallback `text` and one section per alert. */
export function slackBody(batch: AlertBatch): { text: string; blocks: Record<string, unknown>[] } {
  const shown = batch.alerts.slice(0, MAX_ALERT_BLOCKS);
  const blocks: Record<string, unknown>[] = [
    { type: 'header', text: { type: 'plain_text', text: `Swarmops health: ${batch.status}` } },
    ...shown.map((a) => ({ type: 'section', text: { type: 'mrkdwn', text: clip(slackLine(a)) } })),
  ];
  if (batch.alerts.length > shown.length)
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `…and ${batch.alerts.length - shown.length} more (see report ${batch.reportId})`,
      },
    });
  blocks.push({
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: `report \`${batch.reportId}\` · cluster \`${batch.clusterId}\` · ${batch.checkedAt}`,
      },
    ],
  });
  return { text: summaryOf(batch), blocks };
}

const LABEL: Record<Alert['kind'], string> = {
  failed: ':red_circle: *FAILED*',
  'still-failing': ':large_orange_circle: *STILL FAILING*',
  recovered: ':large_green_circle: *RECOVERED*',
};

function slackLine(a: Alert): string {
  const head = `${LABEL[a.kind]} \`${a.check.id}\` on \`${a.check.subject}\` (${a.check.severity})`;
  const since = a.kind !== 'recovered' && a.since ? `\nfailing since ${a.since}` : '';
  const gone = a.reason === 'gone' ? ' (the subject is gone)' : '';
  const fix = a.kind !== 'recovered' && a.check.fix ? `\n*Fix:* ${a.check.fix}` : '';
  return `${head}${gone}\n${a.check.message}${since}${fix}`;
}

function clip(text: string): string {
  return text.length <= MAX_SECTION ? text : `${text.slice(0, MAX_SECTION - 1)}…`;
}

/** "health degraded: 2 checks failing, 1 recovered" */
export function summaryOf(batch: AlertBatch): string {
  const count = (kind: Alert['kind']) => batch.alerts.filter((a) => a.kind === kind).length;
  const failing = count('failed') + count('still-failing');
  const recovered = count('recovered');
  const parts = [
    ...(failing > 0 ? [`${failing} check${failing === 1 ? '' : 's'} failing`] : []),
    ...(recovered > 0 ? [`${recovered} recovered`] : []),
  ];
  const first = batch.alerts[0];
  const detail = batch.alerts.length === 1 && first ? ` (${first.check.id} on ${first.check.subject})` : '';
  return `Swarmops health ${batch.status}: ${parts.join(', ') || 'no change'}${detail}`;
}
