import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Docker from 'dockerode';
import { DEFAULT_DOCKER_HOST, parseDockerHost } from './docker-host.js';
import { AppError } from '@swarmops/contracts';

/** Options of {@link createDockerClient}. Unset fields come from `env`. */
export interface DockerClientOptions {
  /** Engine address; default `env.DOCKER_HOST`, else `unix:///var/run/docker.sock`. */
  host?: string;
  /** Folder with `ca.pem`, `cert.pem`, `key.pem` for `tcp://`; default `env.DOCKER_CERT_PATH`. */
  certPath?: string;
  /**
   * Socket inactivity timeout of every Engine API call, in milliseconds (default 30 000). A paused
   * or hung engine never answers, so no call may wait forever. Long-lived streams (events) are
   * recycled by it when idle; the event watcher resumes them with `since`.
   */
  timeoutMs?: number;
  /** Environment to read `DOCKER_HOST` / `DOCKER_CERT_PATH` from; default `process.env`. */
  env?: NodeJS.ProcessEnv;
}

/** Default {@link DockerClientOptions.timeoutMs}. */
export const DEFAULT_DOCKER_TIMEOUT_MS = 30_000;

/**
 * Creates a dockerode client for the engine named by `DOCKER_HOST`.
 *
 * - `unix:///path` (the default `/var/run/docker.sock`) talks over the socket.
 * - `tcp://host:port` is accepted ONLY with TLS client certificates from `DOCKER_CERT_PATH`;
 *   plain TCP would hand root on the cluster to anyone on the network, so it is refused.
 *
 * @throws AppError `INVALID_REQUEST` naming `DOCKER_HOST` / `DOCKER_CERT_PATH`.
 * @example const docker = createDockerClient({ timeoutMs: 10_000 });
 */
export function createDockerClient(options: DockerClientOptions = {}): Docker {
  const env = options.env ?? process.env;
  const host = options.host ?? nonEmpty(env.DOCKER_HOST) ?? DEFAULT_DOCKER_HOST;
  const timeout = options.timeoutMs ?? DEFAULT_DOCKER_TIMEOUT_MS;
  if (!(timeout > 0)) {
    throw new AppError('INVALID_REQUEST', `timeoutMs must be a positive number, got ${timeout}`);
  }
  const endpoint = parseDockerHost(host);
  if (endpoint.kind === 'unix') return new Docker({ socketPath: endpoint.socketPath, timeout });

  const certPath = options.certPath ?? nonEmpty(env.DOCKER_CERT_PATH);
  if (certPath === undefined) {
    throw new AppError(
      'INVALID_REQUEST',
      `DOCKER_HOST=${host} is TCP but DOCKER_CERT_PATH is not set: plain TCP to the Docker engine is refused; ` +
        'set DOCKER_CERT_PATH to a folder with ca.pem, cert.pem and key.pem, or use a unix:// socket',
      { details: { variables: ['DOCKER_HOST', 'DOCKER_CERT_PATH'] } },
    );
  }
  return new Docker({
    host: endpoint.host,
    port: endpoint.port,
    protocol: 'https',
    ca: readCert(certPath, 'ca.pem'),
    cert: readCert(certPath, 'cert.pem'),
    key: readCert(certPath, 'key.pem'),
    timeout,
  });
}

function readCert(dir: string, file: string): Buffer {
  const path = join(dir, file);
  try {
    return readFileSync(path);
  } catch (cause) {
    throw new AppError(
      'INVALID_REQUEST',
      `DOCKER_CERT_PATH=${dir} has no readable ${file}: TLS to the Docker engine needs ca.pem, cert.pem and key.pem`,
      { cause, details: { variable: 'DOCKER_CERT_PATH', missing: path } },
    );
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
