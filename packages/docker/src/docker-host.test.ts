import { describe, expect, it } from 'vitest';
import { parseDockerHost } from './docker-host.js';

describe('parseDockerHost', () => {
  it('reads a unix socket path', () => {
    expect(parseDockerHost('unix:///run/swlab/n1/docker.sock')).toEqual({
      kind: 'unix',
      socketPath: '/run/swlab/n1/docker.sock',
    });
  });

  it('reads tcp host and port', () => {
    expect(parseDockerHost('tcp://10.0.0.5:2376')).toEqual({ kind: 'tcp', host: '10.0.0.5', port: 2376 });
  });

  it('defaults the tcp port to 2376', () => {
    expect(parseDockerHost('tcp://manager.example')).toEqual({
      kind: 'tcp',
      host: 'manager.example',
      port: 2376,
    });
  });

  it('rejects other schemes naming DOCKER_HOST', () => {
    expect(() => parseDockerHost('ssh://me@host')).toThrow(/DOCKER_HOST=ssh:\/\/me@host/);
  });

  it('rejects a relative unix path', () => {
    expect(() => parseDockerHost('unix://docker.sock')).toThrow(/absolute path/);
  });
});
