import { describe, expect, it } from 'vitest';
import { configDiff } from './config-diff.js';

describe('configDiff', () => {
  it('names only the given fields that differ', () => {
    const actual = { name: 's', subjects: ['a.>'], num_replicas: 1, max_age: 0 };
    expect(configDiff({ name: 's', subjects: ['a.>'] }, actual)).toEqual([]);
    expect(configDiff({ name: 's', subjects: ['b.>'], num_replicas: 1 }, actual)).toEqual(['subjects']);
    expect(configDiff({ max_msgs: 10 }, actual)).toEqual(['max_msgs']);
  });
});
