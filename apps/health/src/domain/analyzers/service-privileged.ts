import type { CheckResult, Severity } from '@swarmops/contracts';
import type { Analyzer } from '../analyzer.js';
import type { ServiceFacts } from '../snapshot.js';
import { containerSpec, docList, serviceSubject, stringList } from './service-facts.js';

/** Capabilities that amount to root on the node (same list as the deployer's policy guard). */
const HIGH_CAPABILITIES = new Set([
  'ALL',
  'CAP_SYS_ADMIN',
  'CAP_SYS_PTRACE',
  'CAP_SYS_MODULE',
  'CAP_DAC_READ_SEARCH',
  'CAP_SYS_RAWIO',
  'CAP_SYS_BOOT',
  'CAP_BPF',
  'CAP_MAC_ADMIN',
  'CAP_MAC_OVERRIDE',
  'CAP_CHECKPOINT_RESTORE',
]);
const MEDIUM_CAPABILITIES = new Set([
  'CAP_NET_ADMIN',
  'CAP_SYS_TIME',
  'CAP_PERFMON',
  'CAP_SYSLOG',
  'CAP_LINUX_IMMUTABLE',
]);
const SENSITIVE_PATHS = ['/', '/etc', '/proc', '/sys', '/dev', '/boot', '/root', '/var/lib/docker'];

/** A label a service carries to say its privileges are intended: `swarmops.health.accept=service.privileged`. */
export const ACCEPT_LABEL = 'swarmops.health.accept';

interface Finding {
  what: string;
  severity: Severity;
}

function capability(name: string): string {
  const upper = name.trim().toUpperCase();
  return upper === 'ALL' || upper.startsWith('CAP_') ? upper : `CAP_${upper}`;
}

/** What makes the service privileged on its node; empty when nothing does. */
export function privilegesOf(service: ServiceFacts): Finding[] {
  const spec = containerSpec(service);
  const findings: Finding[] = [];
  for (const mount of docList(spec['Mounts'])) {
    const source = typeof mount['Source'] === 'string' ? mount['Source'].replace(/\/+$/, '') || '/' : '';
    if (mount['Type'] !== 'bind' || source === '') continue;
    if (/(docker|containerd)\.sock$/.test(source))
      findings.push({ what: `mounts the container engine socket ${source}`, severity: 'high' });
    else if (SENSITIVE_PATHS.includes(source))
      findings.push({ what: `bind-mounts the host path ${source}`, severity: 'medium' });
  }
  for (const cap of stringList(spec['CapabilityAdd']).map(capability)) {
    if (HIGH_CAPABILITIES.has(cap)) findings.push({ what: `adds capability ${cap}`, severity: 'high' });
    else if (MEDIUM_CAPABILITIES.has(cap))
      findings.push({ what: `adds capability ${cap}`, severity: 'medium' });
  }
  // Newer engines may carry host namespaces in the spec; Swarm on API 1.41 has no such fields.
  for (const key of ['PidMode', 'Pid', 'IpcMode', 'Ipc']) {
    if (spec[key] === 'host')
      findings.push({ what: `shares the host ${key.slice(0, 3).toLowerCase()} namespace`, severity: 'high' });
  }
  if ((service.networks ?? []).includes('host'))
    findings.push({ what: 'joins the host network', severity: 'medium' });
  return findings;
}

function accepted(service: ServiceFacts): boolean {
  return (service.labels[ACCEPT_LABEL] ?? '')
    .split(',')
    .map((s) => s.trim())
    .includes('service.privileged');
}

/**
 * `service.privileged`: services with node-level privileges: a Docker/containerd socket mount, privileged
 * capabilities (SYS_ADMIN, NET_ADMIN, ALL...), host namespaces, sensitive host paths. A `warn` (a risk, not an
 * outage); a service labelled `swarmops.health.accept=service.privileged` is counted as accepted instead.
 */
export const servicePrivileged: Analyzer = {
  id: 'service.privileged',
  title: 'services with node-level privileges',
  subjectKind: 'service',
  analyze(snapshot) {
    const results: CheckResult[] = [];
    const acceptedNames: string[] = [];
    for (const service of snapshot.services) {
      const findings = privilegesOf(service);
      if (findings.length === 0) continue;
      if (accepted(service)) {
        acceptedNames.push(service.name);
        continue;
      }
      const high = findings.some((f) => f.severity === 'high');
      results.push({
        id: 'service.privileged',
        status: 'warn',
        severity: high ? 'high' : 'medium',
        subject: serviceSubject(service),
        message: `${service.name} ${findings.map((f) => f.what).join(', ')}`,
        evidence: {
          findings: findings.map((f) => f.what),
          mounts: docList(containerSpec(service)['Mounts']).map((m) => ({
            type: m['Type'],
            source: m['Source'],
            target: m['Target'],
          })),
          capabilityAdd: stringList(containerSpec(service)['CapabilityAdd']),
          stack: service.stack,
        },
        fix:
          `anything that can reach these controls every node: drop the socket mount and capabilities from ${service.name} ` +
          `(use a narrow API proxy or a read-only client), or, if intended, label it \`${ACCEPT_LABEL}=service.privileged\``,
      });
    }
    if (results.length > 0) return results;
    return [
      {
        id: 'service.privileged',
        status: 'ok',
        severity: 'info',
        subject: 'cluster',
        message: `no service of ${snapshot.services.length} mounts the engine socket or adds privileged capabilities${acceptedNames.length > 0 ? ` (${acceptedNames.length} accepted by label)` : ''}`,
        evidence: { services: snapshot.services.length, accepted: acceptedNames },
      },
    ];
  },
};
