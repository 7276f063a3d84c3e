import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';
import { createShutdown } from './shutdown.js';

function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: createLogger({ service: 'test', destination }) };
}

describe('createShutdown', () => {
  it('runs closers in reverse order of registration, each awaited', async () => {
    const { logger } = capturingLogger();
    const shutdown = createShutdown({ logger, deadlineMs: 5_000 });
    const order: string[] = [];
    for (const name of ['tracing', 'nats', 'postgres', 'http']) {
      shutdown.add(name, async () => {
        order.push(`${name}:start`);
        await new Promise((resolve) => setImmediate(resolve));
        order.push(`${name}:end`);
      });
    }
    const report = await shutdown.run('test');
    expect(order).toEqual([
      'http:start',
      'http:end',
      'postgres:start',
      'postgres:end',
      'nats:start',
      'nats:end',
      'tracing:start',
      'tracing:end',
    ]);
    expect(report).toEqual({
      reason: 'test',
      closed: ['http', 'postgres', 'nats', 'tracing'],
      failed: [],
      unfinished: [],
      timedOut: false,
    });
  });

  it('keeps going after a closer throws, and reports it', async () => {
    const { logger, lines } = capturingLogger();
    const shutdown = createShutdown({ logger, deadlineMs: 5_000 });
    const closed: string[] = [];
    shutdown.add('nats', () => void closed.push('nats'));
    shutdown.add('postgres', () => Promise.reject(new Error('pool already ended')));
    const report = await shutdown.run('test');
    expect(closed).toEqual(['nats']);
    expect(report.failed).toEqual(['postgres']);
    expect(lines.some((l) => l.msg === 'closer failed' && l.closer === 'postgres')).toBe(true);
  });

  it('stops waiting for a hanging closer at the deadline and logs what did not finish', async () => {
    const { logger, lines } = capturingLogger();
    const shutdown = createShutdown({ logger, deadlineMs: 50 });
    const closed: string[] = [];
    shutdown.add('nats', () => void closed.push('nats'));
    shutdown.add('stuck', () => new Promise<void>(() => undefined));
    const report = await shutdown.run('SIGTERM');
    expect(report.timedOut).toBe(true);
    expect(report.unfinished).toEqual(['stuck', 'nats']);
    expect(closed).toEqual([]);
    const line = lines.find((l) => l.msg === 'shutdown deadline passed');
    expect(line).toMatchObject({ level: 'error', unfinished: ['stuck', 'nats'] });
  });

  it('is idempotent: a second run returns the first report without closing twice', async () => {
    const { logger } = capturingLogger();
    const shutdown = createShutdown({ logger });
    let calls = 0;
    shutdown.add('nats', () => void calls++);
    const [first, second] = await Promise.all([shutdown.run('SIGTERM'), shutdown.run('SIGINT')]);
    expect(second).toBe(first);
    expect(await shutdown.run('again')).toBe(first);
    expect(calls).toBe(1);
  });

  it('runs on SIGTERM and then exits with 0', async () => {
    const { logger } = capturingLogger();
    let exitCode: number | undefined;
    const exited = new Promise<void>((resolve) => {
      const shutdown = createShutdown({ logger, exit: (code) => ((exitCode = code), resolve()) });
      shutdown.add('nats', () => Promise.resolve());
      const remove = shutdown.onSignals(['SIGTERM']);
      process.emit('SIGTERM', 'SIGTERM');
      remove();
    });
    await exited;
    expect(exitCode).toBe(0);
  });
});
