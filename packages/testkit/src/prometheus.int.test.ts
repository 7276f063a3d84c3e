import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startPrometheus } from './prometheus.js';

describe('startPrometheus', () => {
  it('starts a private Prometheus that scrapes a local target, reloads and stops', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
      res.end('# TYPE testkit_probe gauge\ntestkit_probe 42\n');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    const prom = await startPrometheus({
      scrapeIntervalSeconds: 1,
      targets: [{ job: 'probe', address: `127.0.0.1:${port}` }],
    });
    try {
      expect(prom.url).toBe(`http://127.0.0.1:${prom.port}`);
      await prom.waitForTarget('probe');
      await prom.reload();
      const res = await fetch(`${prom.url}/api/v1/query?query=testkit_probe`);
      const body = (await res.json()) as { data: { result: { value: [number, string] }[] } };
      expect(body.data.result[0]?.value[1]).toBe('42');
    } finally {
      await prom.stop();
      await new Promise((r) => server.close(r));
    }
    await expect(fetch(`${prom.url}/-/ready`)).rejects.toThrow();
  });

  it('fails loudly with the log when Prometheus cannot load its rules', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'testkit-prom-rules-'));
    const rules = join(dir, 'broken.rules.yml');
    writeFileSync(rules, 'groups: [{ name: x, rules: [{ alert: A, expr: "sum(" }] }]\n');
    try {
      const started = startPrometheus({ targets: [], ruleFiles: [rules] });
      // Should it start after all, stop it so no process outlives the test.
      void started.then(
        (p) => p.stop(),
        () => undefined,
      );
      await expect(started).rejects.toThrow(/prometheus exited[\s\S]*broken\.rules\.yml/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
