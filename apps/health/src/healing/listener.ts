import { errorMessage } from '@swarmops/bus';
import type { BusLogger } from '@swarmops/bus';
import { checkKey, HEALING_ACTION_FOR_CHECK, isAppError } from '@swarmops/contracts';
import type { HealingPolicy } from '@swarmops/contracts';
import type { FailingCheck, RunListener, RunOutcome } from '../domain/run-outcome.js';
import { decideHealing, refusalReason } from './decide.js';
import type { HealingDecision } from './decide.js';
import type { HealingDeployer } from './healing-deployer.js';
import type { HealingRepo, NewHealingRecord } from './healing-repo.js';

/** What the healing listener runs on (the NATS-free core; see `createHealingListener` for the wiring). */
export interface HealingCoreDeps {
  repo: HealingRepo;
  deployer: HealingDeployer;
  logger: BusLogger;
  maxPerHour: number;
  now: () => Date;
  newId: () => string;
}

/** A RunListener that also lets callers wait for the actions it runs in the background. */
export type HealingListener = RunListener & { settled(): Promise<void> };

const HOUR_MS = 3_600_000;

/**
 * Acts on each cluster-wide run's failing checks that have a policy other than `off`: decides (guardrails),
 * records `planned` (dry-run) or `refused` before returning, and in mode `on` asks the deployer in the
 * background, one action per check key at a time, recording `executed` or `failed` when it replies.
 */
export function createHealingCore(deps: HealingCoreDeps): HealingListener {
  const inFlight = new Map<string, { checkId: string; promise: Promise<void> }>();

  async function afterRun(outcome: RunOutcome): Promise<void> {
    const clusterId = outcome.snapshot.clusterId;
    const policies = new Map(
      (await deps.repo.policies(clusterId)).filter((p) => p.mode !== 'off').map((p) => [p.checkId, p]),
    );
    const candidates = outcome.failing.filter(
      (f) => f.check.status === 'fail' && policies.has(f.check.id) && f.check.id in HEALING_ACTION_FOR_CHECK,
    );
    if (candidates.length === 0) return;
    const runningStacks = await deps.deployer.runningStacks();
    for (const failing of candidates) {
      const policy = policies.get(failing.check.id);
      if (policy === undefined || inFlight.has(checkKey(failing.check))) continue;
      await handle(outcome, clusterId, failing, policy, runningStacks);
    }
  }

  async function handle(
    outcome: RunOutcome,
    clusterId: string,
    failing: FailingCheck,
    policy: HealingPolicy,
    runningStacks: string[],
  ): Promise<void> {
    const { check } = failing;
    const now = deps.now();
    const counts = await deps.repo.countSince(
      clusterId,
      check.id,
      policy.mode,
      new Date(now.getTime() - HOUR_MS),
    );
    // Actions still waiting for the deployer count against the caps too.
    const running = [...inFlight.values()];
    const decision = decideHealing({
      now,
      failing,
      policy,
      nodes: outcome.snapshot.nodes,
      services: outcome.snapshot.services,
      runningStacks,
      lastHour: {
        policy: counts.policy + running.filter((r) => r.checkId === check.id).length,
        overall: counts.overall + running.length,
      },
      maxPerHourOverall: deps.maxPerHour,
      lastAction: await deps.repo.lastAction(clusterId, check.id, check.subject, policy.mode),
    });
    const base = { checkId: check.id, subject: check.subject, action: policy.action, mode: policy.mode };
    const log = deps.logger;
    if (decision.kind === 'wait') {
      log.debug({ key: checkKey(check), why: decision.why }, 'healing waits');
      return;
    }
    if (decision.kind === 'refuse') {
      log.warn({ key: checkKey(check), guardrail: decision.guardrail, why: decision.why }, 'healing refused');
      await record(clusterId, { ...base, outcome: 'refused', reason: refusalReason(decision) });
      return;
    }
    if (policy.mode === 'dry-run') {
      log.info({ key: checkKey(check), why: decision.why }, 'healing planned (dry-run)');
      await record(clusterId, { ...base, outcome: 'planned', reason: null });
      return;
    }
    const key = checkKey(check);
    const promise = execute(clusterId, base, decision).finally(() => inFlight.delete(key));
    inFlight.set(key, { checkId: check.id, promise });
  }

  async function execute(
    clusterId: string,
    base: Pick<NewHealingRecord, 'checkId' | 'subject' | 'action' | 'mode'>,
    decision: HealingDecision & { kind: 'act' },
  ): Promise<void> {
    const started = deps.now().getTime();
    const reason = `health: ${base.checkId} failing on ${base.subject}`;
    let deploymentId: string | null = null;
    let result: Pick<NewHealingRecord, 'outcome' | 'reason' | 'errorCode'>;
    try {
      if (decision.target.kind === 'service') {
        deploymentId = deps.newId();
        const reply = await deps.deployer.restart({ service: decision.target.service, reason, deploymentId });
        result =
          reply.status === 'succeeded'
            ? { outcome: 'executed', reason: null, errorCode: null }
            : {
                outcome: 'failed',
                reason: `deployment ${reply.status}: ${reply.error ?? ''}`.trim(),
                errorCode: 'CONFLICT',
              };
      } else {
        await deps.deployer.drain({ node: decision.target.node, reason });
        result = { outcome: 'executed', reason: null, errorCode: null };
      }
    } catch (err) {
      const code = isAppError(err) ? err.code : 'INTERNAL';
      result =
        code === 'FORBIDDEN'
          ? { outcome: 'refused', reason: `deployer: ${errorMessage(err)}`, errorCode: code }
          : { outcome: 'failed', reason: errorMessage(err), errorCode: code };
    }
    deps.logger.info({ ...base, outcome: result.outcome, reason: result.reason }, 'healing action done');
    await record(clusterId, {
      ...base,
      ...result,
      deploymentId,
      durationMs: deps.now().getTime() - started,
    });
  }

  async function record(
    clusterId: string,
    input: Omit<NewHealingRecord, 'deploymentId' | 'durationMs' | 'errorCode'> &
      Partial<Pick<NewHealingRecord, 'deploymentId' | 'durationMs' | 'errorCode'>>,
  ): Promise<void> {
    try {
      await deps.repo.record(clusterId, {
        deploymentId: null,
        durationMs: 0,
        errorCode: null,
        ...input,
      });
    } catch (err) {
      deps.logger.error(
        { checkId: input.checkId, subject: input.subject, err: errorMessage(err) },
        'healing record failed',
      );
    }
  }

  return {
    name: 'healing',
    async afterRun(outcome) {
      try {
        await afterRun(outcome);
      } catch (err) {
        deps.logger.error({ err: errorMessage(err) }, 'healing run failed');
      }
    },
    async settled() {
      while (inFlight.size > 0) await Promise.all([...inFlight.values()].map((r) => r.promise));
    },
  };
}
