import { asObject, compact } from './json.js';
import type { Json } from './json.js';

/**
 * The swarm settings a restore puts back (what the deployer's restore.apply applies): Orchestration, Raft,
 * Dispatcher, CAConfig.NodeCertExpiry and TaskDefaults, compacted. The CA's certificates, external CAs,
 * join tokens and encryption settings stay with the target swarm.
 */
export function swarmSettings(spec: unknown): Json {
  const input = asObject(spec);
  const expiry = asObject(input['CAConfig'])['NodeCertExpiry'];
  const picked = {
    Orchestration: input['Orchestration'],
    Raft: input['Raft'],
    Dispatcher: input['Dispatcher'],
    CAConfig: expiry === undefined ? undefined : { NodeCertExpiry: expiry },
    TaskDefaults: input['TaskDefaults'],
  };
  return asObject(compact(picked));
}
