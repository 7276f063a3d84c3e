import { describe, expect, it } from 'vitest';
import { uniqueName } from './docker-names.js';

describe('uniqueName', () => {
  it('is short, docker-name safe and unique', () => {
    const names = new Set(Array.from({ length: 200 }, () => uniqueName('My_Service.Name')));
    expect(names.size).toBe(200);
    for (const name of names) expect(name).toMatch(/^my-service-name-[a-z0-9]{8}$/);
  });

  it('caps the length and survives an empty prefix', () => {
    expect(uniqueName('x'.repeat(100)).length).toBeLessThanOrEqual(40);
    expect(uniqueName('--')).toMatch(/^t-[a-z0-9]{8}$/);
  });
});
