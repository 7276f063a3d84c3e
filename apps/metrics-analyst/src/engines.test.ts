import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { createEngines } from './engines.js';

describe('engines from the environment', () => {
  it('reads stats from the cluster engine and each other engine once', () => {
    const { engines } = createEngines(
      loadConfig({
        DOCKER_HOST: 'unix:///var/run/docker.sock',
        METRICS_DOCKER_HOSTS:
          'unix:///run/swlab/n2/docker.sock, unix:///var/run/docker.sock,unix:///run/swlab/n2/docker.sock',
      }),
    );
    expect(engines.map((e) => e.name)).toEqual([
      'unix:///var/run/docker.sock',
      'unix:///run/swlab/n2/docker.sock',
    ]);
  });

  it('defaults the cluster engine to the local socket', () => {
    expect(createEngines(loadConfig({})).engines.map((e) => e.name)).toEqual(['unix:///var/run/docker.sock']);
  });

  it('refuses a plain tcp engine without client certificates, naming DOCKER_CERT_PATH', () => {
    const config = loadConfig({ METRICS_DOCKER_HOSTS: 'tcp://worker-1:2375' });
    const certPath = process.env.DOCKER_CERT_PATH;
    delete process.env.DOCKER_CERT_PATH;
    try {
      expect(() => createEngines(config)).toThrow(/DOCKER_CERT_PATH/);
    } finally {
      if (certPath !== undefined) process.env.DOCKER_CERT_PATH = certPath;
    }
  });
});
