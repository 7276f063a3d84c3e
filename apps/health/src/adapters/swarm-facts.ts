import type Docker from 'dockerode';
import type { SwarmFacts } from '../domain/snapshot.js';

interface SwarmInspect {
  CreatedAt?: string;
  UpdatedAt?: string;
  Spec?: { CAConfig?: { NodeCertExpiry?: number } };
  TLSInfo?: { TrustRoot?: string };
}

/**
 * Reads the swarm's CA facts with `docker swarm inspect` (read-only; join tokens are dropped here and never
 * leave this function). Null when the engine does not answer or is not a manager.
 */
export async function readSwarmFacts(docker: Docker): Promise<SwarmFacts | null> {
  try {
    const swarm = (await docker.swarmInspect()) as SwarmInspect;
    const expiryNs = swarm.Spec?.CAConfig?.NodeCertExpiry;
    return {
      trustRootPem: swarm.TLSInfo?.TrustRoot ?? null,
      // The engine reports a Go duration in nanoseconds.
      nodeCertExpirySeconds: typeof expiryNs === 'number' ? Math.round(expiryNs / 1e9) : null,
      createdAt: swarm.UpdatedAt ?? swarm.CreatedAt ?? null,
    };
  } catch {
    return null;
  }
}
