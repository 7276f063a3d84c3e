/** How many archives to keep; the rest are pruned. */
export interface RetentionPolicy {
  /** The newest this many archives. */
  keepLast: number;
  /** The newest archive of each of the last this many UTC days (today included). */
  keepDaily: number;
  /** The newest archive of each of the last this many ISO weeks (Monday to Sunday, UTC; this week included). */
  keepWeekly: number;
}

export type RetentionReason = 'last' | 'daily' | 'weekly';

/** Which archives to keep (with why) and which to prune, both newest first. */
export interface RetentionDecision {
  keep: { backupId: string; reasons: RetentionReason[] }[];
  prune: string[];
}

const DAY_MS = 86_400_000;

/** Whole UTC days since the epoch. */
function dayNumber(at: Date): number {
  return Math.floor(at.getTime() / DAY_MS);
}

/** The UTC day number of the Monday that starts `at`'s ISO week (the epoch was a Thursday). */
function weekStart(at: Date): number {
  const day = dayNumber(at);
  return day - ((day + 3) % 7);
}

/**
 * Decides retention: an archive is kept when it is among the `keepLast` newest, or the newest of one of
 * the last `keepDaily` UTC days, or the newest of one of the last `keepWeekly` ISO weeks, counted back from
 * `now`. An archive dated after `now` (clock skew) counts as today. Pure.
 *
 * @example
 * selectRetention(summaries, new Date(), { keepLast: 7, keepDaily: 7, keepWeekly: 4 }).prune
 */
export function selectRetention(
  summaries: readonly { backupId: string; createdAt: string }[],
  now: Date,
  policy: RetentionPolicy,
): RetentionDecision {
  const newestFirst = [...summaries].sort(
    (a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.backupId.localeCompare(a.backupId),
  );
  const today = dayNumber(now);
  const thisWeek = weekStart(now);
  const daysSeen = new Set<number>();
  const weeksSeen = new Set<number>();
  const decision: RetentionDecision = { keep: [], prune: [] };
  newestFirst.forEach((summary, index) => {
    const createdAt = new Date(summary.createdAt);
    const reasons: RetentionReason[] = [];
    if (index < policy.keepLast) reasons.push('last');
    const day = Math.min(dayNumber(createdAt), today);
    if (!daysSeen.has(day)) {
      daysSeen.add(day);
      if (today - day < policy.keepDaily) reasons.push('daily');
    }
    const week = Math.min(weekStart(createdAt), thisWeek);
    if (!weeksSeen.has(week)) {
      weeksSeen.add(week);
      if ((thisWeek - week) / 7 < policy.keepWeekly) reasons.push('weekly');
    }
    if (reasons.length > 0) decision.keep.push({ backupId: summary.backupId, reasons });
    else decision.prune.push(summary.backupId);
  });
  return decision;
}
