import { describe, expect, it } from 'vitest';
import { TEST_LABEL, withDockerCleanup } from './docker-cleanup.js';
import { uniqueName } from './docker-names.js';
import { requireDocker } from './docker-require.js';
import { ensureTestImage } from './image-busybox.js';

describe('docker fixtures', () => {
  it('fails loudly naming the engine and what to run when it is unreachable', async () => {
    await expect(requireDocker('unix:///nonexistent/docker.sock')).rejects.toThrow(
      'Docker engine not reachable at unix:///nonexistent/docker.sock: run ./swarmops test',
    );
  });

  it('builds the busybox test image from scratch once and reuses it', async () => {
    const docker = await requireDocker();
    const tag = `swarmops/busybox:${uniqueName('build')}`;
    try {
      expect(await ensureTestImage(docker, { tag })).toBe(tag);
      const image = await docker.getImage(tag).inspect();
      expect(image.Config.Cmd).toEqual(['/bin/sh']);
      expect(await ensureTestImage(docker, { tag })).toBe(tag);
      expect((await docker.getImage(tag).inspect()).Id).toBe(image.Id);
    } finally {
      await docker
        .getImage(tag)
        .remove({ noprune: false })
        .catch(() => undefined);
    }
  });

  it('removes the labelled services, networks, configs and secrets after the body', async () => {
    const docker = await requireDocker();
    const image = await ensureTestImage(docker);
    let id = '';
    await withDockerCleanup(docker, async ({ labels, name, id: scopeId }) => {
      id = scopeId;
      const network = await docker.createNetwork({ Name: name('net'), Driver: 'overlay', Labels: labels });
      await docker.createConfig({
        Name: name('cfg'),
        Labels: labels,
        Data: Buffer.from('x').toString('base64'),
      });
      await docker.createSecret({
        Name: name('sec'),
        Labels: labels,
        Data: Buffer.from('y').toString('base64'),
      });
      await docker.createService({
        Name: name('svc'),
        Labels: labels,
        TaskTemplate: {
          ContainerSpec: { Image: image, Command: ['sleep', '3600'], Init: true },
          Networks: [{ Target: network.id }],
        },
        Mode: { Replicated: { Replicas: 1 } },
      });
    });
    const filters = JSON.stringify({ label: [`${TEST_LABEL}=${id}`] });
    expect(await docker.listServices({ filters })).toEqual([]);
    expect(await docker.listNetworks({ filters })).toEqual([]);
    expect(await docker.listConfigs({ filters })).toEqual([]);
    expect(await docker.listSecrets({ filters })).toEqual([]);
  });
});
