import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { ensureStream, eventsStreamConfig } from '@swarmops/bus';
import { eventSubject } from '@swarmops/contracts';
import { startPrivateNats } from '@swarmops/testkit';
import { expect, it } from 'vitest';
import { readRecentEvents } from './service-events.js';

it('keeps the newest events of each subject when more arrived than it keeps', async () => {
  const nats = await startPrivateNats();
  const nc = await connect({ servers: nats.url });
  try {
    await ensureStream(await jetstreamManager(nc), eventsStreamConfig());
    const js = jetstream(nc);
    const since = new Date(Date.now() - 1000);
    const subject = eventSubject('task.state-changed');
    for (let i = 0; i < 1200; i += 1) {
      await js.publish(
        subject,
        JSON.stringify({
          id: crypto.randomUUID(),
          type: 'task.state-changed',
          source: 'test',
          time: new Date().toISOString(),
          clusterId: 'c1',
          data: { kind: 'task', id: `t${i}`, name: 'svc', changes: {} },
        }),
      );
    }
    await js.publish(eventSubject('service.updated'), '{"not":"an event"}');

    const events = await readRecentEvents(js, { since, max: 500 });
    expect(events).toHaveLength(500);
    expect(events[0]?.data.id).toBe('t700');
    expect(events.at(-1)?.data.id).toBe('t1199');

    const bounded = await readRecentEvents(js, { since, max: 100, scanMax: 600 });
    expect(bounded.at(-1)?.data.id).toBe('t599');
  } finally {
    await nc.close();
    await nats.stop();
  }
});
