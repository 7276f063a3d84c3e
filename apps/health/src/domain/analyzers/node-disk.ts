import type { CheckResult } from '@swarmops/contracts';
import type { Analyzer } from '../analyzer.js';
import { humanDuration, okResult } from './cluster-results.js';

const ID = 'node.disk';
/** A disk that will be full within this many seconds at its current trend warns even below the ratios. */
export const DISK_FULL_SOON_SECONDS = 6 * 3600;

/** Disk use per node from metrics, when metrics are available. */
export const nodeDiskAnalyzer: Analyzer = {
  id: ID,
  title: 'disk pressure on nodes',
  subjectKind: 'node',
  analyze(snapshot, { settings }) {
    if (snapshot.disk === null) return [okResult(ID, 'no disk metrics available; disk pressure not checked')];
    const results: CheckResult[] = [];
    for (const d of snapshot.disk) {
      if (d.totalBytes <= 0) continue;
      const ratio = d.usedBytes / d.totalBytes;
      const soon = d.fullInSeconds !== null && d.fullInSeconds < DISK_FULL_SOON_SECONDS;
      if (ratio < settings.diskWarnRatio && !soon) continue;
      const fail = ratio >= settings.diskFailRatio;
      const trend =
        d.fullInSeconds === null
          ? ''
          : `, full in about ${humanDuration(d.fullInSeconds)} at the current trend`;
      results.push({
        id: ID,
        status: fail ? 'fail' : 'warn',
        severity: fail || soon ? 'high' : 'medium',
        subject: `node:${d.hostname}`,
        message: `${d.hostname} disk is ${Math.round(ratio * 100)}% used${trend}; a full disk stops image pulls, logs and containers`,
        evidence: {
          nodeId: d.nodeId,
          hostname: d.hostname,
          usedBytes: d.usedBytes,
          totalBytes: d.totalBytes,
          ratio: Math.round(ratio * 1000) / 1000,
          fullInSeconds: d.fullInSeconds,
          warnRatio: settings.diskWarnRatio,
          failRatio: settings.diskFailRatio,
        },
        fix: `on ${d.hostname}: docker system df, then docker system prune (unused images, stopped containers, build cache) and rotate container logs; grow the disk if it is still short`,
      });
    }
    if (results.length > 0) return results;
    return [
      okResult(
        ID,
        `disk use on ${snapshot.disk.length} node(s) below ${Math.round(settings.diskWarnRatio * 100)}%`,
      ),
    ];
  },
};
