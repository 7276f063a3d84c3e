// Health against a real multi-node swarm (infra/lab: 4 engines, 3 managers + 1 worker, heartbeat 1 s):
// a killed worker engine is reported down by an event-triggered run within 20 s with exactly one
// `health.check.failed`, and recovers when it comes back; a drained worker warns; a killed manager is
// reported unreachable; a rotated swarm CA is what `swarm.ca-expiry` reads. One lab for all, ≤ 6 minutes.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { X509Certificate } from 'node:crypto';
import { checkKey } from '@swarmops/contracts';
import type { CheckResult } from '@swarmops/contracts';
import { findLabLeftovers, startLab } from '@swarmops/testkit';
import type { Lab, LabNode } from '@swarmops/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeProblems, findCheck, startHealthEnv } from '../fixtures/health/health-env.js';
import type { HealthEnv } from '../fixtures/health/health-env.js';
import type { HealthEvent } from '../fixtures/health/health-events.js';

const run = promisify(execFile);

// The interval is longer than the whole test after the first run (made at start), so a report within 20 s
// of a kill can only come from the run that inventory's node event triggers.
const INTERVAL_SECONDS = 600;
const REPORT_WITHIN_MS = 20_000; // the acceptance bound of issue #6

const FAILED = 'health.check.failed';
const RECOVERED = 'health.check.recovered';

let lab: Lab | undefined;
let env: HealthEnv | undefined;
let passed = true;

function theLab(): { lab: Lab; env: HealthEnv; worker: LabNode; manager: LabNode } {
  if (lab === undefined || env === undefined) throw new Error('lab or health env did not start');
  return { lab, env, worker: lab.nodes[3]!, manager: lab.nodes[2]! };
}

/** `docker -H <lab manager> ...` */
async function labDocker(host: string, args: string[], timeout = 120_000): Promise<string> {
  const { stdout } = await run('docker', ['-H', host, ...args], { timeout, maxBuffer: 4 * 1024 * 1024 });
  return stdout;
}

/** Waits for the first event of `type` for check `key` collected after stream sequence `afterSeq`. */
function nextEvent(e: HealthEnv, type: string, key: string, afterSeq: number, maxMs = 120_000) {
  return e.events.waitFor(
    `${type} ${key}`,
    (ev) =>
      ev.type === type && ev.seq > afterSeq && ev.check !== undefined && checkKey(ev.check.check) === key,
    maxMs,
  );
}

const lastSeq = (e: HealthEnv) => e.events.events.at(-1)?.seq ?? 0;

function logCheck(label: string, check: CheckResult | undefined): void {
  console.log(`${label}: ${JSON.stringify(check)}`);
}

