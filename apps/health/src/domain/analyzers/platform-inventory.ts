import type { Analyzer } from '../analyzer.js';
import { notProbed, probeEvidence } from './platform-core.js';
import { humanDuration, okResult, secondsSince } from './cluster-results.js';

const ID = 'platform.inventory';
/** INVENTORY_RESYNC_SECONDS' default, used when the probe does not say. */
export const DEFAULT_INVENTORY_RESYNC_SECONDS = 30;
/** Inventory is stale when its last full reconcile is older than this many resync intervals. */
export const STALE_INTERVALS = 3;

/**
 * Inventory answers and its data is fresh. Every other check reads inventory's data, so a stale inventory
 * means the verdict itself is out of date (e.g. inventory cannot reach a manager after a quorum loss).
 */
export const platformInventoryAnalyzer: Analyzer = {
  id: ID,
  title: 'inventory answering with fresh data',
  subjectKind: 'platform',
  analyze(snapshot, { now }) {
    const probe = snapshot.platform.find((p) => p.part === 'inventory');
    if (probe === undefined) return [notProbed(ID, 'inventory')];
    const resync =
      typeof probe.evidence?.resyncSeconds === 'number' && probe.evidence.resyncSeconds > 0
        ? probe.evidence.resyncSeconds
        : DEFAULT_INVENTORY_RESYNC_SECONDS;
    const last = snapshot.summary.lastReconcileAt;
    const age = secondsSince(last, now);
    const staleAfter = STALE_INTERVALS * resync;
    const evidence = {
      ...probeEvidence(probe),
      lastReconcileAt: last,
      ageSeconds: age,
      resyncSeconds: resync,
      staleAfterSeconds: staleAfter,
    };
    const subject = 'platform:inventory';
    if (!probe.ok) {
      return [
        {
          id: ID,
          status: 'fail',
          severity: 'high',
          subject,
          message: `inventory does not answer: ${probe.detail}; every check reads its data`,
          evidence,
          fix: 'check the inventory process (its /readyz and log) and restart it; ./swarmops status shows it',
        },
      ];
    }
    if (age === null || age > staleAfter) {
      return [
        {
          id: ID,
          status: 'fail',
          severity: 'high',
          subject,
          message:
            age === null
              ? 'inventory has never completed a full reconcile: the cluster data health reads is incomplete'
              : `inventory's last full reconcile was ${humanDuration(age)} ago (more than ${STALE_INTERVALS} x ${resync} s): the cluster data health reads is stale`,
          evidence,
          fix: 'read the inventory log for the Docker error it retries on (e.g. "the swarm does not have a leader" after a quorum loss, or an unreachable DOCKER_HOST) and fix that; restart inventory if it is stuck',
        },
      ];
    }
    return [okResult(ID, `inventory answers; last full reconcile ${humanDuration(age)} ago`, evidence)];
  },
};
