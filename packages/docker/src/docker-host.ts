import { AppError } from '@swarmops/contracts';

/** The default engine address when `DOCKER_HOST` is not set. */
export const DEFAULT_DOCKER_HOST = 'unix:///var/run/docker.sock';

/** Where the engine listens, as parsed from a `DOCKER_HOST` value. */
export type DockerEndpoint =
  { kind: 'unix'; socketPath: string } | { kind: 'tcp'; host: string; port: number };

/**
 * Parses a `DOCKER_HOST` value: `unix:///path/to/docker.sock` or `tcp://host:port`
 * (`https://` is accepted as a synonym of `tcp://`). Anything else throws `INVALID_REQUEST`.
 *
 * @example parseDockerHost('unix:///run/swlab/n1/docker.sock') // { kind: 'unix', socketPath: '/run/swlab/n1/docker.sock' }
 */
export function parseDockerHost(value: string): DockerEndpoint {
  const host = value.trim();
  if (host.startsWith('unix://')) {
    const socketPath = host.slice('unix://'.length);
    if (!socketPath.startsWith('/')) {
      throw invalid(value, 'a unix socket address needs an absolute path, e.g. unix:///var/run/docker.sock');
    }
    return { kind: 'unix', socketPath };
  }
  if (host.startsWith('tcp://') || host.startsWith('https://')) {
    let url: URL;
    try {
      url = new URL(host.replace(/^tcp:/, 'https:'));
    } catch (cause) {
      throw invalid(value, 'expected tcp://host:port', cause);
    }
    const port = url.port === '' ? 2376 : Number(url.port);
    if (url.hostname === '' || !Number.isInteger(port)) throw invalid(value, 'expected tcp://host:port');
    return { kind: 'tcp', host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port };
  }
  throw invalid(value, 'supported forms are unix:///path/to/docker.sock and tcp://host:port (with TLS)');
}

function invalid(value: string, hint: string, cause?: unknown): AppError {
  return new AppError('INVALID_REQUEST', `DOCKER_HOST=${value} is not usable: ${hint}`, {
    cause,
    details: { variable: 'DOCKER_HOST', value },
  });
}
