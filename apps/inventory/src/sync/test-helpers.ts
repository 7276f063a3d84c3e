// Test-only helpers of the inventory integration tests (compiled, never imported by src).
import type Docker from 'dockerode';
import type pg from 'pg';

/** Polls `check` until it returns a value, failing with `what` after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Creates a light replicated service (`sleep 3600`, init) and returns its id. */
export async function createSleeper(
  docker: Docker,
  {
    name,
    labels,
    image,
    replicas = 1,
  }: { name: string; labels: Record<string, string>; image: string; replicas?: number },
): Promise<string> {
  const created = (await docker.createService({
    Name: name,
    Labels: labels,
    TaskTemplate: { ContainerSpec: { Image: image, Args: ['sleep', '3600'], Init: true } },
    Mode: { Replicated: { Replicas: replicas } },
  })) as { id?: string; ID?: string };
  return created.id ?? created.ID ?? '';
}

/** Sets the replica count of a service. */
export async function scaleService(docker: Docker, id: string, replicas: number): Promise<void> {
  const service = docker.getService(id);
  const current = (await service.inspect()) as { Version: { Index: number }; Spec: Record<string, unknown> };
  await service.update({
    ...current.Spec,
    version: current.Version.Index,
    Mode: { Replicated: { Replicas: replicas } },
  });
}

/** The outbox event types announcing the object `id`, oldest first. */
export async function outboxTypes(pool: pg.Pool, id: string): Promise<string[]> {
  const { rows } = await pool.query<{ type: string }>(
    `SELECT type FROM outbox WHERE payload->'data'->>'id' = $1 ORDER BY created_at, type`,
    [id],
  );
  return rows.map((r) => r.type);
}

/** Whether the service's tasks have settled: desired replicas running and no task on its way. */
export async function settled(docker: Docker, id: string, replicas: number): Promise<true | undefined> {
  const tasks = (await docker.listTasks({ filters: JSON.stringify({ service: [id] }) })) as Array<{
    DesiredState?: string;
    Status?: { State?: string };
  }>;
  const live = tasks.filter((t) => t.DesiredState === 'running');
  const running = live.filter((t) => t.Status?.State === 'running');
  const moving = tasks.filter((t) => t.DesiredState !== 'running' && t.Status?.State === 'running');
  return live.length === replicas && running.length === replicas && moving.length === 0 ? true : undefined;
}
