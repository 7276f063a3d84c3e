import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, keysetQuery, SqlWhere, toPage } from './inventory-reader-paging.js';
import { likeSubstring } from './inventory-reader-filters.js';

describe('cursor', () => {
  it('round-trips a sort key', () => {
    const key = ['api/é', 'x1y2'];
    expect(decodeCursor(encodeCursor(key), 2)).toEqual(key);
  });

  it('refuses a malformed cursor naming the field', () => {
    for (const bad of ['%%%', 'bm90IGpzb24', encodeCursor(['only-one']), encodeCursor([1, 2] as never)]) {
      try {
        decodeCursor(bad, 2);
        expect.fail(`accepted ${bad}`);
      } catch (err) {
        expect(err).toMatchObject({ code: 'INVALID_REQUEST', details: { issues: [{ path: 'cursor' }] } });
      }
    }
  });
});

describe('keysetQuery', () => {
  it('continues after the cursor key and fetches one extra row', () => {
    const where = new SqlWhere().and((p) => `cluster_id = ${p('c1')}`);
    const q = keysetQuery({
      table: 'services',
      keyColumns: ['name', 'service_id'],
      where,
      limit: 2,
      cursor: encodeCursor(['b', 'id2']),
    });
    expect(q.text).toBe(
      'SELECT doc, name AS k0, service_id AS k1 FROM services WHERE (cluster_id = $1) AND ((name, service_id) > ($2, $3)) ORDER BY name, service_id LIMIT $4',
    );
    expect(q.values).toEqual(['c1', 'b', 'id2', 3]);
  });

  it('returns another document expression when asked to', () => {
    const q = keysetQuery({
      table: 'services',
      keyColumns: ['name'],
      where: new SqlWhere(),
      limit: 5,
      docSql: `doc || jsonb_build_object('spec', spec)`,
    });
    expect(q.text).toBe(
      `SELECT doc || jsonb_build_object('spec', spec) AS doc, name AS k0 FROM services WHERE TRUE ORDER BY name LIMIT $1`,
    );
  });

  it('gives a cursor only when another page exists', () => {
    const rows = [1, 2, 3].map((n) => ({ doc: { n }, k0: `n${n}`, k1: `i${n}` }));
    const first = toPage(rows, 2, 2);
    expect(first.items).toEqual([{ n: 1 }, { n: 2 }]);
    expect(decodeCursor(first.nextCursor!, 2)).toEqual(['n2', 'i2']);
    expect(toPage(rows, 3, 2).nextCursor).toBeNull();
  });
});

describe('likeSubstring', () => {
  it('matches wildcards literally', () => {
    expect(likeSubstring('a_b%c\\d')).toBe('%a\\_b\\%c\\\\d%');
  });
});
