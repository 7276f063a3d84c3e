import { describe, expect, it } from 'vitest';

import type { EngineMount } from './engine-types.js';
import type { ComposeService } from './model.js';
import { DANGEROUS_CAPABILITIES, enforcePolicy, findViolations, type PolicySubject } from './policy.js';

const policy = { bindMountPrefixes: ['/srv/data'], trustedStacks: ['ops'] };

function subject(
  service: ComposeService,
  mounts: EngineMount[] = [],
  networks: string[] = [],
): PolicySubject {
  return {
    name: 'api',
    service,
    mounts: mounts.map((mount, index) => ({ index, mount })),
    networks: networks.map((target) => ({ composeName: target === 'host' ? 'hostnet' : target, target })),
  };
}

const bind = (source: string): EngineMount => ({ Type: 'bind', Source: source, Target: '/x' });

describe('findViolations', () => {
  it('flags Docker socket mounts, however they are spelled', () => {
    for (const source of [
      '/var/run/docker.sock',
      '/run/docker.sock',
      '/home/u/.docker/desktop/docker.sock',
      '/var/run',
      '/run/',
      '/',
    ]) {
      expect(findViolations(subject({}, [bind(source)]), policy).map((v) => v.rule)).toEqual([
        'docker-socket',
      ]);
    }
  });

  it('allows binds inside the allowed prefixes only', () => {
    expect(findViolations(subject({}, [bind('/srv/data'), bind('/srv/data/app')]), policy)).toEqual([]);
    const violations = findViolations(
      subject({}, [bind('/srv/database'), bind('/srv/data/../../etc'), bind('/etc')]),
      policy,
    );
    expect(violations.map((v) => [v.path, v.rule])).toEqual([
      ['services.api.volumes[0]', 'bind-mount-outside-allowlist'],
      ['services.api.volumes[1]', 'bind-mount-outside-allowlist'],
      ['services.api.volumes[2]', 'bind-mount-outside-allowlist'],
    ]);
    expect(violations[1]?.message).toContain('/etc');
  });

  it('sees a local volume with o=bind as a bind of its device', () => {
    const disguised: EngineMount = {
      Type: 'volume',
      Source: 'st_v',
      VolumeOptions: {
        DriverConfig: { Name: 'local', Options: { type: 'none', o: 'bind', device: '/etc' } },
      },
    };
    expect(findViolations(subject({}, [disguised]), policy).map((v) => v.rule)).toEqual([
      'bind-mount-outside-allowlist',
    ]);
  });

  it('ignores named volumes and tmpfs', () => {
    expect(
      findViolations(
        subject({}, [
          { Type: 'volume', Source: 'st_v' },
          { Type: 'tmpfs', Target: '/t' },
        ]),
        policy,
      ),
    ).toEqual([]);
  });

  it('flags dangerous capabilities in any spelling', () => {
    const violations = findViolations(
      subject({ cap_add: ['sys_admin', 'CAP_NET_ADMIN', 'all', 'CHOWN', 'NET_BIND_SERVICE'] }),
      policy,
    );
    expect(violations.map((v) => v.path)).toEqual([
      'services.api.cap_add[0]',
      'services.api.cap_add[1]',
      'services.api.cap_add[2]',
    ]);
    expect(DANGEROUS_CAPABILITIES).toContain('CAP_SYS_PTRACE');
  });

  it('flags privileged, host pid, host ipc and host networking', () => {
    const violations = findViolations(
      subject(
        { privileged: true, pid: 'host', ipc: 'host', network_mode: 'host' },
        [],
        ['host', 'st_default'],
      ),
      policy,
    );
    expect(violations.map((v) => [v.service, v.path, v.rule])).toEqual([
      ['api', 'services.api.privileged', 'privileged'],
      ['api', 'services.api.pid', 'host-pid'],
      ['api', 'services.api.ipc', 'host-ipc'],
      ['api', 'services.api.network_mode', 'host-network'],
      ['api', 'services.api.networks.hostnet', 'host-network'],
    ]);
  });
});

describe('enforcePolicy', () => {
  const violations = findViolations(subject({ privileged: true }, [bind('/var/run/docker.sock')]), policy);

  it('refuses an untrusted stack with FORBIDDEN naming service and key', () => {
    let thrown: unknown;
    try {
      enforcePolicy('web', violations, policy);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({
      code: 'FORBIDDEN',
      message:
        'policy: service api: services.api.volumes[0] mounts the Docker socket (/var/run/docker.sock) (and 1 more)',
      details: { violations },
    });
  });

  it('turns violations into policy-exception warnings for a trusted stack', () => {
    expect(enforcePolicy('ops', violations, policy)).toEqual([
      {
        code: 'policy-exception',
        path: 'services.api.volumes[0]',
        message: expect.stringContaining('trusted stack ops') as unknown,
      },
      {
        code: 'policy-exception',
        path: 'services.api.privileged',
        message: expect.stringContaining('privileged') as unknown,
      },
    ]);
  });

  it('passes when there is nothing to report', () => {
    expect(enforcePolicy('web', [], policy)).toEqual([]);
  });
});
