// bench/mcp responder: serves swarmops.inventory.nodes.list on NATS_URL from the real Docker engine's
// node list (read once at start, so the bench measures the gateway, not Docker).
import { connect } from '@nats-io/transport-node';
import Docker from 'dockerode';
import { endpoint, serve } from '@swarmops/bus';
import { InventoryRpc } from '@swarmops/contracts';
import type { Node } from '@swarmops/contracts';

interface RawNode {
  ID: string;
  Spec: { Role: string; Availability: string; Labels?: Record<string, string> };
  Description: { Hostname: string; Resources: { NanoCPUs: number; MemoryBytes: number } };
  Status: { State: string; Addr: string };
}

const docker = new Docker({
  socketPath: (process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock').replace('unix://', ''),
});
const nodes: Node[] = ((await docker.listNodes()) as unknown as RawNode[]).map((n) => ({
  id: n.ID,
  hostname: n.Description.Hostname,
  ipAddress: n.Status.Addr,
  role: n.Spec.Role === 'manager' ? 'manager' : 'worker',
  status: n.Status.State === 'ready' ? 'ready' : n.Status.State === 'down' ? 'down' : 'unknown',
  availability: n.Spec.Availability as Node['availability'],
  resources: {
    cpus: n.Description.Resources.NanoCPUs / 1e9,
    memoryBytes: n.Description.Resources.MemoryBytes,
  },
  labels: n.Spec.Labels ?? {},
}));
const nc = await connect({ servers: process.env.NATS_URL, name: 'bench-inventory' });
await serve(nc, { name: 'inventory', version: '0.0.0' }, [
  endpoint(InventoryRpc.nodesList, (req) => ({ items: nodes.slice(0, req.limit), nextCursor: null })),
]);
process.stdout.write(`ready ${nodes.length}\n`);
process.on('SIGTERM', () => void nc.close().then(() => process.exit(0)));
