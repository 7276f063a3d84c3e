import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startServiceBase } from './service-base.js';

describe('startServiceBase', () => {
  const dir = mkdtempSync(join(tmpdir(), 'service-base-'));
  const before = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };
  afterEach(() => {
    // onSignals() adds process handlers: take back only the ones this test added.
    for (const sig of ['SIGINT', 'SIGTERM'] as const)
      for (const l of process.listeners(sig)) if (!before[sig].includes(l)) process.off(sig, l);
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads the package, and gives a logger, a shutdown on signals and a registry named after the service', async () => {
    const pkg = join(dir, 'package.json');
    writeFileSync(pkg, JSON.stringify({ name: '@x/demo', version: '1.2.3', description: 'A demo service.' }));
    const base = startServiceBase({
      service: 'demo',
      config: { LOG_LEVEL: 'silent' },
      packageJson: pathToFileURL(pkg),
      shutdownDeadlineMs: 1_000,
    });
    expect([base.version, base.description]).toEqual(['1.2.3', 'A demo service.']);
    expect(process.listeners('SIGTERM').length).toBe(before.SIGTERM.length + 1);
    const text = await base.registry.metrics();
    expect(text).toMatch(/process_cpu_seconds_total\{service="demo"\}/);
    const closed: string[] = [];
    base.shutdown.add('last', () => {
      closed.push('last');
    });
    const report = await base.shutdown.run('test');
    // Closed in reverse order of adding: the service's own closers first, tracing last.
    expect(report.closed).toEqual(['last', 'tracing']);
    expect(closed).toEqual(['last']);
  });
});
