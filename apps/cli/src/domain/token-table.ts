import type { TokenRecord } from '@swarmops/auth';

/** `2026-03-01 12:00` in UTC, or `-`. */
function when(date: Date | null): string {
  return date === null ? '-' : `${date.toISOString().slice(0, 16).replace('T', ' ')}Z`;
}

/**
 * The `token list` table: prefix, name, role, stacks, created, expires, last used, revoked.
 * Never shows a secret (records do not hold one).
 */
export function renderTokenTable(records: readonly TokenRecord[], now: Date): string {
  if (records.length === 0) return 'No tokens. Create one with: ./swarmops token create --role viewer';
  const header = ['PREFIX', 'NAME', 'ROLE', 'STACKS', 'CREATED', 'EXPIRES', 'LAST USED', 'REVOKED'];
  const rows = records.map((r) => [
    r.prefix,
    r.name,
    r.role,
    r.stacks === null ? '*' : r.stacks.join(','),
    when(r.createdAt),
    r.expiresAt !== null && r.expiresAt.getTime() <= now.getTime()
      ? `${when(r.expiresAt)} (expired)`
      : when(r.expiresAt),
    when(r.lastUsedAt),
    when(r.revokedAt),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/** What `token create` prints: the secret once, then how it is identified. */
export function renderCreatedToken(token: string, record: TokenRecord): string {
  return [
    token,
    '',
    `prefix:  ${record.prefix}`,
    `name:    ${record.name}`,
    `role:    ${record.role}`,
    `stacks:  ${record.stacks === null ? 'all' : record.stacks.join(', ')}`,
    `expires: ${record.expiresAt === null ? 'never' : record.expiresAt.toISOString()}`,
    '',
    'This is the only time the token is shown; store it now (it is kept hashed).',
  ].join('\n');
}

/** `--stacks a,b` as a list; empty entries dropped. */
export function parseStacksOption(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const stacks = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return stacks.length > 0 ? stacks : undefined;
}
