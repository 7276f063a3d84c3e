import type { CheckResult } from '@swarmops/contracts';
import { describe, expect, it } from 'vitest';
import { countStatuses, verdictOf } from './verdict.js';

const check = (status: CheckResult['status'], severity: CheckResult['severity'] = 'high'): CheckResult => ({
  id: 'service.replicas',
  status,
  severity,
  subject: 'service:shop_api',
  message: 'x',
});

describe('verdict', () => {
  it('is healthy when every check is ok', () => {
    expect(verdictOf([check('ok'), check('ok')])).toBe('healthy');
    expect(verdictOf([])).toBe('healthy');
  });

  it('is degraded on a warning or a non-critical failure', () => {
    expect(verdictOf([check('ok'), check('warn', 'critical')])).toBe('degraded');
    expect(verdictOf([check('fail', 'high')])).toBe('degraded');
  });

  it('is unhealthy on a critical failure', () => {
    expect(verdictOf([check('warn'), check('fail', 'critical')])).toBe('unhealthy');
  });

  it('counts statuses', () => {
    expect(countStatuses([check('ok'), check('warn'), check('fail'), check('fail')])).toEqual({
      ok: 1,
      warn: 1,
      fail: 2,
    });
  });
});
