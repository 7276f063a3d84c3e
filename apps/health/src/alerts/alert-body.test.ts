import { describe, expect, it } from 'vitest';
import { formatFor, genericBody, slackBody, summaryOf } from './alert-body.js';
import { planAlerts } from './alert-plan.js';
import type { AlertBatch } from './alert-plan.js';
import { CRASH, PAUSED, outcome } from './outcome-fixture.js';

const T0 = '2026-11-27T19:40:00.000Z';
const batchOf = (run: ReturnType<typeof outcome>): AlertBatch =>
  planAlerts(run, new Map(), new Date(T0), 3600);
const twoAndOne = () =>
  batchOf(
    outcome({
      checkedAt: T0,
      failed: [CRASH, PAUSED],
      recovered: [{ check: { ...CRASH, subject: 'service:fx-old' }, reason: 'gone' }],
      failing: [
        { check: CRASH, since: T0 },
        { check: PAUSED, since: T0 },
      ],
    }),
  );

describe('alert bodies', () => {
  it('picks Slack for hooks.slack.com unless the format is forced', () => {
    expect(formatFor('https://hooks.slack.com/services/T0/B0/xyz', 'auto')).toBe('slack');
    expect(formatFor('http://127.0.0.1:9/hook', 'auto')).toBe('generic');
    expect(formatFor('http://127.0.0.1:9/hook', 'slack')).toBe('slack');
    expect(formatFor('https://hooks.slack.com/services/x', 'generic')).toBe('generic');
    expect(formatFor('not a url', 'auto')).toBe('generic');
  });

  it('sends generic JSON with each alert, its evidence and fix', () => {
    const body = genericBody(twoAndOne());
    expect(body).toMatchObject({
      source: 'swarmops-health',
      version: 1,
      summary: 'Swarmops health degraded: 2 checks failing, 1 recovered',
      reportId: '6f1f5b8e-3d1c-4d7e-9a51-0c2f8a0e4b11',
      checkedAt: T0,
      status: 'degraded',
    });
    expect(body['alerts']).toEqual([
      {
        kind: 'failed',
        key: 'service.crash-loop|service:fx-crash',
        id: 'service.crash-loop',
        subject: 'service:fx-crash',
        status: 'fail',
        severity: 'high',
        message: CRASH.message,
        since: T0,
        previous: 'ok',
        reason: null,
        evidence: CRASH.evidence,
        fix: CRASH.fix,
      },
      expect.objectContaining({ kind: 'failed', key: 'service.update|service:fx-paused', evidence: null }),
      expect.objectContaining({ kind: 'recovered', subject: 'service:fx-old', reason: 'gone' }),
    ]);
    expect(JSON.parse(JSON.stringify(body))).toEqual(body);
  });

  it('sends Slack a text fallback and one section per alert', () => {
    const body = slackBody(twoAndOne());
    expect(body.text).toBe('Swarmops health degraded: 2 checks failing, 1 recovered');
    expect(body.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'Swarmops health: degraded' },
    });
    const sections = body.blocks
      .filter((b) => b['type'] === 'section')
      .map((b) => (b['text'] as { text: string }).text);
    expect(sections).toHaveLength(3);
    expect(sections[0]).toBe(
      ':red_circle: *FAILED* `service.crash-loop` on `service:fx-crash` (high)\n' +
        `${CRASH.message}\nfailing since ${T0}\n*Fix:* ${CRASH.fix}`,
    );
    expect(sections[2]).toMatch(
      /^:large_green_circle: \*RECOVERED\* `service.crash-loop` on `service:fx-old` \(high\) \(the subject is gone\)/,
    );
    expect(body.blocks.at(-1)).toMatchObject({ type: 'context' });
  });

  it('stays within Slack limits for many alerts and long messages', () => {
    const many = Array.from({ length: 120 }, (_, i) => ({
      ...CRASH,
      subject: `service:s${i}`,
      message: 'x'.repeat(5000),
    }));
    const body = slackBody(
      batchOf(outcome({ checkedAt: T0, failed: many, failing: many.map((check) => ({ check, since: T0 })) })),
    );
    expect(body.blocks.length).toBeLessThanOrEqual(50);
    for (const block of body.blocks.filter((b) => b['type'] === 'section'))
      expect((block['text'] as { text: string }).text.length).toBeLessThanOrEqual(3000);
    expect(JSON.stringify(body.blocks.at(-2))).toContain('and 80 more');
  });

  it('names the check in a one-alert summary', () => {
    expect(summaryOf(batchOf(outcome({ checkedAt: T0, recovered: [{ check: PAUSED }] })))).toBe(
      'Swarmops health healthy: 1 recovered (service.update on service:fx-paused)',
    );
  });
});
