import type { Analyzer } from '../analyzer.js';
import { probeEvidence } from './platform-core.js';
import { okResult } from './cluster-results.js';

const ID = 'platform.service';
const PREFIX = 'service:';

/** Every Swarmops service of HEALTH_PLATFORM_SERVICES answers `$SRV.PING`. */
export const platformServiceAnalyzer: Analyzer = {
  id: ID,
  title: 'Swarmops services answering $SRV.PING',
  subjectKind: 'platform',
  analyze(snapshot) {
    const probes = snapshot.platform.filter((p) => p.part.startsWith(PREFIX));
    if (probes.length === 0)
      return [okResult(ID, 'no platform services configured (HEALTH_PLATFORM_SERVICES)')];
    const down = probes
      .filter((p) => !p.ok)
      .map((p) => {
        const name = p.part.slice(PREFIX.length);
        return {
          id: ID,
          status: 'fail' as const,
          severity: 'high' as const,
          subject: `platform:${p.part}`,
          message: `Swarmops service ${name} does not answer $SRV.PING: ${p.detail}`,
          evidence: { ...probeEvidence(p), service: name },
          fix: `start ${name} again (./swarmops up starts every platform service; ./swarmops status shows which are down) and read its log for why it stopped`,
        };
      });
    if (down.length > 0) return down;
    const names = probes.map((p) => p.part.slice(PREFIX.length));
    return [
      okResult(ID, `${names.join(', ')} answer $SRV.PING`, {
        services: probes.map((p) => ({ service: p.part.slice(PREFIX.length), latencyMs: p.latencyMs })),
      }),
    ];
  },
};
