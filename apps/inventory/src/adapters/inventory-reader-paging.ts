import { AppError, ErrorCode } from '@swarmops/contracts';

// Keyset paging: rows are ordered by a tuple of text columns and the cursor is the last row's
// tuple, base64url-encoded JSON. Opaque to callers; malformed ones are the caller's mistake.

/** One page of a list reply. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Encodes the sort key of the last row of a page. */
export function encodeCursor(key: readonly string[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** Decodes a cursor made by {@link encodeCursor} for a key of `width` columns, or refuses it naming `cursor`. */
export function decodeCursor(cursor: string, width: number): string[] {
  const refuse = (why: string) =>
    new AppError(ErrorCode.INVALID_REQUEST, `invalid \`cursor\`: ${why}`, {
      details: { issues: [{ path: 'cursor', message: why }] },
    });
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw refuse('not a cursor from a previous page');
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw refuse('not a cursor from a previous page');
  }
  if (!Array.isArray(key) || key.length !== width || !key.every((part) => typeof part === 'string')) {
    throw refuse('not a cursor of this list');
  }
  return key;
}

/** A SQL fragment with positional parameters, built up clause by clause. */
export class SqlWhere {
  readonly clauses: string[] = [];
  readonly params: unknown[] = [];

  /** Adds a parameter and returns its placeholder (`$n`). */
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  /** Adds a clause; `build` receives {@link param} to place its values. */
  and(build: (param: (value: unknown) => string) => string): this {
    this.clauses.push(build((value) => this.param(value)));
    return this;
  }

  toSql(): string {
    return this.clauses.length === 0 ? 'TRUE' : this.clauses.map((c) => `(${c})`).join(' AND ');
  }
}

/** What {@link keysetQuery} needs: the table, its sort columns, filters already in `where`. */
export interface KeysetQuery {
  table: string;
  /** Sort key columns, e.g. `['name', 'service_id']`; each yields text. */
  keyColumns: readonly string[];
  where: SqlWhere;
  limit: number;
  cursor?: string | undefined;
  /** The SQL of the returned document; `doc` unless the caller adds columns to it. */
  docSql?: string;
}

/** The SQL of one page: one row more than `limit` is fetched to know whether another page exists. */
export function keysetQuery({ table, keyColumns, where, limit, cursor, docSql = 'doc' }: KeysetQuery): {
  text: string;
  values: unknown[];
} {
  if (cursor !== undefined) {
    const key = decodeCursor(cursor, keyColumns.length);
    where.and((p) => `(${keyColumns.join(', ')}) > (${key.map((part) => p(part)).join(', ')})`);
  }
  const keys = keyColumns.map((c, i) => `${c} AS k${i}`).join(', ');
  const text =
    `SELECT ${docSql === 'doc' ? 'doc' : `${docSql} AS doc`}, ${keys} FROM ${table} WHERE ${where.toSql()} ` +
    `ORDER BY ${keyColumns.join(', ')} LIMIT ${where.param(limit + 1)}`;
  return { text, values: where.params };
}

/** Turns the rows of {@link keysetQuery} into a page. */
export function toPage<T>(rows: readonly Record<string, unknown>[], limit: number, width: number): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const more = rows.length > limit && last !== undefined;
  return {
    items: items.map((row) => row.doc as T),
    nextCursor: more ? encodeCursor(Array.from({ length: width }, (_, i) => String(last[`k${i}`]))) : null,
  };
}
