import type { CheckResult, Severity } from '@swarmops/contracts';
import type { Analyzer } from '../analyzer.js';
import type { PlatformProbe } from '../snapshot.js';
import { okResult } from './cluster-results.js';

/** A NATS round trip slower than this warns: every RPC and event pays it. */
export const SLOW_NATS_RTT_MS = 500;

interface PartSpec {
  part: 'nats' | 'jetstream' | 'postgres';
  title: string;
  what: string;
  /** Severity of a failed probe: critical when the platform is out of service without it. */
  severity: Severity;
  fix: string;
  slowMs?: number;
}

/** The result for a platform part that was not probed in this run. */
export function notProbed(id: string, part: string): CheckResult {
  return {
    id,
    status: 'warn',
    severity: 'low',
    subject: `platform:${part}`,
    message: `${part} was not probed in this run, so its state is unknown`,
    evidence: { part },
    fix: 'report this as a Swarmops bug with the health service log: every run should probe it',
  };
}

/** The evidence of a probe: its own evidence plus what was seen. */
export function probeEvidence(probe: PlatformProbe): Record<string, unknown> {
  return {
    part: probe.part,
    ok: probe.ok,
    latencyMs: probe.latencyMs,
    detail: probe.detail,
    ...probe.evidence,
  };
}

function platformAnalyzer(spec: PartSpec): Analyzer {
  const id = `platform.${spec.part}`;
  return {
    id,
    title: spec.title,
    subjectKind: 'platform',
    analyze(snapshot) {
      const probe = snapshot.platform.find((p) => p.part === spec.part);
      if (probe === undefined) return [notProbed(id, spec.part)];
      const base = { id, subject: `platform:${spec.part}`, evidence: probeEvidence(probe), fix: spec.fix };
      if (!probe.ok) {
        return [
          {
            ...base,
            status: 'fail',
            severity: spec.severity,
            message: `${spec.what} is down: ${probe.detail}`,
          },
        ];
      }
      if (spec.slowMs !== undefined && probe.latencyMs !== null && probe.latencyMs > spec.slowMs) {
        return [
          {
            ...base,
            status: 'warn',
            severity: 'medium',
            message: `${spec.what} answers slowly: ${probe.latencyMs} ms (above ${spec.slowMs} ms)`,
          },
        ];
      }
      const latency = probe.latencyMs === null ? '' : ` in ${probe.latencyMs} ms`;
      return [okResult(id, `${spec.what} answered${latency}: ${probe.detail}`, probeEvidence(probe))];
    },
  };
}

export const platformNatsAnalyzer = platformAnalyzer({
  part: 'nats',
  title: 'NATS reachable',
  what: 'NATS',
  severity: 'critical',
  slowMs: SLOW_NATS_RTT_MS,
  fix: 'check nats-server is running and reachable at NATS_URL (./swarmops status, its log); every Swarmops service talks through it',
});

export const platformJetstreamAnalyzer = platformAnalyzer({
  part: 'jetstream',
  title: 'JetStream events stream available',
  what: 'JetStream',
  severity: 'high',
  fix: 'check nats-server runs with JetStream (-js -sd <dir>) and has disk space left; the services recreate the SWARMOPS_EVENTS stream when they start',
});

export const platformPostgresAnalyzer = platformAnalyzer({
  part: 'postgres',
  title: 'PostgreSQL reachable',
  what: 'PostgreSQL',
  severity: 'critical',
  fix: 'check PostgreSQL is running and accepts connections at DATABASE_URL (pg_isready, its log, free disk and connection slots)',
});
