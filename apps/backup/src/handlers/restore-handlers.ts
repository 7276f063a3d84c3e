import { endpoint } from '@swarmops/bus';
import type { RpcEndpoint } from '@swarmops/bus';
import { BackupRpc } from '@swarmops/contracts';
import type { RestoreRunner } from '../restore-run.js';
import { inspectBackup } from '../verify-run.js';
import type { VerifyDeps } from '../verify-run.js';

/** What verify and restore need. */
export interface RestoreHandlersDeps {
  verify: VerifyDeps;
  runner: RestoreRunner;
}

/** `verify` (read-only: checks and plan) and `restore` (verify, plan, then apply through the deployer). */
export function createRestoreHandlers(deps: RestoreHandlersDeps): RpcEndpoint[] {
  return [
    endpoint(BackupRpc.verify, async (req) => (await inspectBackup(deps.verify, req)).result),
    endpoint(BackupRpc.restore, (req) => deps.runner.restore(req)),
  ];
}
