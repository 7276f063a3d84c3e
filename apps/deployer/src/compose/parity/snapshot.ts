import type Docker from 'dockerode';

/** Label `docker stack deploy` (and Swarmops) put on every object of a stack. */
export const NAMESPACE_LABEL = 'com.docker.stack.namespace';

/** What the engine holds for one stack, read back after a deploy: specs keyed by object name. */
export interface StackSnapshot {
  services: Record<string, unknown>;
  networks: Record<string, unknown>;
  configs: Record<string, unknown>;
  secrets: Record<string, unknown>;
  /** Every network id the engine knows, to name service attachments (`Target` is an id once stored). */
  networkNames: Record<string, string>;
  /** Every config and secret id, to check references point at what their name says. */
  configNames: Record<string, string>;
  secretNames: Record<string, string>;
}

/**
 * Reads the services, networks, configs and secrets labelled with the stack's namespace. Waits (up to
 * `timeoutMs`) until Swarm has allocated every network: until then an overlay network reads back
 * without driver, options or IPAM.
 */
export async function readStack(docker: Docker, stack: string, timeoutMs = 20_000): Promise<StackSnapshot> {
  const filters = JSON.stringify({ label: [`${NAMESPACE_LABEL}=${stack}`] });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const networks = await docker.listNetworks({ filters });
    const pending = networks.filter((n) => n.Driver === '' || n.IPAM?.Config === null);
    if (pending.length === 0) break;
    if (Date.now() > deadline)
      throw new Error(`stack ${stack}: networks never allocated: ${pending.map((n) => n.Name).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const [services, networks, configs, secrets, allNetworks, allConfigs, allSecrets] = await Promise.all([
    docker.listServices({ filters }),
    docker.listNetworks({ filters }),
    docker.listConfigs({ filters }),
    docker.listSecrets({ filters }),
    docker.listNetworks(),
    docker.listConfigs(),
    docker.listSecrets(),
  ]);
  const inspected = await Promise.all(
    networks.map((n) => docker.getNetwork(n.Id).inspect() as Promise<NetworkInfo>),
  );
  return {
    services: Object.fromEntries(services.map((s) => [s.Spec?.Name ?? s.ID, s.Spec])),
    networks: Object.fromEntries(inspected.map((n) => [n.Name, networkSpec(n)])),
    configs: Object.fromEntries(configs.map((c) => [c.Spec?.Name ?? c.ID, c.Spec])),
    secrets: Object.fromEntries(secrets.map((s) => [s.Spec?.Name ?? s.ID, s.Spec])),
    networkNames: Object.fromEntries(allNetworks.map((n) => [n.Id, n.Name])),
    configNames: Object.fromEntries(allConfigs.map((c) => [c.ID, c.Spec?.Name ?? ''])),
    secretNames: Object.fromEntries(allSecrets.map((s) => [s.ID, s.Spec?.Name ?? ''])),
  };
}

interface NetworkInfo {
  Name: string;
  Driver: string;
  Scope: string;
  Internal: boolean;
  Attachable: boolean;
  Ingress: boolean;
  EnableIPv6: boolean;
  IPAM: unknown;
  Options: Record<string, string> | null;
  Labels: Record<string, string> | null;
  ConfigOnly?: boolean;
}

// The create-time settings of a network; ids, timestamps, peers and attached containers are runtime state.
function networkSpec(n: NetworkInfo): Record<string, unknown> {
  return {
    Name: n.Name,
    Driver: n.Driver,
    Scope: n.Scope,
    Internal: n.Internal,
    Attachable: n.Attachable,
    Ingress: n.Ingress,
    EnableIPv6: n.EnableIPv6,
    IPAM: n.IPAM,
    Options: n.Options,
    Labels: n.Labels,
    ConfigOnly: n.ConfigOnly,
  };
}
