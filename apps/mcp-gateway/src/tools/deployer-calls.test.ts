import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEPLOYER_ACCEPT_TIMEOUT_MS, auditCompose, deployerOptions } from './deployer-calls.js';
import { progressOf } from './deployment-progress.js';

const signal = new AbortController().signal;

describe('deployerOptions', () => {
  it('waits for the deployment timeout (default 300 s) plus 30 s, not the tool timeout', () => {
    expect(deployerOptions({ timeoutMs: 5000, signal }, { wait: true })).toEqual({
      timeoutMs: 330_000,
      signal,
    });
    expect(deployerOptions({ timeoutMs: 5000, signal }, { wait: true, timeoutSeconds: 60 })).toEqual({
      timeoutMs: 90_000,
      signal,
    });
  });

  it('gives a call that does not wait the longer of the tool timeout and the accept timeout', () => {
    expect(deployerOptions({ timeoutMs: 5000, signal }, { wait: false, timeoutSeconds: 600 }).timeoutMs).toBe(
      DEPLOYER_ACCEPT_TIMEOUT_MS,
    );
    expect(deployerOptions({ timeoutMs: 90_000, signal }, { wait: false }).timeoutMs).toBe(90_000);
  });
});

describe('progressOf', () => {
  const msg = (value: unknown) => ({ json: <T>() => value as T });
  const data = {
    deploymentId: '5f0c6f8e-3a55-4f0e-9f55-2b1b8f0f7a11',
    stack: 'shop',
    progress: 2,
    total: 5,
    message: 'updated shop_api',
  };

  it('reads the progress data of an event envelope', () => {
    expect(progressOf(msg({ id: 'x', type: 'deployment.progress', data }))).toEqual(data);
  });

  it('ignores a payload that is not a progress event', () => {
    expect(progressOf(msg({ data: { ...data, deploymentId: 'nope' } }))).toBeUndefined();
    expect(progressOf(msg(null))).toBeUndefined();
    expect(
      progressOf({
        json: () => {
          throw new Error('not JSON');
        },
      }),
    ).toBeUndefined();
  });
});

describe('auditCompose', () => {
  it('replaces the compose text by its digest and size, leaving the rest', () => {
    const compose = 'secrets:\n  db:\n    content: hunter2\n';
    const digest = createHash('sha256').update(compose).digest('hex');
    expect(auditCompose({ name: 'shop', compose, wait: true })).toEqual({
      name: 'shop',
      compose: `sha256:${digest} (${compose.length} bytes)`,
      wait: true,
    });
  });

  it('leaves arguments without a compose text alone', () => {
    expect(auditCompose({ name: 'shop' })).toEqual({ name: 'shop' });
    expect(auditCompose('junk')).toBe('junk');
    expect(auditCompose(null)).toBeNull();
  });
});
