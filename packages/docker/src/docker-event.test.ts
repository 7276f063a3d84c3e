import { describe, expect, it } from 'vitest';
import { eventKey, parseDockerEvent } from './docker-event.js';
import { EventDeduper } from './event-dedupe.js';
import { resumeSince, toDockerTimestamp, toNanos } from './event-since.js';

const line = (timeNano: string, id = 'svc1', action = 'create') =>
  `{"Type":"service","Action":"${action}","Actor":{"ID":"${id}","Attributes":{"name":"web"}},"scope":"swarm","time":1700000000,"timeNano":${timeNano}}`;

describe('parseDockerEvent', () => {
  it('keeps timeNano exact beyond double precision', () => {
    const event = parseDockerEvent(line('1700000000123456789'));
    expect(event?.timeNano).toBe(1700000000123456789n);
    expect(event?.Actor).toEqual({ ID: 'svc1', Attributes: { name: 'web' } });
    expect(event?.scope).toBe('swarm');
  });

  it('returns undefined for garbage', () => {
    expect(parseDockerEvent('{"Type":')).toBeUndefined();
    expect(parseDockerEvent('42')).toBeUndefined();
    expect(parseDockerEvent('{"Type":"service"}')).toBeUndefined();
  });
});

describe('EventDeduper', () => {
  it('drops the same event replayed at a reconnect boundary', () => {
    const d = new EventDeduper();
    const a = parseDockerEvent(line('1700000000000000001'))!;
    const b = parseDockerEvent(line('1700000000000000001', 'svc2'))!;
    expect(d.firstSighting(a)).toBe(true);
    expect(d.firstSighting(b)).toBe(true);
    expect(d.firstSighting(parseDockerEvent(line('1700000000000000001'))!)).toBe(false);
    expect(d.firstSighting(parseDockerEvent(line('1700000000000000001', 'svc1', 'remove'))!)).toBe(true);
  });

  it('forgets keys older than its window', () => {
    const d = new EventDeduper(10n);
    d.firstSighting(parseDockerEvent(line('100'))!);
    d.firstSighting(parseDockerEvent(line('200', 'x'))!);
    expect(d.size).toBe(1);
  });

  it('builds keys from time, type, id and action', () => {
    expect(eventKey(parseDockerEvent(line('5'))!)).toBe('5|service|svc1|create');
  });
});

describe('since', () => {
  it('formats nanoseconds as seconds.nanoseconds', () => {
    expect(toDockerTimestamp(1700000000000000042n)).toBe('1700000000.000000042');
    expect(toDockerTimestamp(0n)).toBe('0.000000000');
  });

  it('resumes from the last seen event, else the start, else live', () => {
    expect(resumeSince({ lastSeen: 2_500_000_000n, startedAt: 1n })).toBe('2.500000000');
    expect(resumeSince({ startedAt: toNanos(1500) })).toBe('1.500000000');
    expect(resumeSince({})).toBeUndefined();
  });
});
