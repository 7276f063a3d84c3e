import Docker from 'dockerode';

/** The engine the tests use: `DOCKER_HOST`, default the local unix socket. */
export function testDockerHost(env: NodeJS.ProcessEnv = process.env): string {
  const host = env.DOCKER_HOST?.trim();
  return host === undefined || host === '' ? 'unix:///var/run/docker.sock' : host;
}

/**
 * A dockerode client for tests with a timeout on every call (a paused engine never answers).
 * `unix://` hosts use the socket; other hosts fall back to dockerode's own `DOCKER_HOST` /
 * `DOCKER_CERT_PATH` handling.
 */
export function createTestDocker(host: string = testDockerHost(), timeoutMs = 30_000): Docker {
  if (host.startsWith('unix://'))
    return new Docker({ socketPath: host.slice('unix://'.length), timeout: timeoutMs });
  return new Docker({ timeout: timeoutMs });
}
