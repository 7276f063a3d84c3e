import type { Analyzer } from '../analyzer.js';
import { humanDuration, okResult } from './cluster-results.js';

const ID = 'swarm.node-cert';
/** Swarm refuses node certificate validities below one hour; anything that short means constant renewals. */
export const MIN_NODE_CERT_SECONDS = 3600;

/**
 * The validity of node certificates (`CAConfig.NodeCertExpiry`). Swarm renews them on its own, but a node
 * offline for longer than the validity comes back with an expired certificate and must rejoin. Below one hour:
 * warn high; below `certFailDays`: warn medium; otherwise ok (Docker's default is 90 days).
 */
export const swarmNodeCertAnalyzer: Analyzer = {
  id: ID,
  title: 'node certificate validity',
  subjectKind: 'cluster',
  analyze(snapshot, { settings }) {
    const seconds = snapshot.swarm?.nodeCertExpirySeconds ?? null;
    if (snapshot.swarm === null || seconds === null) {
      return [
        {
          id: ID,
          status: 'warn',
          severity: 'low',
          subject: 'cluster',
          message:
            snapshot.swarm === null
              ? 'could not inspect the swarm, so the node certificate validity was not checked'
              : 'the swarm did not report its node certificate validity',
          evidence: { swarmInspected: snapshot.swarm !== null },
          fix: 'check that health reaches a manager engine (DOCKER_HOST) and that the swarm has a leader; docker swarm inspect must answer',
        },
      ];
    }
    const evidence = {
      nodeCertExpirySeconds: seconds,
      certFailDays: settings.certFailDays,
      minimumSeconds: MIN_NODE_CERT_SECONDS,
    };
    const fix = 'docker swarm update --cert-expiry 2160h0m0s (90 days, the default)';
    if (seconds < settings.certFailDays * 86_400) {
      const tooShort = seconds < MIN_NODE_CERT_SECONDS;
      return [
        {
          id: ID,
          status: 'warn',
          severity: tooShort ? 'high' : 'medium',
          subject: 'cluster',
          message: `node certificates are valid for only ${humanDuration(seconds)}: a node offline longer than that comes back with an expired certificate and must rejoin${tooShort ? '; below one hour every node renews constantly' : ''}`,
          evidence,
          fix,
        },
      ];
    }
    return [
      okResult(
        ID,
        `node certificates are issued for ${humanDuration(seconds)} and renewed automatically`,
        evidence,
      ),
    ];
  },
};
