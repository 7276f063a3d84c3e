import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrationsFolder } from './migrations-folder.js';

describe('migrationsFolder', () => {
  it('points at the committed drizzle-kit journal beside src and dist', () => {
    const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
      entries: { tag: string }[];
    };
    expect(journal.entries.length).toBeGreaterThan(0);
    for (const entry of journal.entries) {
      expect(existsSync(join(migrationsFolder, `${entry.tag}.sql`))).toBe(true);
    }
  });
});
