import type { Role } from '@swarmops/contracts';

/**
 * Who is calling, after authentication. `id` is what audit entries and rate limits key on:
 * `token:<prefix>` for a personal access token, `oauth:<sub>` for an OAuth JWT, `stdio` for a
 * trusted local process. Never contains a secret.
 */
export interface Principal {
  id: string;
  kind: 'token' | 'oauth' | 'stdio';
  /** The api_tokens row id, for personal access tokens. */
  tokenId?: string;
  /** The OAuth client (`client_id` or `azp` claim), for OAuth JWTs. */
  clientId?: string;
  role: Role;
  /** Stack names the principal is limited to; `null` means every stack. */
  stacks: string[] | null;
}