describe('health on a multi-node lab', () => {
  beforeAll(async () => {
    lab = await startLab({ nodes: 4, managers: 3, heartbeat: '1s' });
    console.log(`lab up in ${lab.upMs} ms`);
    env = await startHealthEnv({
      name: 'chaos-health-lab',
      dockerHost: lab.managerHost,
      healthEnv: { HEALTH_INTERVAL_SECONDS: String(INTERVAL_SECONDS) },
    });
    console.log(`health env up: ${JSON.stringify(env.startupMs)}`);
  });

  afterAll(async () => {
    await env?.stop({ passed });
    if (lab !== undefined) console.log(`lab down in ${await lab.down()} ms`);
    expect(findLabLeftovers()).toEqual({ netns: [], cgroups: [], dockerdPids: [], dirs: [] });
  });

  it('gives a healthy verdict with every lab node ready and the three managers led', async () => {
    try {
      const { env: e, lab: l } = theLab();
      const { report } = await e.waitForReport(
        'a healthy verdict with node checks ok on all 4 lab nodes',
        (r) =>
          r.status === 'healthy' &&
          ['node.status', 'manager.leader', 'manager.quorum'].every((id) =>
            r.checks.some((c) => c.id === id && c.subject === 'cluster' && c.status === 'ok'),
          )
            ? true
            : undefined,
      );
      console.log(`baseline: ${describeProblems(report)}`);
      for (const node of l.nodes) {
        expect(
          report.checks.filter((c) => c.subject === `node:${node.hostname}` && c.status !== 'ok'),
        ).toEqual([]);
      }
    } catch (err) {
      passed = false;
      throw err;
    }
  });

  it('reports a killed worker down within 20 s from an event-triggered run, with exactly one event', async () => {
    try {
      const { env: e, lab: l, worker } = theLab();
      const key = `node.status|node:${worker.hostname}`;
      const before = lastSeq(e);
      const killedAt = Date.now();
      await l.chaos('kill', worker.index);
      const failed: HealthEvent = await nextEvent(e, FAILED, key, before, 90_000);
      const afterKillMs = failed.receivedAt - killedAt;
      const stampedMs = Date.parse(failed.envelope.time) - killedAt;
      const report = await e.reportsGet(failed.check!.reportId);
      console.log(
        `${key}: health.check.failed received ${afterKillMs} ms after the kill (event time +${stampedMs} ms), ` +
          `report ${report.reportId} trigger ${report.trigger}, run ${report.durationMs} ms`,
      );
      logCheck('failed check', failed.check!.check);
      expect(afterKillMs).toBeLessThanOrEqual(REPORT_WITHIN_MS);
      expect(failed.check!.check).toMatchObject({ id: 'node.status', status: 'fail' });
      expect(failed.check!.check.evidence).toMatchObject({ hostname: worker.hostname });
      expect(failed.check!.check.fix).toBeTruthy();
      // null: while every node was ready, node.status said so in one ok line on subject `cluster`.
      expect([null, 'ok']).toContain(failed.check!.previous);
      expect(report.trigger).toBe('event'); // the interval (600 s) cannot have made it

      // More runs while it stays down: each still fails the check, none announces it again.
      for (let i = 0; i < 3; i += 1) {
        const again = await e.checkRun();
        expect(
          findCheck(again, { id: 'node.status', subject: `node:${worker.hostname}`, status: 'fail' }),
        ).toBeDefined();
      }
      expect(e.events.forCheck(key, FAILED)).toHaveLength(1);
      expect(e.events.forCheck(key, RECOVERED).filter((ev) => ev.seq > before)).toHaveLength(0);
    } catch (err) {
      passed = false;
      throw err;
    }
  });

  it('announces the recovery once the worker engine is started again', async () => {
    try {
      const { env: e, lab: l, worker } = theLab();
      const key = `node.status|node:${worker.hostname}`;
      const before = lastSeq(e);
      const startedAt = Date.now();
      await l.chaos('start', worker.index);
      const recovered = await nextEvent(e, RECOVERED, key, before, 120_000);
      console.log(`${key}: health.check.recovered ${recovered.receivedAt - startedAt} ms after the start`);
      expect(recovered.check!.check.status).toBe('ok');
      expect(recovered.check!.previous).toBe('fail');
      expect(e.events.forCheck(key, FAILED)).toHaveLength(1);
      expect(e.events.forCheck(key, RECOVERED)).toHaveLength(1);
    } catch (err) {
      passed = false;
      throw err;
    }
  });

  it('warns about a drained worker and stops warning when it is active again', async () => {
    try {
      const { env: e, lab: l, worker } = theLab();
      const subject = `node:${worker.hostname}`;
      await labDocker(l.managerHost, ['node', 'update', '--availability', 'drain', worker.hostname]);
      try {
        const { check } = await e.waitForCheck(
          { id: 'node.availability', subject, status: 'warn' },
          { scope: 'node', target: worker.hostname, maxMs: 60_000 },
        );
        logCheck('drained', check);
        expect(check.evidence).toMatchObject({ availability: 'drain' });
        expect(check.fix).toBeTruthy();
      } finally {
        await labDocker(l.managerHost, ['node', 'update', '--availability', 'active', worker.hostname]);
      }
      await e.waitForReport(
        `no node.availability warning for ${subject}`,
        (r) =>
          r.checks.some((c) => c.id === 'node.availability' && c.subject === subject) ? undefined : true,
        { scope: 'cluster', maxMs: 60_000 },
      );
    } catch (err) {
      passed = false;
      throw err;
    }
  });

  it('reports a killed manager as unreachable, and its recovery', async () => {
    try {
      const { env: e, lab: l, manager } = theLab();
      const key = `manager.leader|node:${manager.hostname}`;
      const before = lastSeq(e);
      const killedAt = Date.now();
      await l.chaos('kill', manager.index);
      try {
        const failed = await nextEvent(e, FAILED, key, before, 90_000);
        console.log(`${key}: health.check.failed ${failed.receivedAt - killedAt} ms after the kill`);
        logCheck('unreachable manager', failed.check!.check);
        expect(failed.check!.check.evidence).toMatchObject({ hostname: manager.hostname });
        expect(failed.check!.check.fix).toBeTruthy();
        // Reachability drops at once; the node turns `down` only after its heartbeats time out, so wait for that
        // before starting it again (started earlier, Docker may never report it down).
        const statusKey = `node.status|node:${manager.hostname}`;
        const down = await nextEvent(e, FAILED, statusKey, before, 90_000);
        console.log(`${statusKey}: health.check.failed ${down.receivedAt - killedAt} ms after the kill`);
        // Two of three managers still reach each other: the leader holds, so the verdict is not unhealthy.
        const report = await e.checkRun();
        console.log(`with ${manager.hostname} down: ${describeProblems(report)}`);
        expect(
          findCheck(report, { id: 'manager.leader', subject: 'cluster', status: 'fail' }),
        ).toBeUndefined();
      } finally {
        await l.chaos('start', manager.index);
      }
      const startedAt = Date.now();
      const recovered = await nextEvent(e, RECOVERED, key, before, 120_000);
      console.log(`${key}: health.check.recovered ${recovered.receivedAt - startedAt} ms after the start`);
      expect(e.events.forCheck(key, FAILED)).toHaveLength(1);
      expect(e.events.forCheck(`node.status|node:${manager.hostname}`, FAILED)).toHaveLength(1);
    } catch (err) {
      passed = false;
      throw err;
    }
  });

  it('reads the expiry of a rotated swarm CA (Swarm refuses roots that expire within a year)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'health-lab-ca-'));
    try {
      const { env: e, lab: l } = theLab();
      const key = join(dir, 'ca.key');
      const cert = join(dir, 'ca.crt');
      await run('openssl', ['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', key]);
      const selfSigned = ['req', '-x509', '-new', '-key', key, '-sha256', '-subj', '/CN=swarmops-lab-ca'];
      const ext = [
        '-addext',
        'basicConstraints=critical,CA:TRUE',
        '-addext',
        'keyUsage=critical,keyCertSign,cRLSign',
      ];
      // A root valid for 3 days is refused by swarmkit ("CA certificate expires too soon": minRootExpiration
      // is one year), so a real CA cannot be made to warn; the expiry thresholds are unit-tested on fixtures.
      await run('openssl', [...selfSigned, '-days', '3', ...ext, '-out', cert]);
      const refused = await labDocker(l.managerHost, [
        'swarm',
        'ca',
        '--rotate',
        '--ca-cert',
        cert,
        '--ca-key',
        key,
      ]).then(
        () => undefined,
        (err: unknown) => String((err as { stderr?: unknown }).stderr ?? err),
      );
      expect(refused).toContain('expires too soon');

      await run('openssl', [...selfSigned, '-days', '370', ...ext, '-out', cert]);
      const notAfter = new Date(new X509Certificate(readFileSync(cert)).validTo);
      const rotateAt = Date.now();
      await labDocker(
        l.managerHost,
        ['swarm', 'ca', '--rotate', '--ca-cert', cert, '--ca-key', key],
        180_000,
      );
      console.log(
        `CA rotated in ${Date.now() - rotateAt} ms; new root valid until ${notAfter.toISOString()}`,
      );
      const day = notAfter.toISOString().slice(0, 10);
      const { value: check } = await e.waitForReport(
        `swarm.ca-expiry reading the rotated root (valid until ${day})`,
        (r) => r.checks.find((c) => c.id === 'swarm.ca-expiry' && JSON.stringify(c).includes(day)),
        { maxMs: 90_000 },
      );
      logCheck('rotated CA', check);
      expect(check.status).toBe('ok'); // 370 days is beyond the 30-day warning
    } catch (err) {
      passed = false;
      throw err;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
