import { silentLogger } from '@swarmops/bus';
import type { HealthReport, HealthTrigger } from '@swarmops/contracts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RunListener, RunOutcome } from '../domain/run-outcome.js';
import type { RunRequest } from './run-health.js';
import { createHealthRunner } from './runner.js';

interface Call {
  request: RunRequest;
  trigger: HealthTrigger;
  finish: (err?: Error) => void;
}

/** A runOnce whose runs finish when the test says so. */
function controlledRuns() {
  const calls: Call[] = [];
  const runOnce = (request: RunRequest, trigger: HealthTrigger) =>
    new Promise<{ report: HealthReport; outcome: RunOutcome | null }>((resolve, reject) => {
      const n = calls.length + 1;
      calls.push({
        request,
        trigger,
        finish: (err) => {
          if (err) return reject(err);
          const report = { reportId: `r${n}`, scope: request.scope, trigger } as unknown as HealthReport;
          resolve({ report, outcome: request.scope === 'cluster' ? ({ report } as RunOutcome) : null });
        },
      });
    });
  return { calls, runOnce };
}

const flush = () => new Promise((r) => setImmediate(r));

afterEach(() => {
  vi.useRealTimers();
});

describe('health runner', () => {
  it('lets every cluster request that arrives during a run join one next run', async () => {
    const { calls, runOnce } = controlledRuns();
    const runner = createHealthRunner({ runOnce, listeners: [], intervalSeconds: 60, logger: silentLogger });
    const first = runner.run({ scope: 'cluster' }, 'interval');
    await flush();
    const joined = [1, 2, 3].map(() => runner.run({ scope: 'cluster' }, 'on-demand'));
    await flush();
    expect(calls).toHaveLength(1);
    calls[0]?.finish();
    expect((await first).reportId).toBe('r1');
    await flush();
    expect(calls).toHaveLength(2);
    expect(calls[1]?.trigger).toBe('on-demand');
    calls[1]?.finish();
    expect((await Promise.all(joined)).map((r) => r.reportId)).toEqual(['r2', 'r2', 'r2']);
  });

  it('runs scoped requests at once, beside a cluster run', async () => {
    const { calls, runOnce } = controlledRuns();
    const runner = createHealthRunner({ runOnce, listeners: [], intervalSeconds: 60, logger: silentLogger });
    const cluster = runner.run({ scope: 'cluster' }, 'on-demand');
    const scoped = runner.run({ scope: 'service', target: 'shop_api' }, 'on-demand');
    await flush();
    expect(calls.map((c) => c.request.scope)).toEqual(['cluster', 'service']);
    calls[1]?.finish();
    calls[0]?.finish();
    expect((await scoped).scope).toBe('service');
    expect((await cluster).scope).toBe('cluster');
  });

  it('rejects the callers of a failed run and runs the next one normally', async () => {
    const { calls, runOnce } = controlledRuns();
    const runner = createHealthRunner({ runOnce, listeners: [], intervalSeconds: 60, logger: silentLogger });
    const failed = runner.run({ scope: 'cluster' }, 'on-demand');
    await flush();
    calls[0]?.finish(new Error('inventory down'));
    await expect(failed).rejects.toThrow('inventory down');
    const next = runner.run({ scope: 'cluster' }, 'on-demand');
    await flush();
    calls[1]?.finish();
    expect((await next).reportId).toBe('r2');
  });

  it('turns a burst of inventory events into one run about a second later', async () => {
    vi.useFakeTimers();
    const { calls, runOnce } = controlledRuns();
    const runner = createHealthRunner({ runOnce, listeners: [], intervalSeconds: 60, logger: silentLogger });
    for (let i = 0; i < 20; i++) runner.trigger();
    await vi.advanceTimersByTimeAsync(900);
    expect(calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(200);
    expect(calls.map((c) => c.trigger)).toEqual(['event']);
    calls[0]?.finish();
    runner.trigger();
    await vi.advanceTimersByTimeAsync(1100);
    expect(calls).toHaveLength(2);
    calls[1]?.finish();
    await runner.stop();
  });

  it('runs once more after an event-triggered run when a follow-up is set', async () => {
    vi.useFakeTimers();
    const { calls, runOnce } = controlledRuns();
    const runner = createHealthRunner({
      runOnce,
      listeners: [],
      intervalSeconds: 3600,
      followUpMs: 16_000,
      logger: silentLogger,
    });
    runner.trigger();
    await vi.advanceTimersByTimeAsync(1000);
    calls[0]?.finish();
    await vi.advanceTimersByTimeAsync(15_000);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toHaveLength(2);
    calls[1]?.finish();
    // The follow-up itself schedules no further run.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toHaveLength(2);
    await runner.stop();
  });

  it('runs at start and then every interval', async () => {
    vi.useFakeTimers();
    const { calls, runOnce } = controlledRuns();
    const runner = createHealthRunner({ runOnce, listeners: [], intervalSeconds: 15, logger: silentLogger });
    runner.start();
    await vi.advanceTimersByTimeAsync(1);
    expect(calls.map((c) => c.trigger)).toEqual(['interval']);
    calls[0]?.finish();
    await vi.advanceTimersByTimeAsync(15_000);
    expect(calls).toHaveLength(2);
    calls[1]?.finish();
    await runner.stop();
  });

  it('gives listeners each outcome in order, and one failing listener does not stop the others', async () => {
    const { calls, runOnce } = controlledRuns();
    const seen: string[] = [];
    const listeners: RunListener[] = [
      {
        name: 'broken',
        afterRun: () => Promise.reject(new Error('webhook down')),
      },
      {
        name: 'recorder',
        afterRun: async (outcome) => {
          seen.push(outcome.report.reportId);
          await Promise.resolve();
        },
      },
    ];
    const runner = createHealthRunner({ runOnce, listeners, intervalSeconds: 60, logger: silentLogger });
    const a = runner.run({ scope: 'cluster' }, 'on-demand');
    await flush();
    calls[0]?.finish();
    await a;
    const b = runner.run({ scope: 'cluster' }, 'on-demand');
    await flush();
    calls[1]?.finish();
    await b;
    const scoped = runner.run({ scope: 'node', target: 'w1' }, 'on-demand');
    await flush();
    calls[2]?.finish();
    await scoped;
    await runner.idle();
    expect(seen).toEqual(['r1', 'r2']);
  });
});
