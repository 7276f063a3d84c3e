import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAppError } from '@swarmops/contracts';
import { describe, expect, it } from 'vitest';
import { createDockerClient } from './client.js';

/** The fields of docker-modem the client sets; its typings omit them. */
interface ModemFields {
  socketPath?: string;
  timeout?: number;
  protocol?: string;
  host?: string;
  cert?: Buffer;
}
const modem = (docker: ReturnType<typeof createDockerClient>) => docker.modem as unknown as ModemFields;

describe('createDockerClient', () => {
  it('uses the unix socket when DOCKER_HOST is not set', () => {
    const docker = createDockerClient({ env: {} });
    expect(modem(docker).socketPath).toBe('/var/run/docker.sock');
    expect(modem(docker).timeout).toBe(30_000);
  });

  it('refuses plain tcp without DOCKER_CERT_PATH', () => {
    const create = () => createDockerClient({ env: { DOCKER_HOST: 'tcp://10.0.0.5:2375' } });
    expect(create).toThrow(/DOCKER_HOST=tcp:\/\/10.0.0.5:2375 is TCP but DOCKER_CERT_PATH is not set/);
    const error = (() => {
      try {
        create();
      } catch (thrown) {
        return thrown;
      }
      return undefined;
    })();
    expect(isAppError(error) && error.code).toBe('INVALID_REQUEST');
  });

  it('names the missing certificate file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'certs-'));
    try {
      writeFileSync(join(dir, 'ca.pem'), 'ca');
      expect(() => createDockerClient({ host: 'tcp://h:2376', certPath: dir, env: {} })).toThrow(
        /no readable cert.pem/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('uses https with the client certificates for tcp', () => {
    const dir = mkdtempSync(join(tmpdir(), 'certs-'));
    try {
      for (const f of ['ca.pem', 'cert.pem', 'key.pem']) writeFileSync(join(dir, f), f);
      const docker = createDockerClient({
        env: { DOCKER_HOST: 'tcp://h:2376', DOCKER_CERT_PATH: dir },
        timeoutMs: 5000,
      });
      expect(modem(docker).protocol).toBe('https');
      expect(modem(docker).host).toBe('h');
      expect(String(modem(docker).cert)).toBe('cert.pem');
      expect(modem(docker).timeout).toBe(5000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
