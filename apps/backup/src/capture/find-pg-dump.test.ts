import { describe, expect, it } from 'vitest';
import { findPgDump } from './find-pg-dump.js';

const fs = (executables: string[], versions: string[] = []) => ({
  isExecutable: (file: string) => executables.includes(file),
  listDir: (dir: string) => (dir === '/usr/lib/postgresql' ? versions : []),
});

describe('findPgDump', () => {
  it('uses BACKUP_PG_DUMP as given', () => {
    expect(
      findPgDump({ configured: '/opt/pg/bin/pg_dump', path: '/usr/bin', ...fs(['/usr/bin/pg_dump']) }),
    ).toBe('/opt/pg/bin/pg_dump');
  });

  it('takes the first pg_dump on PATH', () => {
    expect(findPgDump({ path: '/a:/usr/bin:/b', ...fs(['/usr/bin/pg_dump', '/b/pg_dump'], ['15']) })).toBe(
      '/usr/bin/pg_dump',
    );
  });

  it('falls back to the highest installed PostgreSQL version', () => {
    const lookup = fs(
      [
        '/usr/lib/postgresql/9.6/bin/pg_dump',
        '/usr/lib/postgresql/15/bin/pg_dump',
        '/usr/lib/postgresql/13/bin/pg_dump',
      ],
      ['9.6', '13', '15', 'README', '16'],
    );
    expect(findPgDump({ path: '/nowhere', ...lookup })).toBe('/usr/lib/postgresql/15/bin/pg_dump');
  });

  it('names BACKUP_PG_DUMP when there is none', () => {
    expect(() => findPgDump({ path: '', ...fs([]) })).toThrow(/pg_dump not found.*BACKUP_PG_DUMP/);
  });
});
