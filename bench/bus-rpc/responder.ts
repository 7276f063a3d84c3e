// The second process of the bus-rpc bench: a packages/bus service and a raw nats.js responder.
import { connect } from '@nats-io/transport-node';
import { connectBus, endpoint, serve } from '@swarmops/bus';
import { echoContract } from './contract.js';

const url = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const prefix = process.env.BENCH_PREFIX!;

const busNc = await connectBus({ url, name: 'bench-bus-responder' });
await serve(busNc, { name: 'bench-echo', version: '0.1.0' }, [
  endpoint(echoContract(`${prefix}.bus`), (req) => ({ name: req.name, n: req.n })),
]);

const rawNc = await connect({ servers: url, name: 'bench-raw-responder' });
rawNc.subscribe(`${prefix}.raw`, {
  callback: (_err, msg) => {
    msg.respond(msg.data);
  },
});

await busNc.flush();
await rawNc.flush();
process.stdout.write('ready\n');
process.on('SIGTERM', () => {
  void Promise.all([busNc.drain(), rawNc.drain()]).then(() => process.exit(0));
});
