import type { Role } from '@swarmops/contracts';

/** A stored personal access token, as lists show it; never holds the secret or its hash. */
export interface TokenRecord {
  id: string;
  name: string;
  /** Visible prefix, `swo_ab12cd34`. */
  prefix: string;
  role: Role;
  /** Stack names the token is limited to; `null` means every stack. */
  stacks: string[] | null;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  createdBy: string;
}

/** Why a stored token cannot be used at `now`, or null when it can. */
export function tokenUnusableReason(
  record: Pick<TokenRecord, 'revokedAt' | 'expiresAt'>,
  now: Date,
): 'revoked' | 'expired' | null {
  if (record.revokedAt !== null) return 'revoked';
  if (record.expiresAt !== null && record.expiresAt.getTime() <= now.getTime()) return 'expired';
  return null;
}
