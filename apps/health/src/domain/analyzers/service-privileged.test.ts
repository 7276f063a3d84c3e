import { describe, expect, it } from 'vitest';
import { DEFAULT_ANALYZER_SETTINGS } from '../analyzer.js';
import { RECORDED_AT, service, serviceFixtures } from '../__fixtures__/services/load.js';
import { ACCEPT_LABEL, privilegesOf, servicePrivileged } from './service-privileged.js';

const ctx = { now: RECORDED_AT, settings: DEFAULT_ANALYZER_SETTINGS };
const containerSpec = (s: { spec: Record<string, unknown> }) =>
  (s.spec['TaskTemplate'] as { ContainerSpec: Record<string, unknown> }).ContainerSpec;

describe('service.privileged', () => {
  it('warns about a Docker socket mount and NET_ADMIN, with the mounts and capabilities', () => {
    const results = servicePrivileged.analyze(serviceFixtures.faults(), ctx);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({
      status: 'warn',
      severity: 'high',
      subject: 'service:fx-sock',
      message:
        'fx-sock mounts the container engine socket /var/run/docker.sock, adds capability CAP_NET_ADMIN',
      evidence: {
        mounts: [{ type: 'bind', source: '/var/run/docker.sock', target: '/var/run/docker.sock' }],
        capabilityAdd: ['CAP_NET_ADMIN'],
      },
    });
    expect(results[0]?.fix).toContain(ACCEPT_LABEL);
  });

  it('grades capabilities and host access', () => {
    const s = service(serviceFixtures.faults(), 'ok');
    Object.assign(containerSpec(s), {
      CapabilityAdd: ['SYS_ADMIN', 'net_admin', 'CAP_CHOWN', 'ALL'],
      Mounts: [
        { Type: 'bind', Source: '/', Target: '/host' },
        { Type: 'volume', Source: 'data', Target: '/data' },
        { Type: 'bind', Source: '/run/containerd/containerd.sock', Target: '/c.sock' },
      ],
    });
    s.networks = ['host'];
    expect(privilegesOf(s)).toEqual([
      { what: 'bind-mounts the host path /', severity: 'medium' },
      { what: 'mounts the container engine socket /run/containerd/containerd.sock', severity: 'high' },
      { what: 'adds capability CAP_SYS_ADMIN', severity: 'high' },
      { what: 'adds capability CAP_NET_ADMIN', severity: 'medium' },
      { what: 'adds capability ALL', severity: 'high' },
      { what: 'joins the host network', severity: 'medium' },
    ]);
    Object.assign(containerSpec(s), { CapabilityAdd: ['CAP_NET_ADMIN'], Mounts: [] });
    s.networks = [];
    expect(privilegesOf(s)).toEqual([{ what: 'adds capability CAP_NET_ADMIN', severity: 'medium' }]);
  });

  it('counts a service labelled as accepted instead of warning', () => {
    const snapshot = serviceFixtures.faults();
    service(snapshot, 'sock').labels[ACCEPT_LABEL] = 'service.update, service.privileged';
    expect(servicePrivileged.analyze(snapshot, ctx)).toMatchObject([
      {
        status: 'ok',
        subject: 'cluster',
        message:
          'no service of 9 mounts the engine socket or adds privileged capabilities (1 accepted by label)',
        evidence: { accepted: ['fx-sock'] },
      },
    ]);
  });
});
