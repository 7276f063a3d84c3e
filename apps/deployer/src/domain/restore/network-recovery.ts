// A network Swarm is still deleting (its stack was just removed) is listed, but a service cannot use it:
// creating the service fails with "network <id> not found", and creating the network again fails with
// "network with name <name> already exists" until Swarm is done. These decide how a restore gets past that.

/** Fields of a network create body (`docker network create`); the rest of an inspected network is state. */
const NETWORK_FIELDS = [
  'Driver',
  'Scope',
  'Internal',
  'Attachable',
  'Ingress',
  'IPAM',
  'EnableIPv6',
  'Options',
  'Labels',
  'ConfigOnly',
  'ConfigFrom',
] as const;

/** The network create body of a restore's network item (named `name`, refusing a duplicate name). */
export function networkCreateBody(name: string, spec: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = { Name: name, CheckDuplicate: true };
  for (const f of NETWORK_FIELDS) if (spec[f] !== undefined) body[f] = spec[f];
  return body;
}

/** The network ids an engine error names as not found (`network <id> not found`). */
export function notFoundNetworkIds(message: string): string[] {
  return [...new Set([...message.matchAll(/network ([0-9A-Za-z]+) not found/g)].map((m) => m[1] ?? ''))];
}

/** Whether a network create failed because a network of that name is still listed (409 / already exists). */
export function isNameTaken(status: number | undefined, message: string): boolean {
  return status === 409 || /already exists/i.test(message);
}

/**
 * The referenced networks an engine error says are gone although this swarm lists them: name and the listed
 * (stale) id, matched by the id in the message (full id or a prefix of it).
 */
export function staleNetworks(
  referenced: readonly string[],
  ids: Readonly<Record<string, string>>,
  message: string,
): { name: string; staleId: string }[] {
  const gone = notFoundNetworkIds(message);
  return referenced.flatMap((name) => {
    const id = ids[name];
    if (id === undefined || !gone.some((g) => id.startsWith(g) || g.startsWith(id))) return [];
    return [{ name, staleId: id }];
  });
}

/** The next move towards a usable network: the id listed under its name, create it, or wait. */
export type NetworkMove = { action: 'use'; id: string } | { action: 'create' } | { action: 'wait' };

/**
 * Decides from what is listed under the network's name: nothing → create it; an id known to be stale (being
 * deleted) → wait for Swarm to finish; any other id → use it (already there, or created meanwhile).
 */
export function nextNetworkMove(listedIds: readonly string[], staleIds: ReadonlySet<string>): NetworkMove {
  const usable = listedIds.find((id) => !staleIds.has(id));
  if (usable !== undefined) return { action: 'use', id: usable };
  return listedIds.length === 0 ? { action: 'create' } : { action: 'wait' };
}
