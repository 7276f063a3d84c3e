import { describe, expect, it } from 'vitest';
import { selectRetention } from './retention.js';

const NOW = new Date('2026-11-27T22:41:00Z'); // a Friday

function backup(createdAt: string) {
  const compact = createdAt.replace(/[-:]/g, '').replace(/\.\d+/, '');
  return { backupId: `${compact}-0000000${compact.slice(9, 10)}`, createdAt };
}

describe('selectRetention', () => {
  it('keeps the newest keepLast archives and prunes the rest when days and weeks keep nothing', () => {
    const summaries = [
      '2026-11-27T20:00:00Z',
      '2026-11-27T21:00:00Z',
      '2026-11-27T22:00:00Z',
      '2026-11-27T19:00:00Z',
    ].map(backup);
    const decision = selectRetention(summaries, NOW, { keepLast: 2, keepDaily: 0, keepWeekly: 0 });
    expect(decision.keep).toEqual([
      { backupId: summaries[2]!.backupId, reasons: ['last'] },
      { backupId: summaries[1]!.backupId, reasons: ['last'] },
    ]);
    expect(decision.prune).toEqual([summaries[0]!.backupId, summaries[3]!.backupId]);
  });

  it('keeps the newest archive of each of the last keepDaily UTC days', () => {
    const summaries = [
      '2026-11-27T01:00:00Z',
      '2026-11-27T22:00:00Z',
      '2026-11-26T23:59:59Z',
      '2026-11-26T00:00:00Z',
      '2026-11-25T12:00:00Z',
      '2026-11-24T12:00:00Z',
    ].map(backup);
    const decision = selectRetention(summaries, NOW, { keepLast: 1, keepDaily: 3, keepWeekly: 0 });
    expect(decision.keep).toEqual([
      { backupId: summaries[1]!.backupId, reasons: ['last', 'daily'] },
      { backupId: summaries[2]!.backupId, reasons: ['daily'] },
      { backupId: summaries[4]!.backupId, reasons: ['daily'] },
    ]);
    expect(decision.prune).toEqual([summaries[0]!.backupId, summaries[3]!.backupId, summaries[5]!.backupId]);
  });

  it('keeps the newest archive of each of the last keepWeekly ISO weeks (Monday to Sunday)', () => {
    const summaries = [
      '2026-11-23T00:00:00Z', // Monday of this week
      '2026-11-22T23:59:59Z', // Sunday: last week
      '2026-11-16T08:00:00Z', // Monday, last week
      '2026-11-15T08:00:00Z', // two weeks ago
      '2026-11-08T08:00:00Z', // three weeks ago
    ].map(backup);
    const decision = selectRetention(summaries, NOW, { keepLast: 1, keepDaily: 0, keepWeekly: 3 });
    expect(decision.keep).toEqual([
      { backupId: summaries[0]!.backupId, reasons: ['last', 'weekly'] },
      { backupId: summaries[1]!.backupId, reasons: ['weekly'] },
      { backupId: summaries[3]!.backupId, reasons: ['weekly'] },
    ]);
    expect(decision.prune).toEqual([summaries[2]!.backupId, summaries[4]!.backupId]);
  });

  it('treats ISO weeks across a year boundary as consecutive weeks', () => {
    const now = new Date('2027-01-01T12:00:00Z'); // a Friday in ISO week 2026-W53
    const summaries = ['2026-12-28T10:00:00Z', '2026-12-27T10:00:00Z', '2026-12-20T10:00:00Z'].map(backup);
    const decision = selectRetention(summaries, now, { keepLast: 1, keepDaily: 0, keepWeekly: 2 });
    expect(decision.keep.map((kept) => kept.reasons)).toEqual([['last', 'weekly'], ['weekly']]);
    expect(decision.prune).toEqual([summaries[2]!.backupId]);
  });

  it('keeps an archive dated after now (clock skew) as today’s', () => {
    const summaries = ['2026-11-28T10:00:00Z', '2026-11-27T10:00:00Z'].map(backup);
    const decision = selectRetention(summaries, NOW, { keepLast: 1, keepDaily: 1, keepWeekly: 0 });
    expect(decision.keep).toEqual([{ backupId: summaries[0]!.backupId, reasons: ['last', 'daily'] }]);
    expect(decision.prune).toEqual([summaries[1]!.backupId]);
  });

  it('returns nothing for no archives', () => {
    expect(selectRetention([], NOW, { keepLast: 7, keepDaily: 7, keepWeekly: 4 })).toEqual({
      keep: [],
      prune: [],
    });
  });
});
