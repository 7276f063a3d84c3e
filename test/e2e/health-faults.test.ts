import { checkKey } from '@swarmops/contracts';
import type { CheckResult, CheckStatus } from '@swarmops/contracts';
import {
  TEST_IMAGE,
  createTestDocker,
  ensureTestImage,
  removeLabeled,
  requireDocker,
  uniqueName,
} from '@swarmops/testkit';
import { afterAll, beforeAll, describe, expect, onTestFailed, test } from 'vitest';
import { quietly } from '../fixtures/deployer/quietly.js';
import {
  containerOf,
  createService,
  hostDir,
  largestNodeNanoCpus,
  serviceSpec,
  serviceTasks,
  tagTestImage,
  templateOf,
  updateService,
  waitRunning,
  waitUpdateState,
} from '../fixtures/health/faults.js';
import type { SpecOptions } from '../fixtures/health/faults.js';
import { startHealthEnv } from '../fixtures/health/health-env.js';
import type { HealthEnv } from '../fixtures/health/health-env.js';

// Acceptance of #6 on the one-node swarm: each fault is provoked for real through the Engine API, the failing
// check is named with its evidence and fix, `health.check.failed` is emitted once for a `fail`, and after the
// fix the check is ok again with one `health.check.recovered`. The shared swarm runs other people's services,
// so every run here is scoped to the test's own service; events come from health's cluster-wide runs
// (interval 5 s and inventory-event triggers) and are matched by check key. Faults run concurrently.

const docker = createTestDocker(undefined, 60_000);
const run = uniqueName('e2e-health');
const stack = run;
const SECOND = 1_000_000_000;
let env: HealthEnv;
let failures = 0;
const cleanups: Array<() => Promise<void> | void> = [];
/** Milliseconds per fault: create → check reported, → failed event, fix → check ok, → recovered event. */
const timings: Record<string, Record<string, number | string>> = {};

beforeAll(async () => {
  await requireDocker();
  await ensureTestImage(docker);
  env = await startHealthEnv({ name: 'e2e-health-faults', healthEnv: { HEALTH_INTERVAL_SECONDS: '5' } });
  console.log(`health env up: ${JSON.stringify(env.startupMs)}`);
}, 300_000);

afterAll(async () => {
  console.log(
    `timings (ms):\n${JSON.stringify(timings, null, 2)}\nevents: ${JSON.stringify(env?.events.counts())}`,
  );
  await quietly(removeLabeled(docker, run, 120_000));
  for (const cleanup of cleanups) await quietly(Promise.resolve().then(cleanup));
  await env?.stop({ passed: failures === 0 });
}, 300_000);

function spec(name: string, options: Omit<SpecOptions, 'name' | 'run' | 'stack'> = {}) {
  return serviceSpec({ name, run, stack, ...options });
}

/** The service's name: `<stack>_<short>`, like a stack deploy would name it. */
function serviceName(short: string): string {
  return `${stack}_${short}`;
}

interface FaultCase {
  checkId: string;
  service: string;
  /** The status the fault must reach (`fail` ⇒ events are asserted). */
  status: CheckStatus;
  provoke(): Promise<void>;
  /** Assertions on the failing check (evidence, fix); may call other APIs (diagnose). */
  inspect(check: CheckResult): Promise<void> | void;
  fix(): Promise<void>;
}

/** Provokes, waits for the check, asserts, fixes, waits for the recovery; records the timings. */
async function failAndRecover(c: FaultCase): Promise<void> {
  const subject = `service:${c.service}`;
  const key = `${c.checkId}|${subject}`;
  const scoped = { scope: 'service' as const, target: c.service, maxMs: 420_000, everyMs: 2000 };
  const t: Record<string, number | string> = {};
  timings[key] = t;
  const t0 = Date.now();
  await c.provoke();
  const { check } = await env.waitForCheck({ id: c.checkId, subject, status: c.status }, scoped);
  t.reported = Date.now() - t0;
  t.severity = check.severity;
  console.log(
    `${key}: ${check.status}/${check.severity} ${check.message}\n  fix: ${check.fix ?? ''}\n  evidence: ${JSON.stringify(check.evidence)}`,
  );
  expect(check.message).toMatch(/\S/);
  expect(check.fix ?? '').toMatch(/\S/);
  expect(check.evidence).toBeDefined();
  await c.inspect(check);
  const isKey = (type: string) => (e: { type: string; check?: { check: CheckResult } }) =>
    e.type === type && e.check !== undefined && checkKey(e.check.check) === key;
  if (c.status === 'fail') {
    const failed = await env.events.waitFor(`${key} failed`, isKey('health.check.failed'), 120_000);
    t.failedEvent = failed.receivedAt - t0;
    expect(failed.check?.check.status).toBe('fail');
  }
  const t1 = Date.now();
  await c.fix();
  await env.waitForCheck({ id: c.checkId, subject, status: 'ok' }, scoped);
  t.okAfterFix = Date.now() - t1;
  if (c.status === 'fail') {
    const recovered = await env.events.waitFor(`${key} recovered`, isKey('health.check.recovered'), 120_000);
    t.recoveredEvent = recovered.receivedAt - t1;
    expect(recovered.check?.reason).toBe('changed');
    expect(recovered.check?.check.status).not.toBe('fail');
    // One outage, one pair of events: the check did not flap between fail and ok while the fault lasted.
    expect(env.events.forCheck(key, 'health.check.failed')).toHaveLength(1);
    expect(env.events.forCheck(key, 'health.check.recovered')).toHaveLength(1);
  }
}

