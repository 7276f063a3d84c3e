import { describe, expect, it } from 'vitest';
import { describePrometheus, parsePrometheusFacts } from './prometheus-status.js';

const buildInfo = { status: 'success', data: { version: '2.42.0', revision: 'x', branch: 'debian/sid' } };

function target(job: string, instance: string, health: string, lastError = ''): unknown {
  return { labels: { job, instance }, health, lastError, scrapeUrl: `http://${instance}/metrics` };
}

describe('parsePrometheusFacts', () => {
  it('counts healthy and not yet scraped targets and names the failing ones with their error', () => {
    const facts = parsePrometheusFacts(buildInfo, {
      status: 'success',
      data: {
        activeTargets: [
          target('inventory', '127.0.0.1:7071', 'up'),
          target('backup', '127.0.0.1:7074', 'down', 'connection refused'),
          target('prometheus', '127.0.0.1:9090', 'unknown'),
        ],
        droppedTargets: [],
      },
    });
    expect(facts).toEqual({
      version: '2.42.0',
      targetsUp: 1,
      targetsTotal: 3,
      targetsPending: 1,
      down: [{ job: 'backup', instance: '127.0.0.1:7074', error: 'connection refused' }],
    });
    expect(describePrometheus(facts)).toBe(
      'prometheus 2.42.0, 1/3 targets up, 1 not scraped yet, down: backup',
    );
  });

  it('describes an all-healthy Prometheus briefly', () => {
    const facts = parsePrometheusFacts(buildInfo, {
      status: 'success',
      data: { activeTargets: [target('inventory', '127.0.0.1:7071', 'up')] },
    });
    expect(describePrometheus(facts)).toBe('prometheus 2.42.0, 1/1 targets up');
  });

  it('refuses an answer that is not the Prometheus API', () => {
    expect(() => parsePrometheusFacts({ status: 'error' }, {})).toThrow();
  });
});