// Generous bounds: on this 2-core machine under other people's load (load average 20-55) a crash loop's
// recovery took up to 173 s after the fix (the analyzer waits for the slot to outlive its failure gaps).
describe.concurrent('provoked faults on the one-node swarm', { timeout: 720_000 }, () => {
  test('unsatisfiable constraint → service.pending (reason constraint), recovered after the constraint is dropped', async () => {
    onTestFailed(() => void failures++);
    const name = serviceName('constraint');
    await failAndRecover({
      checkId: 'service.pending',
      service: name,
      status: 'fail',
      provoke: async () => {
        await createService(
          docker,
          spec(name, { template: { Placement: { Constraints: ['node.labels.swarmops-e2e-never==true'] } } }),
        );
      },
      inspect: (check) => {
        expect(check.evidence?.['reasons']).toEqual(['constraint']);
        expect(JSON.stringify(check.evidence)).toContain('node.labels.swarmops-e2e-never==true');
      },
      fix: () =>
        updateService(docker, name, (s) => {
          templateOf(s)['Placement'] = {};
          return s;
        }),
    });
  });

  test('reservation above the node CPUs → service.pending (reason resources), recovered after it is lowered', async () => {
    onTestFailed(() => void failures++);
    const name = serviceName('resources');
    const cpus = await largestNodeNanoCpus(docker);
    expect(cpus).toBeGreaterThan(0);
    await failAndRecover({
      checkId: 'service.pending',
      service: name,
      status: 'fail',
      provoke: async () => {
        await createService(
          docker,
          spec(name, { template: { Resources: { Reservations: { NanoCPUs: cpus + SECOND } } } }),
        );
      },
      inspect: (check) => {
        expect(check.evidence?.['reasons']).toEqual(['resources']);
      },
      fix: () =>
        updateService(docker, name, (s) => {
          templateOf(s)['Resources'] = {};
          return s;
        }),
    });
  });

  test('crash loop → service.crash-loop with exit code and task errors, diagnose_service explains it, recovered after the command is fixed', async () => {
    onTestFailed(() => void failures++);
    const name = serviceName('crash');
    await failAndRecover({
      checkId: 'service.crash-loop',
      service: name,
      status: 'fail',
      provoke: async () => {
        await createService(
          docker,
          spec(name, { command: ['sh', '-c', 'echo "boom: /etc/app.conf missing" >&2; exit 3'] }),
        );
      },
      inspect: async (check) => {
        expect(check.evidence?.['exitCodes']).toContain(3);
        expect(JSON.stringify(check.evidence?.['errors'])).toContain('non-zero exit (3)');
        const t0 = Date.now();
        const diagnosis = await env.diagnose(name);
        timings[`diagnose ${name}`] = { ms: Date.now() - t0 };
        console.log(`diagnose ${name}: ${JSON.stringify(diagnosis, null, 2).slice(0, 3000)}`);
        expect(diagnosis.service).toBe(name);
        expect(diagnosis.status).not.toBe('healthy');
        expect(diagnosis.summary).toMatch(/\S/);
        expect(diagnosis.taskErrors.length).toBeGreaterThan(0);
        expect(JSON.stringify(diagnosis.taskErrors)).toContain('non-zero exit (3)');
        expect(diagnosis.checks.some((c) => c.id === 'service.crash-loop' && c.status === 'fail')).toBe(true);
        expect(diagnosis.fixes.length).toBeGreaterThan(0);
        expect(diagnosis.fixes.join('\n')).toContain(name);
      },
      fix: () =>
        updateService(docker, name, (s) => {
          containerOf(s)['Command'] = ['sleep', '3600'];
          return s;
        }),
    });
  });

  test('failing healthcheck → service.healthcheck with how long each task was unhealthy, recovered after the healthcheck is fixed', async () => {
    onTestFailed(() => void failures++);
    const name = serviceName('unhealthy');
    await failAndRecover({
      checkId: 'service.healthcheck',
      service: name,
      status: 'fail',
      provoke: async () => {
        await createService(
          docker,
          spec(name, {
            container: {
              Healthcheck: {
                Test: ['CMD-SHELL', 'echo probe failed; exit 1'],
                Interval: SECOND,
                Timeout: SECOND,
                Retries: 2,
                StartPeriod: 0,
              },
            },
          }),
        );
      },
      inspect: (check) => {
        expect(JSON.stringify(check.evidence)).toMatch(/unhealthy/i);
      },
      fix: () =>
        updateService(docker, name, (s) => {
          containerOf(s)['Healthcheck'] = {
            Test: ['CMD-SHELL', 'true'],
            Interval: SECOND,
            Timeout: SECOND,
            Retries: 2,
            StartPeriod: 0,
          };
          return s;
        }),
    });
  });

  test('paused update (with image drift between its tasks) → service.update and service.image-drift, recovered after a good update', async () => {
    onTestFailed(() => void failures++);
    const name = serviceName('paused');
    const lock = hostDir(`${run}-lock`);
    cleanups.push(() => lock.remove());
    const drift = await tagTestImage(docker, `${run}-v2`);
    cleanups.push(() => drift.remove());
    await createService(
      docker,
      spec(name, {
        replicas: 3,
        extra: {
          UpdateConfig: {
            // The delay lets the second updated task fail (and pause the update) before the third slot is
            // touched: a task that exits at once still counts as started, so without it every slot is updated.
            Parallelism: 1,
            Delay: 10 * SECOND,
            FailureAction: 'pause',
            Monitor: 20 * SECOND,
            MaxFailureRatio: 0,
            Order: 'stop-first',
          },
        },
      }),
    );
    await waitRunning(docker, name, 3);
    let driftSeen: CheckResult | undefined;
    await failAndRecover({
      checkId: 'service.update',
      service: name,
      status: 'fail',
      // The new version: the first updated task takes the lock and runs; the next one fails, which pauses the
      // update with tasks of both images running.
      provoke: async () => {
        await updateService(docker, name, (s) => {
          const c = containerOf(s);
          c['Image'] = drift.ref;
          c['Command'] = [
            'sh',
            '-c',
            'mkdir /lock/first 2>/dev/null && exec sleep 3600; echo "v2 refuses to start: lock held" >&2; exit 4',
          ];
          c['Mounts'] = [{ Type: 'bind', Source: lock.path, Target: '/lock' }];
          return s;
        });
        expect(await waitUpdateState(docker, name, ['paused', 'rollback_paused'])).toBe('paused');
      },
      inspect: async (check) => {
        expect(JSON.stringify(check.evidence)).toContain('paused');
        const tasks = await serviceTasks(docker, name);
        console.log(
          `tasks of ${name} while paused:\n${tasks.map((t) => `  slot ${t.Slot ?? '-'} ${t.Status.State}/${t.DesiredState} ${t.Spec.ContainerSpec?.Image ?? ''} ${t.Status.Err ?? ''}`).join('\n')}`,
        );
        const running = tasks.filter((t) => t.Status.State === 'running' && t.DesiredState === 'running');
        const images = new Set(running.map((t) => t.Spec.ContainerSpec?.Image));
        timings[`drift ${name}`] = { runningImages: [...images].join(', ') };
        if (images.size > 1) {
          const { check: driftCheck } = await env.waitForCheck(
            { id: 'service.image-drift', subject: `service:${name}`, status: ['warn', 'fail'] },
            { scope: 'service', target: name, maxMs: 120_000, everyMs: 2000 },
          );
          driftSeen = driftCheck;
          console.log(`drift: ${driftCheck.message} ${JSON.stringify(driftCheck.evidence)}`);
          expect(JSON.stringify(driftCheck.evidence)).toContain(drift.ref);
          expect(JSON.stringify(driftCheck.evidence)).toContain(TEST_IMAGE);
        }
      },
      fix: () =>
        updateService(docker, name, (s) => {
          const c = containerOf(s);
          c['Image'] = TEST_IMAGE;
          c['Command'] = ['sleep', '3600'];
          delete c['Mounts'];
          return s;
        }),
    });
    if (driftSeen !== undefined) {
      await env.waitForCheck(
        { id: 'service.image-drift', subject: `service:${name}`, status: 'ok' },
        { scope: 'service', target: name, maxMs: 180_000, everyMs: 2000 },
      );
    }
  });

  test('Docker socket mount and NET_ADMIN → service.privileged, ok after both are removed', async () => {
    onTestFailed(() => void failures++);
    const name = serviceName('privileged');
    await failAndRecover({
      checkId: 'service.privileged',
      service: name,
      status: 'warn',
      provoke: async () => {
        await createService(
          docker,
          spec(name, {
            container: {
              Mounts: [
                {
                  Type: 'bind',
                  Source: '/var/run/docker.sock',
                  Target: '/var/run/docker.sock',
                  ReadOnly: true,
                },
              ],
              CapabilityAdd: ['NET_ADMIN'],
            },
          }),
        );
      },
      inspect: (check) => {
        expect(check.severity).toBe('high');
        const text = JSON.stringify(check.evidence) + check.message;
        expect(text).toContain('/var/run/docker.sock');
        expect(text).toContain('NET_ADMIN');
      },
      fix: () =>
        updateService(docker, name, (s) => {
          const c = containerOf(s);
          delete c['Mounts'];
          delete c['CapabilityAdd'];
          return s;
        }),
    });
  });
});
